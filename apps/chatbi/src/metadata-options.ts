import { join } from 'node:path';
import type { DataSourceOptions } from 'typeorm';
import { catalogDataSourceOptions } from '@chatbi/catalog';
import type { ChatbiConfig } from './config/chatbi.config';
import { METADATA_ENTITIES, METADATA_MIGRATIONS } from './metadata-tables';

/** The embedded app's metadata database: CHATBI_METADATA_URL's PostgreSQL, else SQLite in the data folder. */
export function metadataDataSourceOptions(config: Pick<ChatbiConfig, 'CHATBI_METADATA_URL' | 'CHATBI_DATA_DIR'>): DataSourceOptions {
  return catalogDataSourceOptions(
    config.CHATBI_METADATA_URL ? { kind: 'postgres', url: config.CHATBI_METADATA_URL } : { kind: 'sqlite', file: join(config.CHATBI_DATA_DIR, 'metadata.sqlite') },
    METADATA_ENTITIES,
    METADATA_MIGRATIONS,
  );
}
