import { Column, Entity, PrimaryColumn, UpdateDateColumn } from 'typeorm';
import type { CatalogView } from '../catalog';

/** One catalog view as last saved; the whole runtime view is kept as JSON in definition. */
@Entity('catalog_view')
export class CatalogViewEntity {
  @PrimaryColumn({ type: 'varchar', length: 63, primaryKeyConstraintName: 'PK_catalog_view' })
  name!: string;

  @Column({ type: 'varchar', length: 255 })
  source!: string;

  @Column({ type: 'text' })
  description!: string;

  @Column({ type: 'simple-json' })
  definition!: CatalogView;

  @Column({ name: 'source_file', type: 'text' })
  sourceFile!: string;

  /** Hash of the catalog this row was last saved with; every row carries the current one. */
  @Column({ name: 'catalog_hash', type: 'varchar', length: 64 })
  catalogHash!: string;

  /** Order of the view in its catalog, so that a loaded catalog lists views as the files did. */
  @Column({ type: 'integer', default: 0 })
  position!: number;

  /** When the definition last changed (a save that leaves it alone keeps this). */
  @UpdateDateColumn({ name: 'updated_at' })
  updatedAt!: Date;
}
