import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import { CatalogLoader, expandVirtual, type Catalog, type CatalogColumn, type CatalogView, type ColumnType } from '@chatbi/catalog';
import { DEMO_CATALOG_DIR } from './demo-catalog.locator';
import { DEMO_META_TABLE, DEMO_WORLD_TABLES } from './demo-world-meta.table';
import { generateDemoWorld } from './demo-world.generator';
import { DEFAULT_DEMO_SEED, type DemoWorldSummary } from './demo-world.options';

jest.setTimeout(60_000);

const END_DATE = '2025-06-30';
const quote = (c: string) => `"${c}"`;

const COMPATIBLE_TYPES: Record<ColumnType, RegExp> = {
  date: /^DATE$/,
  timestamp: /^TIMESTAMP/,
  string: /^VARCHAR$/,
  integer: /^U?(TINYINT|SMALLINT|INTEGER|BIGINT|HUGEINT)$/,
  decimal: /^(DECIMAL\(\d+,\d+\)|DOUBLE|FLOAT)$/,
  boolean: /^BOOLEAN$/,
};

function expand(view: CatalogView, key: string): string {
  return expandVirtual(key, {
    virtual: new Map(view.columns.filter((c) => c.kind === 'virtual').map((c) => [c.name, c.expr!])),
    physical: new Set(view.columns.filter((c) => c.kind === 'physical').map((c) => c.name)),
    quote,
  });
}

/** SQL for a column's row-level value: the column itself, or a virtual dimension's expression. */
function rowValue(view: CatalogView, column: CatalogColumn): string {
  return column.kind === 'physical' ? quote(column.name) : `(${expand(view, column.name)})`;
}

describe('generateDemoWorld (small)', () => {
  let dir: string;
  let summary: DemoWorldSummary;
  let catalog: Catalog;
  let instance: DuckDBInstance;
  let db: DuckDBConnection;

  const rows = async (sql: string) => (await db.runAndReadAll(sql)).getRowObjectsJson();
  const value = async (sql: string) => Object.values((await rows(sql))[0])[0];

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'demo-world-'));
    summary = await generateDemoWorld({ file: join(dir, 'demo.duckdb'), endDate: END_DATE });
    catalog = new CatalogLoader().loadDirectory(DEMO_CATALOG_DIR);
    instance = await DuckDBInstance.create(summary.file, { access_mode: 'READ_ONLY' });
    db = await instance.connect();
  });

  afterAll(() => {
    db?.closeSync();
    instance?.closeSync();
    rmSync(dir, { recursive: true, force: true });
  });

  it('reports what it wrote and leaves no temporary files behind', async () => {
    expect(summary).toMatchObject({ seed: DEFAULT_DEMO_SEED, size: 'small', endDate: END_DATE, startDate: '2024-04-27' });
    expect(Object.keys(summary.rows).sort()).toEqual([...DEMO_WORLD_TABLES].sort());
    for (const table of DEMO_WORLD_TABLES) {
      expect([table, summary.rows[table]]).toEqual([table, Number(await value(`SELECT count(*) FROM ${table}`))]);
      expect(summary.rows[table]).toBeGreaterThan(0);
    }
    expect(readdirSync(dir)).toEqual(['demo.duckdb']);
    expect(await rows(`SELECT seed, size, strftime(start_date, '%Y-%m-%d') AS s, strftime(end_date, '%Y-%m-%d') AS e FROM ${DEMO_META_TABLE}`)).toEqual([
      { seed: DEFAULT_DEMO_SEED, size: 'small', s: '2024-04-27', e: END_DATE },
    ]);
  });

  it('has a relation for every catalog view with every physical column at a compatible type', async () => {
    for (const view of catalog.views) {
      const types = new Map(
        (await rows(`SELECT column_name, data_type FROM information_schema.columns WHERE table_name = '${view.source}'`)).map((r) => [
          String(r.column_name),
          String(r.data_type),
        ]),
      );
      for (const column of view.columns.filter((c) => c.kind === 'physical')) {
        const where = `${view.name}.${column.name}`;
        expect([where, types.get(column.name) ?? 'missing']).toEqual([where, expect.stringMatching(COMPATIBLE_TYPES[column.type])]);
      }
    }
  });

  it('has every enum value of every dimension in the data, and no value outside the enum', async () => {
    for (const view of catalog.views) {
      for (const column of view.columns.filter((c) => c.values.length > 0)) {
        const found = (await rows(`SELECT DISTINCT ${rowValue(view, column)} AS v FROM ${quote(view.source)}`)).map((r) => r.v);
        const where = `${view.name}.${column.name}`;
        expect([where, [...found].sort()]).toEqual([where, column.values.map((v) => v.value).sort()]);
      }
    }
  });

  it('runs every metric with its default aggregation and every virtual column over its view', async () => {
    for (const view of catalog.views) {
      for (const column of view.columns) {
        const where = `${view.name}.${column.name}`;
        if (column.kind === 'virtual' && column.role === 'metric') {
          const result = await value(`SELECT ${expand(view, column.name)} FROM ${quote(view.source)}`);
          expect([where, Number.isFinite(Number(result))]).toEqual([where, true]);
          const type = String(await value(`SELECT typeof(${expand(view, column.name)}) FROM ${quote(view.source)}`));
          expect([where, type]).toEqual([where, expect.stringMatching(COMPATIBLE_TYPES[column.type === 'integer' ? 'integer' : 'decimal'])]);
        } else if (column.kind === 'virtual') {
          await expect(rows(`SELECT DISTINCT ${rowValue(view, column)} FROM ${quote(view.source)}`)).resolves.not.toHaveLength(0);
        } else if (column.role === 'metric') {
          const sql = column.agg === 'count_distinct' ? `count(DISTINCT ${quote(column.name)})` : `${column.agg}(${quote(column.name)})`;
          const result = await value(`SELECT ${sql} FROM ${quote(view.source)}`);
          expect([where, Number(result) > 0]).toEqual([where, true]);
        }
      }
    }
  });

  it('answers "DAU of the main app over the last 7 days" with a distinct count of users', async () => {
    const activity = catalog.view('user_activity_daily')!;
    const dau = expand(activity, 'dau');
    expect(dau).toBe('count(distinct "uid")');
    const [row] = await rows(
      `SELECT ${dau} AS dau, count(*) AS n FROM "user_activity_daily"
       WHERE "app_name" = 'main' AND "event_day" BETWEEN DATE '${END_DATE}' - 6 AND DATE '${END_DATE}'`,
    );
    expect(Number(row.dau)).toBeGreaterThan(0);
    expect(Number(row.dau)).toBeLessThan(Number(row.n));
  });

  it('covers 400+ days with every app present every day', async () => {
    const days = Number(await value(`SELECT count(DISTINCT event_day) FROM user_activity_daily`));
    expect(days).toBeGreaterThanOrEqual(400);
    for (const table of ['user_activity_daily', 'video_play_daily']) {
      const pairs = Number(await value(`SELECT count(*) FROM (SELECT DISTINCT event_day, app_name FROM ${table})`));
      expect([table, pairs]).toEqual([table, days * 4]);
    }
    expect(await value(`SELECT max(event_day) = DATE '${END_DATE}' AND min(event_day) = DATE '${summary.startDate}' FROM user_activity_daily`)).toBe(true);
  });

  it('has apps of very different sizes, the main app largest', async () => {
    const byApp = await rows(
      `SELECT app_name, avg(dau) AS dau FROM (
         SELECT app_name, event_day, count(DISTINCT uid) AS dau FROM user_activity_daily GROUP BY ALL
       ) GROUP BY app_name ORDER BY dau DESC`,
    );
    expect(byApp.map((r) => r.app_name)).toEqual(['main', 'lite', 'large_font', 'white_label']);
    expect(Number(byApp[0].dau)).toBeGreaterThan(3 * Number(byApp[3].dau));
  });

  it('is busier on weekends than on weekdays', async () => {
    const [row] = await rows(
      `SELECT avg(dau) FILTER (WHERE dow IN (0, 6)) AS weekend, avg(dau) FILTER (WHERE dow BETWEEN 1 AND 4) AS weekday FROM (
         SELECT event_day, dayofweek(event_day) AS dow, count(DISTINCT uid) AS dau
         FROM user_activity_daily WHERE app_name = 'main' GROUP BY ALL
       )`,
    );
    expect(Number(row.weekend) / Number(row.weekday)).toBeGreaterThan(1.12);
  });

  it('has a yearly cycle: summer busier than late winter', async () => {
    const [row] = await rows(
      `SELECT avg(dau) FILTER (WHERE month(event_day) IN (7, 8)) AS summer, avg(dau) FILTER (WHERE month(event_day) IN (2, 3)) AS winter FROM (
         SELECT event_day, count(DISTINCT uid) AS dau FROM user_activity_daily GROUP BY ALL
       )`,
    );
    expect(Number(row.summer)).toBeGreaterThan(Number(row.winter));
  });

  it('keeps the views consistent: activity plays equal the video plays of the same user and day', async () => {
    const [row] = await rows(
      `SELECT (SELECT sum(vv) FROM user_activity_daily) AS activity_vv, (SELECT sum(vv) FROM video_play_daily) AS video_vv,
              (SELECT sum(search_cnt) FROM user_activity_daily) AS activity_searches, (SELECT sum(search_pv) FROM search_daily) AS searches,
              (SELECT count(*) FROM user_activity_daily WHERE staytime < play_duration) AS inconsistent_time`,
    );
    expect(row.activity_vv).toEqual(row.video_vv);
    expect(row.activity_searches).toEqual(row.searches);
    expect(Number(row.inconsistent_time)).toBe(0);
  });

  it('writes feedback text in English and Chinese from the templates', async () => {
    const texts = await rows(`SELECT language, feedback_text FROM user_feedback WHERE feedback_category = 'crash' LIMIT 50`);
    expect(texts.some((r) => r.language === 'zh' && /[\u4e00-\u9fff]/.test(String(r.feedback_text)))).toBe(true);
    expect(texts.some((r) => r.language === 'en' && /crash|froze/i.test(String(r.feedback_text)))).toBe(true);
    expect(Number(await value(`SELECT count(*) FROM user_feedback WHERE feedback_text LIKE '%{%'`))).toBe(0);
    expect(Number(await value(`SELECT count(*) - count(DISTINCT feedback_id) FROM user_feedback`))).toBe(0);
  });
});
