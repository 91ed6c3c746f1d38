import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { Client } from 'pg';
import type { Catalog } from '@chatbi/catalog';
import { ChatbiError, type Plan, type PlanInput } from '@chatbi/contracts';
import { DuckDbWarehouse, PostgresWarehouse, type Warehouse } from '@chatbi/warehouse';
import { startPostgresTestServer, type PostgresTestServer } from '../../../libs/catalog/src/persistence/testing/postgres-test-server';
import { duckdbDialect } from './dialects/duckdb.dialect';
import { postgresDialect } from './dialects/postgres.dialect';
import { SqlTemplaterService } from './sql-templater.service';
import { defaultTemplatesDir } from './templates-dir';
import { ANALYST, analystRows, fixtureCatalogWithAccess } from './testing/access.fixture';
import { ACTIVITY_TABLE, CITIES_TABLE, CLICKS_TABLE, FIXTURE_TODAY, activityRows, cityRows, clickRows } from './testing/activity.fixture';
import { FIXTURE_PLANS } from './testing/fixture-plans';
import { firstDifference, normalizeRows } from './testing/result.normalizer';
import { createAndLoad, duckdbWriter, postgresWriter, type TableSpec, type TableWriter } from './testing/table-loader';

const QUERY = { timeoutMs: 60_000, maxRows: 100_000 };

interface Engine {
  name: string;
  templater: SqlTemplaterService;
  /** Every row of the fixture. */
  full: Warehouse;
  /** Only the rows the analyst may read: what the policy's answers must equal. */
  allowed: Warehouse;
}

async function load(writer: TableWriter, data: { activity: unknown[]; cities: unknown[]; clicks: unknown[] }): Promise<void> {
  const tables: [TableSpec, unknown[]][] = [
    [ACTIVITY_TABLE, data.activity],
    [CITIES_TABLE, data.cities],
    [CLICKS_TABLE, data.clicks],
  ];
  for (const [table, rows] of tables) await createAndLoad(writer, table, rows as Record<string, unknown>[]);
}

async function duckdbFile(file: string, data: Parameters<typeof load>[1]): Promise<DuckDbWarehouse> {
  const instance = await DuckDBInstance.create(file);
  const connection = await instance.connect();
  await load(duckdbWriter(connection), data);
  await connection.run('CHECKPOINT');
  connection.closeSync();
  instance.closeSync();
  return DuckDbWarehouse.open(file);
}

/**
 * Row-level security on real engines: every plan shape of the fixture, asked by an analyst whose
 * role reads some rows of each view, answers exactly what the same plan answers on a warehouse that
 * holds only those rows (joins, pre-aggregates, exists, roll-ups, comparisons, totals).
 */
describe('access rules on DuckDB and PostgreSQL', () => {
  let pg: PostgresTestServer;
  let dir: string;
  let catalog: Catalog;
  const engines: Engine[] = [];

  beforeAll(async () => {
    pg = await startPostgresTestServer();
    dir = mkdtempSync(join(tmpdir(), 'chatbi-access-'));
    const full = { activity: activityRows(), cities: cityRows(), clicks: clickRows() };
    const allowed = analystRows();
    const client = new Client({ connectionString: pg.url });
    await client.connect();
    try {
      await load(postgresWriter(client), full);
      await client.query('CREATE DATABASE allowed');
    } finally {
      await client.end();
    }
    const allowedUrl = pg.url.replace(/\/postgres$/, '/allowed');
    const allowedClient = new Client({ connectionString: allowedUrl });
    await allowedClient.connect();
    try {
      await load(postgresWriter(allowedClient), allowed);
    } finally {
      await allowedClient.end();
    }
    const templater = (dialect: typeof duckdbDialect) => new SqlTemplaterService({ dialect, templatesDir: defaultTemplatesDir() });
    engines.push(
      { name: 'duckdb', templater: templater(duckdbDialect), full: await duckdbFile(join(dir, 'full.duckdb'), full), allowed: await duckdbFile(join(dir, 'allowed.duckdb'), allowed) },
      { name: 'postgres', templater: templater(postgresDialect), full: await PostgresWarehouse.open(pg.url), allowed: await PostgresWarehouse.open(allowedUrl) },
    );
    catalog = fixtureCatalogWithAccess();
  }, 180_000);

  afterAll(async () => {
    for (const e of engines) await Promise.all([e.full.close(), e.allowed.close()]).catch(() => undefined);
    await pg?.stop();
    if (dir) rmSync(dir, { recursive: true, force: true });
  }, 60_000);

  async function run(engine: Engine, warehouse: Warehouse, plan: PlanInput, asAnalyst: boolean) {
    const seen = asAnalyst ? catalog.restrictedTo(ANALYST.roles) : catalog.restrictedTo(['admin']);
    const { sql, total } = engine.templater.render(plan as Plan, seen, FIXTURE_TODAY, asAnalyst ? ANALYST.attributes : {});
    const result = await warehouse.query(sql.text, sql.params, QUERY);
    const totals = total ? (await warehouse.query(total.text, total.params, QUERY)).rows : [];
    return { sql, columns: result.columns.map((c) => c.name), rows: result.rows, totals };
  }

  const readable = FIXTURE_PLANS.filter(([, plan]) => !JSON.stringify(plan).match(/revenue|arpu/));

  it.each(readable)('%s: the analyst gets the rows a warehouse of only their rows gives', async (label, plan) => {
    for (const engine of engines) {
      const policed = await run(engine, engine.full, plan, true);
      const reference = await run(engine, engine.allowed, plan, false);
      expect(`${engine.name}: ${policed.columns.join(', ')}`).toBe(`${engine.name}: ${reference.columns.join(', ')}`);
      const difference = firstDifference(normalizeRows(reference.rows, reference.columns), normalizeRows(policed.rows, reference.columns), reference.columns);
      expect(`${engine.name}: ${difference ?? 'same rows'}`).toBe(`${engine.name}: same rows`);
      expect(normalizeRows(policed.totals, reference.columns.filter((c) => c in (reference.totals[0] ?? {})))).toEqual(
        normalizeRows(reference.totals, reference.columns.filter((c) => c in (reference.totals[0] ?? {}))),
      );
    }
  }, 60_000);

  it('binds the attributes as parameters: none of their values is written into the SQL', async () => {
    const { sql } = await run(engines[1], engines[1].full, { view: 'activity', metrics: [{ column: 'dau' }], dimensions: ['city_info.region'] }, true);
    expect(sql.text).not.toMatch(/'main'|'east'/);
    expect(sql.params).toEqual(expect.arrayContaining(['main', 2, 'east']));
  });

  it('an admin (a rule with no filter) reads every row', async () => {
    const plan: PlanInput = { view: 'activity', metrics: [{ column: 'revenue' }], dimensions: ['app_name'] };
    const rows = (await run(engines[0], engines[0].full, plan, false)).rows;
    expect(rows.map((r) => r.app_name).sort()).toEqual(['lite', 'main']);
  });

  it('a hidden column, and a virtual column computed from it, are unknown to the analyst as if they did not exist', () => {
    const analyst = catalog.restrictedTo(ANALYST.roles);
    const refusal = (plan: PlanInput) => {
      try {
        engines[0].templater.render(plan as Plan, analyst, FIXTURE_TODAY, ANALYST.attributes);
      } catch (error) {
        return (error as ChatbiError).toBody();
      }
      throw new Error('expected a refusal');
    };
    const hidden = refusal({ view: 'activity', metrics: [{ column: 'revenue' }] });
    const missing = refusal({ view: 'activity', metrics: [{ column: 'no_such_column' }] });
    expect(hidden.code).toBe('UNKNOWN_COLUMN');
    expect(hidden.message.replace('revenue', 'X')).toBe(missing.message.replace('no_such_column', 'X'));
    expect(refusal({ view: 'activity', metrics: [{ column: 'arpu' }] }).code).toBe('UNKNOWN_COLUMN');
    expect(refusal({ view: 'activity', rows: { columns: ['uid', 'revenue'] } }).code).toBe('UNKNOWN_COLUMN');
    expect(refusal({ view: 'activity', metrics: [{ column: 'dau' }], filters: [{ column: 'revenue', op: '>', value: 0 }] }).code).toBe('UNKNOWN_COLUMN');
    expect(analyst.view('activity')!.columns.map((c) => c.name)).not.toEqual(expect.arrayContaining(['revenue']));
  });

  it('a user without a role that names a view does not see the view at all', () => {
    const nobody = catalog.restrictedTo([]);
    expect(nobody.views).toEqual([]);
    expect(() => engines[0].templater.render({ view: 'activity', metrics: [{ column: 'dau' }] } as Plan, nobody, FIXTURE_TODAY)).toThrow(/no view named activity/);
  });

  it('refuses to read a view with rules through the unrestricted catalog', () => {
    expect(() => engines[0].templater.render({ view: 'activity', metrics: [{ column: 'dau' }] } as Plan, catalog, FIXTURE_TODAY)).toThrow(/access rules/);
  });
});
