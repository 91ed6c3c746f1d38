import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DuckDbWarehouse } from '@chatbi/warehouse';
import { CatalogLoader } from '../catalog-loader';
import { introspectCatalog } from './catalog.introspector';

const OPTIONS = { timeoutMs: 30_000, maxRows: 10 };

describe('introspectCatalog on DuckDB', () => {
  let dir: string;
  let warehouse: DuckDbWarehouse;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'chatbi-introspect-'));
    const file = join(dir, 'warehouse.duckdb');
    const writable = await DuckDbWarehouse.open(file, { readOnly: false });
    for (const sql of [
      `CREATE TABLE video_play AS SELECT
         DATE '2024-01-01' + (i % 30)::INTEGER AS event_day,
         TIMESTAMP '2024-01-01 00:00:00' + to_seconds(i) AS event_time,
         CASE i % 3 WHEN 0 THEN 'main' WHEN 1 THEN 'lite' ELSE 'large_font' END AS app_name,
         CASE i % 2 WHEN 0 THEN 'ios' ELSE 'android' END AS os,
         i % 97 AS uid,
         'v' || (i % 500)::VARCHAR AS video_id,
         (i % 300)::DOUBLE AS playtime,
         (i % 7)::INTEGER AS play_cnt,
         (i % 100) / 100.0 AS completion_rate,
         'city_' || (i % 80)::VARCHAR AS city,
         'agent' AS "UserAgent",
         ['a', 'b'] AS tags
       FROM range(2000) t(i)`,
      `CREATE TABLE feedback AS SELECT
         TIMESTAMP '2024-01-01 00:00:00' + to_seconds(i) AS created_at,
         DATE '2024-01-01' + (i % 30)::INTEGER AS dt,
         'the app crashed when I ' || i::VARCHAR AS feedback_text,
         (i % 5 + 1)::INTEGER AS rating,
         i % 2 = 0 AS is_paid,
         (i % 1000)::DECIMAL(10,2) AS amount
       FROM range(500) t(i)`,
      `CREATE VIEW v_daily AS SELECT event_day, app_name, count(DISTINCT uid) AS dau FROM video_play GROUP BY ALL`,
      `CREATE SCHEMA analytics`,
      `CREATE TABLE analytics.video_play (day DATE, region VARCHAR)`,
      `INSERT INTO analytics.video_play VALUES (DATE '2024-01-01', 'north'), (DATE '2024-01-02', 'south')`,
    ]) {
      await writable.query(sql, [], OPTIONS);
    }
    await writable.close();
    warehouse = await DuckDbWarehouse.open(file);
  });

  afterAll(async () => {
    await warehouse?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('drafts one view per relation, and the YAML loads as a catalog', async () => {
    const { file, yaml } = await introspectCatalog(warehouse, {});
    expect(file.views.map((v) => [v.name, v.source])).toEqual([
      ['feedback', undefined],
      ['v_daily', undefined],
      ['video_play', undefined],
      ['analytics_video_play', 'analytics.video_play'],
    ]);
    const catalog = new CatalogLoader().loadSources([{ file: 'draft.yaml', text: yaml }]);
    expect(catalog.views.map((v) => v.name)).toEqual(file.views.map((v) => v.name));
    expect(catalog.view('analytics_video_play')!.source).toBe('analytics.video_play');
  });

  it('guesses roles from types and names', async () => {
    const { file } = await introspectCatalog(warehouse, { relations: ['video_play', 'feedback'] });
    const roles = (view: string) =>
      Object.fromEntries(file.views.find((v) => v.name === view)!.columns.map((c) => [c.name, [c.type, c.role, c.agg].filter(Boolean).join(' ')]));
    expect(roles('video_play')).toEqual({
      event_day: 'date time',
      event_time: 'timestamp dimension',
      app_name: 'string dimension',
      os: 'string dimension',
      uid: 'integer id',
      video_id: 'string id',
      playtime: 'decimal metric sum',
      play_cnt: 'integer metric sum',
      completion_rate: 'decimal metric sum',
      city: 'string text',
    });
    expect(roles('feedback')).toEqual({
      created_at: 'timestamp dimension',
      dt: 'date time',
      feedback_text: 'string text',
      rating: 'integer metric sum',
      is_paid: 'boolean dimension',
      amount: 'decimal metric sum',
    });
  });

  it('lists enum values for small string columns, and honours enumLimit', async () => {
    const { file } = await introspectCatalog(warehouse, { relations: ['video_play'] });
    const column = (name: string) => file.views[0].columns.find((c) => c.name === name)!;
    expect(column('app_name').values!.map((v) => v.value)).toEqual(['large_font', 'lite', 'main']);
    expect(column('os').values!.map((v) => v.value)).toEqual(['android', 'ios']);
    expect(column('city').values).toBeUndefined();
    const wide = await introspectCatalog(warehouse, { relations: ['video_play'], enumLimit: 100 });
    const city = wide.file.views[0].columns.find((c) => c.name === 'city')!;
    expect([city.role, city.values!.length]).toEqual(['dimension', 80]);
    const narrow = await introspectCatalog(warehouse, { relations: ['video_play'], enumLimit: 2 });
    expect(narrow.file.views[0].columns.find((c) => c.name === 'app_name')!.role).toBe('text');
  });

  it('drafts descriptions from names, and comments what the DBA should look at', async () => {
    const { file, yaml } = await introspectCatalog(warehouse, { relations: ['video_play'] });
    const view = file.views[0];
    expect(view.description).toBe('Video play (drafted from table video_play; say what one row is)');
    expect(view.columns.find((c) => c.name === 'play_cnt')!.description).toBe('Play count (drafted from video_play.play_cnt)');
    expect(view.columns.find((c) => c.name === 'uid')!.description).toBe('User ID (drafted from video_play.uid)');
    expect(yaml).toMatch(/^# Drafted by ChatBI from a duckdb warehouse/);
    expect(yaml).toContain('# from table main.video_play');
    expect(yaml).toMatch(/columns left out .*UserAgent \(VARCHAR\), tags \(VARCHAR\[\]\)/);
    expect(yaml).toMatch(/name: completion_rate\n\s+type: decimal\n\s+role: metric # a rate or average/);
    expect(yaml).toMatch(/role: text # more than 50 distinct values; if it is a category, make it a dimension/);
    expect(yaml).toContain('- { value: android }');
    expect(yaml).not.toMatch(/^\s*(aliases|virtual_columns):/m);
  });

  it('finds relations by name or schema.name and names a missing one', async () => {
    const { file } = await introspectCatalog(warehouse, { relations: ['analytics.video_play'] });
    expect(file.views.map((v) => [v.name, v.source])).toEqual([['video_play', 'analytics.video_play']]);
    expect(file.views[0].columns.map((c) => [c.name, c.role])).toEqual([
      ['day', 'time'],
      ['region', 'dimension'],
    ]);
    await expect(introspectCatalog(warehouse, { relations: ['nope'] })).rejects.toThrow(/relation nope is not in the warehouse; it has .*video_play/);
  });

  it('depends on the warehouse interface only, never its implementation', () => {
    for (const name of readdirSync(__dirname).filter((f) => f.endsWith('.ts') && !f.endsWith('.spec.ts'))) {
      const source = readFileSync(join(__dirname, name), 'utf8');
      for (const line of source.split('\n').filter((l) => l.includes('@chatbi/warehouse'))) {
        expect(line).toMatch(/^import type /);
      }
    }
  });
});
