import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { DuckDBInstance } from '@duckdb/node-api';
import { createConnection, type Connection } from 'mysql2/promise';
import { Client } from 'pg';
import { CatalogLoader, type Catalog } from '@chatbi/catalog';
import { DEMO_CATALOG_DIR } from '@chatbi/demo-world';
import { DuckDbWarehouse, MySqlWarehouse, PostgresWarehouse, type Warehouse } from '@chatbi/warehouse';
import type { PlanInput } from '@chatbi/contracts';
import { startPostgresTestServer, type PostgresTestServer } from '../../../libs/catalog/src/persistence/testing/postgres-test-server';
import { startMariaDbTestServer, type MariaDbTestServer } from '../../../libs/warehouse/src/testing/mariadb-test-server';
import { duckdbDialect } from './dialects/duckdb.dialect';
import { mysqlDialect } from './dialects/mysql.dialect';
import { postgresDialect } from './dialects/postgres.dialect';
import { SqlTemplaterService } from './sql-templater.service';
import { defaultTemplatesDir } from './templates-dir';
import { ACTIVITY_TABLE, CITIES_TABLE, CLICKS_TABLE, FIXTURE_TODAY, activityRows, cityRows, clickRows, type ActivityRow } from './testing/activity.fixture';
import { FIXTURE_PLANS } from './testing/fixture-plans';
import { distinctCount, ratio, referenceComparison } from './testing/comparison.reference';
import { DEMO_END_DATE, DEMO_TODAY, writeDemoSlice } from './testing/demo-slice';
import { fixtureCatalog } from './testing/fixture-warehouse';
import { validPlan } from './testing/plan.arbitrary';
import { firstDifference, normalizeRows } from './testing/result.normalizer';
import { createAndLoad, duckdbWriter, mysqlWriter, postgresWriter, type TableSpec } from './testing/table-loader';

const QUERY = { timeoutMs: 60_000, maxRows: 100_000 };
const DEMO_TABLES = ['user_activity_daily', 'video_play_daily', 'search_daily'];
const DEMO_DAYS = 21;

interface Engine {
  name: string;
  warehouse: Warehouse;
  templater: SqlTemplaterService;
}


// Needs Debian's postgresql and mariadb-server; without them this suite fails and says what to install.
describe('the same plans on DuckDB, PostgreSQL and MariaDB return the same rows', () => {
  let pgServer: PostgresTestServer;
  let mariaDb: MariaDbTestServer;
  let dir: string;
  let fixture: Catalog;
  let demo: Catalog;
  let demoFirstDay: string;
  const engines: Engine[] = [];
  const activity = activityRows();

  beforeAll(async () => {
    // Servers first: a process that has opened DuckDB cannot reliably start processes.
    [pgServer, mariaDb] = await Promise.all([startPostgresTestServer(), startMariaDbTestServer()]);
    dir = mkdtempSync(join(tmpdir(), 'chatbi-engines-'));
    const file = join(dir, 'engines.duckdb');
    const slice = await writeDemoSlice(file, DEMO_TABLES, DEMO_DAYS);
    demoFirstDay = slice.firstDay;
    const instance = await DuckDBInstance.create(file);
    const connection = await instance.connect();
    await createAndLoad(duckdbWriter(connection), ACTIVITY_TABLE, activity as unknown as Record<string, unknown>[]);
    await createAndLoad(duckdbWriter(connection), CLICKS_TABLE, clickRows() as unknown as Record<string, unknown>[]);
    await createAndLoad(duckdbWriter(connection), CITIES_TABLE, cityRows() as unknown as Record<string, unknown>[]);
    await connection.run('CHECKPOINT');
    connection.closeSync();
    instance.closeSync();
    const duckdb = await DuckDbWarehouse.open(file);

    // The other engines get the rows DuckDB holds.
    const pgClient = new Client({ connectionString: pgServer.url });
    await pgClient.connect();
    const mysql: Connection = await createConnection({ host: mariaDb.host, port: mariaDb.port, user: mariaDb.user, database: mariaDb.database, charset: 'utf8mb4' });
    try {
      const tables: TableSpec[] = [ACTIVITY_TABLE, CLICKS_TABLE, CITIES_TABLE, ...slice.tables];
      for (const table of tables) {
        const { rows } = await duckdb.query(`SELECT * FROM "${table.name}"`, [], { timeoutMs: 60_000, maxRows: 10_000_000 });
        await Promise.all([createAndLoad(postgresWriter(pgClient), table, rows), createAndLoad(mysqlWriter(mysql), table, rows)]);
      }
    } finally {
      await pgClient.end();
      await mysql.end();
    }
    fixture = fixtureCatalog();
    demo = new CatalogLoader().loadDirectory(DEMO_CATALOG_DIR);
    const templater = (dialect: typeof duckdbDialect) => new SqlTemplaterService({ dialect, templatesDir: defaultTemplatesDir() });
    engines.push(
      { name: 'duckdb', warehouse: duckdb, templater: templater(duckdbDialect) },
      { name: 'postgres', warehouse: await PostgresWarehouse.open(pgServer.url), templater: templater(postgresDialect) },
      { name: 'mariadb', warehouse: await MySqlWarehouse.open(mariaDb.url), templater: templater(mysqlDialect) },
    );
  }, 180_000);

  afterAll(async () => {
    for (const engine of engines) await engine.warehouse.close().catch(() => undefined);
    await Promise.all([pgServer?.stop(), mariaDb?.stop()]);
    if (dir) rmSync(dir, { recursive: true, force: true });
  }, 60_000);

  async function answers(plan: PlanInput, catalog: Catalog, today: string) {
    return Promise.all(
      engines.map(async (engine) => {
        const { sql } = engine.templater.render(plan as never, catalog, today);
        const result = await engine.warehouse.query(sql.text, sql.params, QUERY);
        return { engine: engine.name, columns: result.columns.map((c) => c.name), rows: result.rows };
      }),
    );
  }

  async function expectSameRows(plan: PlanInput, catalog: Catalog, today: string): Promise<number> {
    const [reference, ...others] = await answers(plan, catalog, today);
    for (const other of others) {
      expect(`${other.engine}: ${other.columns.join(', ')}`).toBe(`${other.engine}: ${reference.columns.join(', ')}`);
      const difference = firstDifference(normalizeRows(reference.rows, reference.columns), normalizeRows(other.rows, reference.columns), reference.columns);
      expect(`${other.engine}: ${difference ?? 'same rows'}`).toBe(`${other.engine}: same rows`);
    }
    return reference.rows.length;
  }

  it.each(FIXTURE_PLANS)('%s', async (_label, plan) => {
    const rows = await expectSameRows(plan, fixture, FIXTURE_TODAY);
    expect(rows).toBeGreaterThan(0);
  });

  it('on every engine, a to-many metric never fans out: each region\'s population is its cities\' sum, however many activity rows they have', async () => {
    const plan: PlanInput = { view: 'cities', metrics: [{ column: 'population' }, { column: 'activity.staytime', as: 'staytime' }], dimensions: ['region'] };
    const cities = cityRows();
    for (const answer of await answers(plan, fixture, FIXTURE_TODAY)) {
      for (const region of ['east', 'west']) {
        const inRegion = cities.filter((c) => c.Region === region);
        const withActivity = inRegion.filter((c) => activity.some((r) => r.city === c['City Name']));
        const row = answer.rows.find((r) => r.region === region)!;
        // The join keeps the cities that have activity (an inner join, as "their" staytime asks).
        expect(`${answer.engine} ${region}: ${Number(row.population)}`).toBe(`${answer.engine} ${region}: ${withActivity.reduce((n, c) => n + c.Population, 0)}`);
        const staytime = activity.filter((r) => inRegion.some((c) => c['City Name'] === r.city)).reduce((n, r) => n + r.staytime, 0);
        expect(`${answer.engine} ${region}: ${Number(row.staytime)}`).toBe(`${answer.engine} ${region}: ${staytime}`);
      }
    }
  });

  it('on every engine, a subset\'s share of the whole is what the rows say', async () => {
    const plan: PlanInput = { view: 'activity', metrics: [{ column: 'revenue', where: [{ column: 'os', op: '=', value: 'ios' }], over: { column: 'revenue' }, scale: 100, as: 'ios_pct' }] };
    const total = activity.reduce((n, r) => n + r.revenue, 0);
    const ios = activity.filter((r) => r.os === 'ios').reduce((n, r) => n + r.revenue, 0);
    for (const answer of await answers(plan, fixture, FIXTURE_TODAY)) {
      expect(Math.abs(Number(answer.rows[0].ios_pct) - (100 * ios) / total)).toBeLessThan(1e-6);
    }
  });

  it('on every engine, comparisons by day match the base series computed here, the gap day giving NULL', async () => {
    const from = '2026-02-15';
    const to = '2026-03-09';
    const plan: PlanInput = {
      view: 'activity',
      metrics: [{ column: 'dau' }],
      time: { column: 'event_day', grain: 'day', range: { kind: 'absolute', from, to } },
      compare: [{ kind: 'dod' }, { kind: 'wow' }, { kind: 'mom' }, { kind: 'yoy' }],
    };
    const dau = distinctCount<ActivityRow>((r) => r.uid);
    for (const answer of await answers(plan, fixture, FIXTURE_TODAY)) {
      for (const [kind, unit] of [['dod', 'day'], ['wow', 'week'], ['mom', 'month'], ['yoy', 'year']] as const) {
        const reference = referenceComparison({ rows: activity, day: (r) => r.event_day, from, to, grain: 'day', unit, dims: () => '', metric: dau });
        expect(answer.rows.map((r) => r.event_day)).toEqual(reference.map((r) => r.bucket));
        reference.forEach((ref, i) => {
          const expected = ratio(ref.current, ref.previous);
          const actual = answer.rows[i][`dau_${kind}`] as number | null;
          if (expected === null) expect(`${answer.engine} ${ref.bucket} ${kind}: ${actual}`).toBe(`${answer.engine} ${ref.bucket} ${kind}: null`);
          else expect(Math.abs(actual! - expected)).toBeLessThan(1e-12);
        });
      }
      expect(answer.rows.find((r) => r.event_day === '2026-03-01')!.dau_dod).toBeNull();
    }
  });

  it('on every engine, the average day compared week over week is each week\'s average day', async () => {
    const week = (offset: number): PlanInput => ({ view: 'activity', metrics: [{ column: 'dau', per: { grain: 'day', agg: 'avg' }, as: 'avg_dau' }], time: { column: 'event_day', range: { kind: 'point', unit: 'week', offset } } });
    const compared: PlanInput = { ...week(-1), compare: [{ kind: 'wow', output: 'all' }] };
    const [current, previous, both] = await Promise.all([answers(week(-1), fixture, FIXTURE_TODAY), answers(week(-2), fixture, FIXTURE_TODAY), answers(compared, fixture, FIXTURE_TODAY)]);
    both.forEach((answer, i) => {
      const cur = Number(current[i].rows[0].avg_dau);
      const prev = Number(previous[i].rows[0].avg_dau);
      expect(cur).toBeGreaterThan(0);
      expect(Math.abs(Number(answer.rows[0].avg_dau) - cur)).toBeLessThan(1e-9);
      expect(Math.abs(Number(answer.rows[0].avg_dau_wow_prev) - prev)).toBeLessThan(1e-9);
      expect(Math.abs(Number(answer.rows[0].avg_dau_wow) - (cur - prev) / prev)).toBeLessThan(1e-9);
    });
  });

  it('random valid plans over the demo catalog (a fixed seed) give the same rows', async () => {
    const plans = fc.sample(
      validPlan(demo, { views: DEMO_TABLES, firstDay: demoFirstDay, lastDay: DEMO_END_DATE, maxDays: DEMO_DAYS }),
      { seed: 20260310, numRuns: 40 },
    );
    let nonEmpty = 0;
    for (const plan of plans) {
      try {
        if ((await expectSameRows(plan, demo, DEMO_TODAY)) > 0) nonEmpty++;
      } catch (error) {
        throw new Error(`${(error as Error).message}\nplan: ${JSON.stringify(plan)}`);
      }
    }
    expect(nonEmpty).toBeGreaterThan(20);
  }, 180_000);
});
