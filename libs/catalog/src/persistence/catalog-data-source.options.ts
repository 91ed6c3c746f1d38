import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import type { DataSourceOptions, EntitySchema, MigrationInterface } from 'typeorm';
import { CatalogViewEntity } from './catalog-view.entity';
import { CreateCatalogView1730000000000 } from './migrations/1730000000000-create-catalog-view.migration';

export type CatalogDatabaseConfig = { kind: 'sqlite'; file: string } | { kind: 'postgres'; url: string };

type EntityClass = Function | EntitySchema;
type MigrationClass = new () => MigrationInterface;

export const CATALOG_ENTITIES: EntityClass[] = [CatalogViewEntity];
export const CATALOG_MIGRATIONS: MigrationClass[] = [CreateCatalogView1730000000000];

/**
 * TypeORM options for the metadata database. SQLite (embedded) creates its schema with synchronize,
 * which sets up a fresh file and leaves a current one alone. PostgreSQL (distributed) never
 * synchronizes: its schema comes from migrations, run on initialize, and other entities that share
 * the database must bring their own migrations in extraMigrations.
 */
export function catalogDataSourceOptions(
  config: CatalogDatabaseConfig,
  extraEntities: EntityClass[] = [],
  extraMigrations: MigrationClass[] = [],
): DataSourceOptions {
  const entities = [...CATALOG_ENTITIES, ...extraEntities];
  switch (config.kind) {
    case 'sqlite':
      // better-sqlite3 creates the file but not its directory.
      if (config.file !== ':memory:') mkdirSync(dirname(config.file), { recursive: true });
      return { type: 'better-sqlite3', database: config.file, entities, synchronize: true, enableWAL: true };
    case 'postgres':
      return {
        type: 'postgres',
        url: config.url,
        entities,
        migrations: [...CATALOG_MIGRATIONS, ...extraMigrations],
        migrationsRun: true,
        migrationsTransactionMode: 'each',
        synchronize: false,
      };
  }
}
