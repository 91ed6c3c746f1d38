import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { CatalogLoader, type Catalog } from '@chatbi/catalog';
import { DuckDbWarehouse } from '@chatbi/warehouse';
import {
  ACTIVITY_TABLE,
  CITIES_TABLE,
  CLICKS_TABLE,
  FIXTURE_CATALOG_YAML,
  FIXTURE_RELATIONSHIPS_YAML,
  activityRows,
  cityRows,
  clickRows,
  type ActivityRow,
  type ClickRow,
} from './activity.fixture';
import { createAndLoad, duckdbWriter } from './table-loader';

export interface DuckDbFixture {
  warehouse: DuckDbWarehouse;
  catalog: Catalog;
  activity: ActivityRow[];
  clicks: ClickRow[];
  file: string;
  close(): Promise<void>;
}

export function fixtureCatalog(): Catalog {
  return new CatalogLoader().loadSources([
    { file: 'templater-fixture.yaml', text: FIXTURE_CATALOG_YAML },
    { file: 'templater-relationships.yaml', text: `version: 1${FIXTURE_RELATIONSHIPS_YAML}` },
  ]);
}

/** The fixture tables in a DuckDB file of their own, opened read-only through DuckDbWarehouse. */
export async function openDuckDbFixture(): Promise<DuckDbFixture> {
  const dir = mkdtempSync(join(tmpdir(), 'chatbi-templater-'));
  const file = join(dir, 'fixture.duckdb');
  const activity = activityRows();
  const clicks = clickRows();
  const instance = await DuckDBInstance.create(file);
  const connection = await instance.connect();
  try {
    await createAndLoad(duckdbWriter(connection), ACTIVITY_TABLE, activity as unknown as Record<string, unknown>[]);
    await createAndLoad(duckdbWriter(connection), CLICKS_TABLE, clicks as unknown as Record<string, unknown>[]);
    await createAndLoad(duckdbWriter(connection), CITIES_TABLE, cityRows() as unknown as Record<string, unknown>[]);
    await connection.run('CHECKPOINT');
  } finally {
    connection.closeSync();
    instance.closeSync();
  }
  const warehouse = await DuckDbWarehouse.open(file);
  return {
    warehouse,
    catalog: fixtureCatalog(),
    activity,
    clicks,
    file,
    async close() {
      await warehouse.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
