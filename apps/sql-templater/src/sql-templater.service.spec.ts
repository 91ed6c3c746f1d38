import { DuckDBConnection, DuckDBInstance } from '@duckdb/node-api';
import { CatalogLoader, type Catalog } from '@chatbi/catalog';
import { addDays, planSchema, type PlanInput } from '@chatbi/contracts';
import { duckdbDialect } from './dialects/duckdb.dialect';
import { SqlTemplaterService } from './sql-templater.service';
import { defaultTemplatesDir } from './templates-dir';


const TODAY = '2026-03-10';

const CATALOG_YAML = `
version: 1
settings: { data_latency_days: 1 }
views:
  - name: activity
    description: one row per active user per day
    columns:
      - { name: event_day, type: date, role: time, description: day }
      - { name: app_name, type: string, role: dimension, description: app, values: [{ value: main }, { value: lite }] }
      - { name: os, type: string, role: dimension, description: operating system, values: [{ value: ios }, { value: android }] }
      - { name: uid, type: string, role: id, description: user }
      - { name: staytime, type: integer, role: metric, agg: sum, description: seconds in app }
    virtual_columns:
      - { key: dau, expr: count(distinct uid), role: metric, description: daily active users }
      - { key: stay_time_min, expr: sum(staytime) / 60, role: metric, description: minutes }
      - { key: stay_time_per, expr: stay_time_min / dau, role: metric, description: minutes per user }
`;

interface Row {
  event_day: string;
  app_name: string;
  os: string;
  uid: string;
  staytime: number;
}

/** A deterministic activity table with a deliberate gap: no data at all on GAP_DAY. */
const GAP_DAY = '2026-02-28';
function makeRows(): Row[] {
  const rows: Row[] = [];
  for (let d = 0; d < 90; d++) {
    const day = addDays('2025-12-10', d);
    if (day === GAP_DAY) continue;
    for (let u = 0; u < 40; u++) {
      if ((u * 7 + d * 3) % 5 === 0) continue;
      rows.push({
        event_day: day,
        app_name: u % 3 === 0 ? 'lite' : 'main',
        os: u % 2 === 0 ? 'ios' : 'android',
        uid: `u${u % (20 + (d % 7))}`,
        staytime: 60 + ((u * 13 + d * 17) % 600),
      });
    }
  }
  return rows;
}

describe('SqlTemplaterService on DuckDB', () => {
  let catalog: Catalog;
  let connection: DuckDBConnection;
  let templater: SqlTemplaterService;
  const rows = makeRows();

  beforeAll(async () => {
    catalog = new CatalogLoader().loadSources([{ file: 'fixture.yaml', text: CATALOG_YAML }]);
    const instance = await DuckDBInstance.create(':memory:');
    connection = await instance.connect();
    await connection.run('CREATE TABLE activity (event_day DATE, app_name VARCHAR, os VARCHAR, uid VARCHAR, staytime INTEGER)');
    const appender = await connection.createAppender('activity');
    for (const r of rows) {
      appender.appendVarchar(r.event_day);
      appender.appendVarchar(r.app_name);
      appender.appendVarchar(r.os);
      appender.appendVarchar(r.uid);
      appender.appendInteger(r.staytime);
      appender.endRow();
    }
    appender.closeSync();
    templater = new SqlTemplaterService({ dialect: duckdbDialect, templatesDir: defaultTemplatesDir() });
  });

  async function run(input: PlanInput): Promise<Record<string, unknown>[]> {
    const { sql } = templater.render(planSchema.parse(input), catalog, TODAY);
    const reader = await connection.runAndReadAll(sql.text, sql.params as never);
    return reader.getRowObjectsJson() as Record<string, unknown>[];
  }

  function dau(day: string, filter: (r: Row) => boolean = () => true): number | null {
    const users = new Set(rows.filter((r) => r.event_day === day && filter(r)).map((r) => r.uid));
    return users.size === 0 ? null : users.size;
  }

  it('renders DAU of the main app over the last 7 days as count(distinct uid) per day, ending yesterday', async () => {
    const plan: PlanInput = {
      view: 'activity',
      metrics: [{ column: 'dau' }],
      time: { column: 'event_day', grain: 'day', range: { kind: 'last', n: 7, unit: 'day' } },
      filters: [{ column: 'app_name', op: '=', value: 'main' }],
    };
    const { sql } = templater.render(planSchema.parse(plan), catalog, TODAY);
    expect(sql.text).toContain('count(distinct "uid")');
    expect(sql.params).toEqual(['2026-03-03', '2026-03-10', 'main']);
    const result = await run(plan);
    expect(result.map((r) => r.event_day)).toEqual(Array.from({ length: 7 }, (_, i) => addDays('2026-03-03', i)));
    for (const r of result) expect(Number(r.dau)).toBe(dau(String(r.event_day), (x) => x.app_name === 'main'));
  });

  it('expands virtual columns recursively', async () => {
    const [row] = await run({
      view: 'activity',
      metrics: [{ column: 'stay_time_per' }],
      time: { column: 'event_day', range: { kind: 'point', unit: 'day', offset: -1 } },
    });
    const day = rows.filter((r) => r.event_day === '2026-03-09');
    const expected = day.reduce((s, r) => s + r.staytime, 0) / 60 / new Set(day.map((r) => r.uid)).size;
    expect(Number(row.stay_time_per)).toBeCloseTo(expected, 9);
  });

  it('groups by dimensions and keeps filters on values as bound parameters', async () => {
    const result = await run({
      view: 'activity',
      metrics: [{ column: 'dau' }, { column: 'staytime' }],
      dimensions: ['os'],
      time: { column: 'event_day', range: { kind: 'absolute', from: '2026-03-01', to: '2026-03-01' } },
      filters: [{ column: 'app_name', op: 'in', value: ['main', "lite'; DROP TABLE activity; --"] }],
      order: [{ by: 'os', dir: 'asc' }],
    });
    expect(result.map((r) => r.os)).toEqual(['android', 'ios']);
    const ios = rows.filter((r) => r.event_day === '2026-03-01' && r.os === 'ios' && r.app_name === 'main');
    expect(Number(result[1].staytime)).toBe(ios.reduce((s, r) => s + r.staytime, 0));
    const [{ n }] = (await connection.runAndReadAll('SELECT count(*) AS n FROM activity')).getRowObjectsJson();
    expect(Number(n)).toBe(rows.length);
  });

  it('matches the previous period by calendar date: WoW and DoD with a gap give NULL, not a neighbour', async () => {
    const result = await run({
      view: 'activity',
      metrics: [{ column: 'dau' }],
      time: { column: 'event_day', grain: 'day', range: { kind: 'absolute', from: '2026-03-01', to: '2026-03-08' } },
      compare: [{ kind: 'dod', output: 'both' }, { kind: 'wow' }],
    });
    expect(result).toHaveLength(8);
    for (const r of result) {
      const day = String(r.event_day);
      const cur = dau(day)!;
      const prevDay = dau(addDays(day, -1));
      const prevWeek = dau(addDays(day, -7));
      if (prevDay === null) {
        expect(r.dau_dod).toBeNull();
        expect(r.dau_dod_diff).toBeNull();
      } else {
        expect(Number(r.dau_dod)).toBeCloseTo((cur - prevDay) / prevDay, 12);
        expect(Number(r.dau_dod_diff)).toBe(cur - prevDay);
      }
      if (prevWeek === null) expect(r.dau_wow).toBeNull();
      else expect(Number(r.dau_wow)).toBeCloseTo((cur - prevWeek) / prevWeek, 12);
    }
    expect(result.find((r) => r.event_day === '2026-03-01')!.dau_dod).toBeNull();
  });

  it('rejects a plan that names a column outside its view, naming the plan field', () => {
    const plan = planSchema.parse({ view: 'activity', metrics: [{ column: 'password' }] });
    expect(() => templater.render(plan, catalog, TODAY)).toThrow(/plan\.metrics\[0\]\.column: view activity has no column password/);
  });

  it('rejects a metric used as a dimension and a comparison without a time range', () => {
    const asDimension = planSchema.parse({ view: 'activity', metrics: [{ column: 'dau' }], dimensions: ['staytime'] });
    expect(() => templater.render(asDimension, catalog, TODAY)).toThrow(/plan\.dimensions\[0\]: staytime is a metric/);
    const noTime = planSchema.parse({ view: 'activity', metrics: [{ column: 'dau' }], compare: [{ kind: 'wow' }] });
    expect(() => templater.render(noTime, catalog, TODAY)).toThrow(/plan\.compare/);
  });
});
