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
import { ACTIVITY_TABLE, CITIES_TABLE, CLICKS_TABLE, FIXTURE_TODAY, GAP_DAY, activityRows, cityRows, clickRows, type ActivityRow } from './testing/activity.fixture';
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

/** Every plan shape of the templater on the fixture (a gap day, a gap month, NULLs, unicode, an hourly table). */
const FIXTURE_PLANS: [string, PlanInput][] = [
  ['totals of every kind of metric', { view: 'activity', metrics: [{ column: 'dau' }, { column: 'staytime' }, { column: 'revenue' }, { column: 'rating' }, { column: 'arpu' }, { column: 'stay_time_per' }, { column: 'new_users' }] }],
  ['other aggregations', { view: 'activity', metrics: [{ column: 'staytime', agg: 'avg', as: 'mean' }, { column: 'staytime', agg: 'max', as: 'most' }, { column: 'staytime', agg: 'min', as: 'least' }, { column: 'revenue', agg: 'count', as: 'n' }, { column: 'rating', agg: 'count_distinct', as: 'ratings' }] }],
  ['a daily series ending yesterday', { view: 'activity', metrics: [{ column: 'dau' }, { column: 'stay_time_min' }], time: { column: 'event_day', grain: 'day', range: { kind: 'last', n: 30, unit: 'day' } } }],
  ['weeks', { view: 'activity', metrics: [{ column: 'dau' }, { column: 'staytime' }], time: { column: 'event_day', grain: 'week', range: { kind: 'last', n: 10, unit: 'week' } } }],
  ['months', { view: 'activity', metrics: [{ column: 'dau' }, { column: 'revenue' }], time: { column: 'event_day', grain: 'month' } }],
  ['quarters', { view: 'activity', metrics: [{ column: 'staytime' }], time: { column: 'event_day', grain: 'quarter' } }],
  ['years', { view: 'activity', metrics: [{ column: 'staytime' }, { column: 'arpu' }], time: { column: 'event_day', grain: 'year' } }],
  ['hours with a missing hour, day on day', { view: 'clicks_hourly', metrics: [{ column: 'clicks' }, { column: 'click_uv' }], dimensions: ['app_name'], time: { column: 'ts', grain: 'hour', range: { kind: 'last', n: 3, unit: 'day' } }, compare: [{ kind: 'dod', output: 'both' }] }],
  ['hours with a missing hour, day on day, no dimensions', { view: 'clicks_hourly', metrics: [{ column: 'clicks' }, { column: 'click_uv' }], time: { column: 'ts', grain: 'hour', range: { kind: 'last', n: 3, unit: 'day' } }, compare: [{ kind: 'dod', output: 'both' }] }],
  ['MoM, QoQ and YoY by month', { view: 'activity', metrics: [{ column: 'dau' }, { column: 'revenue' }], time: { column: 'event_day', grain: 'month', range: { kind: 'absolute', from: '2025-06-01', to: '2026-01-31' } }, compare: [{ kind: 'mom', output: 'both' }, { kind: 'qoq' }, { kind: 'yoy' }] }],
  ['dimensions with NULL and unicode', { view: 'activity', metrics: [{ column: 'dau' }, { column: 'stay_time_per' }], dimensions: ['os', 'city'], time: { column: 'event_day', range: { kind: 'point', unit: 'month', offset: -1 } } }],
  ['a virtual and a boolean dimension', { view: 'activity', metrics: [{ column: 'new_users' }], dimensions: ['city_group', 'is_new'], time: { column: 'event_day', range: { kind: 'to_date', unit: 'month' } } }],
  ['top 3 cities', { view: 'activity', metrics: [{ column: 'staytime' }], dimensions: ['city'], time: { column: 'event_day', range: { kind: 'last', n: 2, unit: 'week' } }, order: [{ by: 'staytime', dir: 'desc' }], limit: 3 }],
  ['string filters', { view: 'activity', metrics: [{ column: 'dau' }], dimensions: ['city'], filters: [{ column: 'city', op: 'in', value: ['北京市', "O'Brien's Town", 'x_y; DROP TABLE activity; --'] }, { column: 'app_name', op: '!=', value: 'lite' }, { column: 'city', op: 'like', value: '%n%' }] }],
  ['escaped like', { view: 'activity', metrics: [{ column: 'dau' }], filters: [{ column: 'city', op: 'like', value: 'x\\_y%' }] }],
  ['numeric and boolean filters', { view: 'activity', metrics: [{ column: 'staytime' }], dimensions: ['level'], filters: [{ column: 'level', op: 'between', value: [2, 4] }, { column: 'level', op: 'not in', value: [3] }, { column: 'is_new', op: '=', value: false }, { column: 'level', op: '>', value: 1.5 }] }],
  ['null checks', { view: 'activity', metrics: [{ column: 'dau' }], dimensions: ['os'], filters: [{ column: 'os', op: 'is null' }] }],
  ['metric filters, one not in the answer', { view: 'activity', metrics: [{ column: 'dau' }], dimensions: ['city', 'os'], time: { column: 'event_day', range: { kind: 'last', n: 7, unit: 'day' } }, filters: [{ column: 'dau', op: '>=', value: 3 }, { column: 'revenue', op: '<', value: 800 }, { column: 'stay_time_min', op: '<=', value: 1e308 }] }],
  ['time filters', { view: 'activity', metrics: [{ column: 'dau' }], time: { column: 'event_day', grain: 'day' }, filters: [{ column: 'event_day', op: 'in', value: ['2026-02-27', GAP_DAY, '2026-03-01'] }] }],
  ['time filters on timestamps', { view: 'clicks_hourly', metrics: [{ column: 'clicks' }], time: { column: 'ts', grain: 'day' }, filters: [{ column: 'ts', op: '>=', value: '2026-03-01 06:30' }, { column: 'ts', op: '<', value: '2026-03-03' }] }],
  ['shares per day', { view: 'activity', metrics: [{ column: 'staytime', share: true }, { column: 'dau', share: true }], dimensions: ['os'], time: { column: 'event_day', grain: 'day', range: { kind: 'last', n: 5, unit: 'day' } }, order: [{ by: 'staytime_share', dir: 'desc' }] }],
  ['shares of the whole range, with a metric filter', { view: 'activity', metrics: [{ column: 'revenue', share: true }], dimensions: ['city'], time: { column: 'event_day', range: { kind: 'last', n: 30, unit: 'day' } }, filters: [{ column: 'revenue', op: '>', value: 100 }] }],
  ['every comparison by day', { view: 'activity', metrics: [{ column: 'dau' }, { column: 'staytime' }], time: { column: 'event_day', grain: 'day', range: { kind: 'absolute', from: '2026-01-25', to: '2026-03-09' } }, compare: [{ kind: 'dod', output: 'both' }, { kind: 'wow' }, { kind: 'mom', output: 'diff' }, { kind: 'qoq' }, { kind: 'yoy', output: 'both' }] }],
  ['comparisons by day per operating system', { view: 'activity', metrics: [{ column: 'dau' }, { column: 'arpu' }], dimensions: ['os'], time: { column: 'event_day', grain: 'day', range: { kind: 'last', n: 14, unit: 'day' } }, compare: [{ kind: 'dod' }, { kind: 'wow', output: 'both' }] }],
  ['YoY by day across a leap year', { view: 'activity', metrics: [{ column: 'dau' }], time: { column: 'event_day', grain: 'day', range: { kind: 'absolute', from: '2025-02-20', to: '2025-03-05' } }, compare: [{ kind: 'yoy', output: 'both' }] }],
  ['MoM and YoY by month per app', { view: 'activity', metrics: [{ column: 'dau' }, { column: 'revenue' }], dimensions: ['app_name'], time: { column: 'event_day', grain: 'month', range: { kind: 'absolute', from: '2025-09-01', to: '2026-02-28' } }, compare: [{ kind: 'mom', output: 'both' }, { kind: 'yoy' }] }],
  ['QoQ by quarter to date', { view: 'activity', metrics: [{ column: 'staytime' }], time: { column: 'event_day', grain: 'quarter', range: { kind: 'to_date', unit: 'quarter' } }, compare: [{ kind: 'qoq', output: 'both' }, { kind: 'yoy' }] }],
  ['WoW and MoM by week from mid-week', { view: 'activity', metrics: [{ column: 'dau' }], time: { column: 'event_day', grain: 'week', range: { kind: 'absolute', from: '2026-01-14', to: '2026-02-20' } }, compare: [{ kind: 'wow' }, { kind: 'mom' }] }],
  ['totals against overlapping and adjacent periods', { view: 'activity', metrics: [{ column: 'dau' }, { column: 'stay_time_per' }], dimensions: ['os'], time: { column: 'event_day', range: { kind: 'last', n: 7, unit: 'day' } }, compare: [{ kind: 'dod', output: 'both' }, { kind: 'wow' }, { kind: 'yoy' }] }],
  ['time filters narrowing a comparison', { view: 'activity', metrics: [{ column: 'dau' }], time: { column: 'event_day', grain: 'day' }, filters: [{ column: 'event_day', op: 'between', value: ['2026-02-20', '2026-03-05'] }], compare: [{ kind: 'wow', output: 'both' }] }],
  ['a subset, its share of the whole, a rate per thousand', { view: 'activity', metrics: [{ column: 'staytime', where: [{ column: 'os', op: '=', value: 'ios' }], over: { column: 'staytime' }, as: 'ios_share' }, { column: 'dau', where: [{ column: 'app_name', op: '=', value: 'lite' }, { column: 'level', op: '>=', value: 3 }], as: 'lite_dau' }, { column: 'revenue', over: { column: 'dau' }, scale: 1000, as: 'revenue_per_k_users' }], dimensions: ['city'], time: { column: 'event_day', range: { kind: 'last', n: 30, unit: 'day' } } }],
  ['counts of rows and of a column\'s values', { view: 'activity', metrics: [{ column: 'row_count' }, { column: 'uid', agg: 'count_distinct', as: 'users' }, { column: 'city', agg: 'count', as: 'city_rows' }, { column: 'event_day', agg: 'max', as: 'last_day' }], dimensions: ['app_name'] }],
  ['an average of daily values, a peak day, and the catalog\'s daily roll-up by week', { view: 'activity', metrics: [{ column: 'dau', per: { grain: 'day', agg: 'avg' }, as: 'avg_dau' }, { column: 'staytime', per: { grain: 'day', agg: 'max' }, as: 'peak_staytime' }, { column: 'daily_users' }, { column: 'revenue' }], dimensions: ['app_name'], time: { column: 'event_day', grain: 'week', range: { kind: 'last', n: 6, unit: 'week' } } }],
  ['the average day over a whole range, nothing else', { view: 'activity', metrics: [{ column: 'daily_users' }], time: { column: 'event_day', range: { kind: 'point', unit: 'month', offset: -1 } } }],
  ['groups only, with a condition on a count they do not show', { view: 'activity', dimensions: ['city'], having: [{ metric: { column: 'uid', agg: 'count_distinct' }, op: '>', value: 10 }], time: { column: 'event_day', range: { kind: 'last', n: 7, unit: 'day' } } }],
  ['a condition on a metric of the answer by name', { view: 'activity', metrics: [{ column: 'revenue', agg: 'avg', as: 'avg_revenue' }], dimensions: ['os'], having: [{ metric: 'avg_revenue', op: '>', value: 40 }] }],
  ['rows listed distinct and ordered', { view: 'activity', rows: { columns: ['city', 'app_name'], distinct: true }, filters: [{ column: 'level', op: '>=', value: 2 }], order: [{ by: 'city', dir: 'desc' }, { by: 'app_name', dir: 'asc' }], limit: 20 }],
  ['rows ordered by a column not listed', { view: 'activity', rows: { columns: ['uid', 'event_day'] }, time: { column: 'event_day', range: { kind: 'last', n: 3, unit: 'day' } }, order: [{ by: 'staytime', dir: 'desc' }, { by: 'uid', dir: 'asc' }, { by: 'event_day', dir: 'asc' }], limit: 5 }],
  ['rows of a related view joined to-one', { view: 'activity', rows: { columns: ['uid', 'city_info.region', 'city_info.population'] }, time: { column: 'event_day', range: { kind: 'point', unit: 'day', offset: -1 } }, order: [{ by: 'uid', dir: 'asc' }, { by: 'population', dir: 'desc' }] }],
  ['grouped and filtered through a relationship', { view: 'activity', metrics: [{ column: 'dau' }, { column: 'city_info.population', agg: 'max', as: 'largest_city' }], dimensions: ['city_info.region'], filters: [{ column: 'city_info.population', op: '>', value: 1000 }], time: { column: 'event_day', range: { kind: 'last', n: 14, unit: 'day' } } }],
  ['rows that have related rows, and rows that have none', { view: 'cities', rows: { columns: ['city_name', 'region'] }, exists: [{ path: 'activity', where: [{ column: 'os', op: '=', value: 'ios' }], negate: false }, { path: 'activity', where: [{ column: 'level', op: '>', value: 5 }], negate: true }], order: [{ by: 'city_name', dir: 'asc' }] }],
  ['rows with no related rows at all', { view: 'cities', rows: { columns: ['city_name'] }, exists: [{ path: 'activity', where: [], negate: true }] }],
  ['a to-many metric aggregated per key before the join, beside the view\'s own', { view: 'cities', metrics: [{ column: 'population' }, { column: 'activity.staytime', as: 'staytime' }, { column: 'activity.rating', agg: 'avg', as: 'avg_rating' }, { column: 'activity.row_count', as: 'activity_rows' }], dimensions: ['region'] }],
  ['previous values beside the current ones', { view: 'activity', metrics: [{ column: 'revenue' }], time: { column: 'event_day', range: { kind: 'point', unit: 'week', offset: -1 } }, compare: [{ kind: 'wow', output: 'previous' }, { kind: 'yoy', output: 'all' }] }],
  ['the average day compared week over week', { view: 'activity', metrics: [{ column: 'daily_users' }], time: { column: 'event_day', range: { kind: 'point', unit: 'week', offset: -1 } }, compare: [{ kind: 'wow', output: 'all' }] }],
  ['the average and peak day by week per app, compared', { view: 'activity', metrics: [{ column: 'dau', per: { grain: 'day', agg: 'avg' }, as: 'avg_dau' }, { column: 'staytime', per: { grain: 'day', agg: 'max' }, as: 'peak_staytime' }], dimensions: ['app_name'], time: { column: 'event_day', grain: 'week', range: { kind: 'last', n: 6, unit: 'week' } }, compare: [{ kind: 'wow', output: 'both' }] }],
  ['a comparison with metric filters, shares and a top N', { view: 'activity', metrics: [{ column: 'dau', share: true }, { column: 'staytime' }], dimensions: ['city'], time: { column: 'event_day', grain: 'day', range: { kind: 'last', n: 7, unit: 'day' } }, filters: [{ column: 'dau', op: '>', value: 2 }, { column: 'rating', op: '>=', value: 2 }], compare: [{ kind: 'wow' }], order: [{ by: 'dau_wow', dir: 'desc' }], limit: 10 }],
];

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
