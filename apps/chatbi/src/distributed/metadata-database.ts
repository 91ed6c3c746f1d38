import { Logger } from '@nestjs/common';
import { DataSource, type DataSourceOptions } from 'typeorm';
import { catalogDataSourceOptions } from '@chatbi/catalog';
import { CreateMessageReceipt1730000000200 } from '@chatbi/transport';
import { METADATA_ENTITIES, METADATA_MIGRATIONS } from '../metadata-tables';

/** Any fixed number: the PostgreSQL advisory lock that lets one service at a time run the migrations. */
const MIGRATION_LOCK = 72_260_001;

/** The metadata database of distributed mode: PostgreSQL, every table from migrations, never synchronize. */
export function metadataOptions(url: string): DataSourceOptions {
  const options = catalogDataSourceOptions(
    { kind: 'postgres', url },
    METADATA_ENTITIES,
    [...METADATA_MIGRATIONS, CreateMessageReceipt1730000000200],
  );
  return { ...options, migrationsRun: false, extra: { max: 5 } } as DataSourceOptions;
}

/**
 * Connects and brings the schema up to date. Six services start at once against one database, so
 * the migrations run under an advisory lock: the first runs them, the others then find nothing to do.
 */
export async function openMetadataDatabase(url: string, logger = new Logger('Metadata')): Promise<DataSource> {
  const dataSource = new DataSource(metadataOptions(url));
  const deadline = Date.now() + 60_000;
  for (;;) {
    try {
      await dataSource.initialize();
      break;
    } catch (error) {
      if (Date.now() > deadline) throw error;
      logger.warn(`PostgreSQL is not reachable yet (${(error as Error).message}); retrying`);
      await new Promise((resolve) => setTimeout(resolve, 1_000));
    }
  }
  const runner = dataSource.createQueryRunner();
  await runner.connect();
  try {
    await runner.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK]);
    const applied = await dataSource.runMigrations({ transaction: 'each' });
    if (applied.length > 0) logger.log(`applied migrations: ${applied.map((m) => m.name).join(', ')}`);
  } finally {
    await runner.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK]).catch(() => undefined);
    await runner.release();
  }
  return dataSource;
}
