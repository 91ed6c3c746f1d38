import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import type { Plan } from '@chatbi/contracts';
import { DuckDbWarehouse } from '@chatbi/warehouse';
import { duckdbDialect } from './dialects/duckdb.dialect';
import { SqlTemplaterService } from './sql-templater.service';
import { defaultTemplatesDir } from './templates-dir';
import { ANALYST, fixtureCatalogWithAccess } from './testing/access.fixture';
import { ACTIVITY_TABLE, CITIES_TABLE, FIXTURE_TODAY, activityRows, cityRows } from './testing/activity.fixture';
import { FIXTURE_PLANS } from './testing/fixture-plans';
import { createAndLoad, duckdbWriter } from './testing/table-loader';

const QUERY = { timeoutMs: 60_000, maxRows: 1_000 };
const RUNS = 20;

/**
 * DuckDB before 1.5.6 pushed a join's dynamic (bloom) filter into a grouped probe side and, when
 * several threads ran, sometimes dropped every row: the row-policed "to-many metric aggregated per
 * key before the join" plan answered 0 rows instead of 1 (DuckDB issue 22075; with 1.5.0 and four
 * threads about two runs in three). The same statement must answer the same rows on four threads,
 * every time, as it does on one.
 */
describe('pre-aggregates joined to their view on DuckDB with several threads', () => {
  let dir: string;
  let file: string;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'chatbi-preagg-'));
    file = join(dir, 'fixture.duckdb');
    const instance = await DuckDBInstance.create(file);
    const connection = await instance.connect();
    await createAndLoad(duckdbWriter(connection), ACTIVITY_TABLE, activityRows() as unknown as Record<string, unknown>[]);
    await createAndLoad(duckdbWriter(connection), CITIES_TABLE, cityRows() as unknown as Record<string, unknown>[]);
    await connection.run('CHECKPOINT');
    connection.closeSync();
    instance.closeSync();
  }, 120_000);

  afterAll(() => {
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  async function answers(threads: string, sql: { text: string; params: unknown[] }, runs: number): Promise<string[]> {
    const warehouse = await DuckDbWarehouse.open(file, { config: { threads } });
    try {
      const seen: string[] = [];
      for (let i = 0; i < runs; i++) seen.push(JSON.stringify((await warehouse.query(sql.text, sql.params, QUERY)).rows));
      return seen;
    } finally {
      await warehouse.close();
    }
  }

  it('answers the row-policed to-many pre-aggregate plan the same on four threads as on one, every run', async () => {
    const [, plan] = FIXTURE_PLANS.find(([label]) => label.startsWith('a to-many metric aggregated per key before the join'))!;
    const templater = new SqlTemplaterService({ dialect: duckdbDialect, templatesDir: defaultTemplatesDir() });
    const catalog = fixtureCatalogWithAccess().restrictedTo(ANALYST.roles);
    const { sql } = templater.render(plan as Plan, catalog, FIXTURE_TODAY, ANALYST.attributes);

    const [reference] = await answers('1', sql, 1);
    expect(JSON.parse(reference)).toHaveLength(1);
    expect(await answers('4', sql, RUNS)).toEqual(Array(RUNS).fill(reference));
  }, 120_000);
});
