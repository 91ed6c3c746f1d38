import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { AttributeValue } from '@chatbi/contracts';
import type { Scope } from '../principal';

/** An API token: only the SHA-256 of its secret is kept; the token itself is shown once, when created. */
@Entity('api_token')
export class ApiTokenEntity {
  @PrimaryColumn({ type: 'varchar', length: 32, primaryKeyConstraintName: 'PK_api_token' })
  id!: string;

  @Column({ type: 'varchar', length: 200 })
  name!: string;

  @Column({ type: 'varchar', length: 200 })
  user!: string;

  @Column({ type: 'simple-json' })
  scopes!: Scope[];

  @Column({ type: 'simple-json' })
  roles!: string[];

  @Column({ type: 'simple-json' })
  attributes!: Record<string, AttributeValue>;

  @Column({ type: 'varchar', length: 64 })
  secretHash!: string;

  @Column({ type: 'integer', nullable: true })
  rateLimitPerMinute!: number | null;

  @Column({ type: 'varchar', length: 40 })
  createdAt!: string;

  @Column({ type: 'varchar', length: 40, nullable: true })
  expiresAt!: string | null;

  @Column({ type: 'varchar', length: 40, nullable: true })
  revokedAt!: string | null;

  @Column({ type: 'varchar', length: 40, nullable: true })
  lastUsedAt!: string | null;
}
