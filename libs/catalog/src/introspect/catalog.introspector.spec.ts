import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { DuckDbWarehouse, SqliteWarehouse, type Warehouse } from '@chatbi/warehouse';
import { CatalogLoader } from '../catalog-loader';
import { introspectCatalog } from './catalog.introspector';
import { expectedShopDraft, shopDraftSummary } from './testing/shop-draft.expectations';
import { shopSchemaStatements } from './testing/shop-schema.fixture';

const OPTIONS = { timeoutMs: 30_000, maxRows: 10 };

async function duckDb(file: string, statements: string[]): Promise<Warehouse> {
  const writable = await DuckDbWarehouse.open(file, { readOnly: false });
  for (const sql of statements) await writable.query(sql, [], OPTIONS);
  await writable.close();
  return DuckDbWarehouse.open(file);
}

describe('introspectCatalog', () => {
  let dir: string;

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'chatbi-introspect-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  describe('on DuckDB', () => {
    let warehouse: Warehouse;
    let other: Warehouse;

    beforeAll(async () => {
      warehouse = await duckDb(join(dir, 'shop.duckdb'), shopSchemaStatements('duckdb'));
      other = await duckDb(join(dir, 'other.duckdb'), [
        `CREATE TABLE video_play AS SELECT
           DATE '2024-01-01' + (i % 30)::INTEGER AS event_day,
           CASE i % 3 WHEN 0 THEN 'main' WHEN 1 THEN 'lite' ELSE 'large_font' END AS app_name,
           'city_' || (i % 80)::VARCHAR AS city,
           (i % 100) / 100.0 AS completion_rate,
           ['a', 'b'] AS tags
         FROM range(2000) t(i)`,
        `CREATE VIEW v_daily AS SELECT event_day, app_name, count(*) AS plays FROM video_play GROUP BY ALL`,
        `CREATE SCHEMA analytics`,
        `CREATE TABLE analytics.video_play (day DATE, region VARCHAR)`,
      ]);
    });
    afterAll(async () => {
      await warehouse?.close();
      await other?.close();
    });

    it('drafts the shop: names kept, keys, relationships, roles, counts and comments', async () => {
      expect(shopDraftSummary(await introspectCatalog(warehouse))).toEqual(expectedShopDraft({ comments: true }));
    });

    it('drafts a view it would leave out when it is asked for by name', async () => {
      const { file } = await introspectCatalog(warehouse, { relations: ['BigOrders'] });
      expect(file.views.map((v) => [v.name, v.source, v.columns.map((c) => c.name).join(' ')])).toEqual([['big_orders', 'BigOrders', 'order_id status total_amount']]);
    });

    it("keys a second schema's relation apart, lists small enums, leaves many values unlisted and unsupported types out", async () => {
      const { file, report } = await introspectCatalog(other, { enumLimit: 50 });
      expect(file.views.map((v) => [v.name, v.source ?? v.name])).toEqual([
        ['v_daily', 'v_daily'],
        ['video_play', 'video_play'],
        ['analytics_video_play', 'analytics.video_play'],
      ]);
      const play = file.views.find((v) => v.name === 'video_play')!;
      const column = (name: string) => play.columns.find((c) => c.name === name)!;
      expect(column('app_name').values!.map((v) => v.value)).toEqual(['large_font', 'lite', 'main']);
      expect([column('city').role, column('city').values]).toEqual(['dimension', undefined]);
      expect([column('completion_rate').role, column('completion_rate').agg]).toEqual(['metric', 'avg']);
      expect(column('event_day').role).toBe('time');
      expect(report.leftOut).toContain('video_play.tags (VARCHAR[]): a type ChatBI does not query');
    });

    it('drafts a view it cannot read, without its values or row count, rather than fail', async () => {
      const file = join(dir, 'broken.duckdb');
      // Every read of the view fails: 'abc' does not cast to an integer.
      (await duckDb(file, [`CREATE TABLE t AS SELECT * FROM (VALUES ('1'), ('abc')) v(s)`, `CREATE VIEW broken AS SELECT s, length(s) AS len FROM t WHERE CAST(s AS INTEGER) > 0`])).close();
      const warehouse = await DuckDbWarehouse.open(file);
      try {
        const { file: draft, yaml } = await introspectCatalog(warehouse, { relations: ['broken'] });
        expect(draft.views[0].row_count).toBeUndefined();
        expect(draft.views[0].columns.map((c) => [c.name, c.role, c.values])).toEqual([
          ['s', 'dimension', undefined],
          ['len', 'metric', undefined],
        ]);
        expect(yaml).toMatch(/# rows not counted: the warehouse could not run the query/);
        expect(yaml).toMatch(/role: dimension # values not read \(the warehouse could not run the query/);
      } finally {
        await warehouse.close();
      }
    });

    it('sets a default range only when asked, and names a missing relation', async () => {
      const { file } = await introspectCatalog(other, { relations: ['video_play'], defaultRange: { kind: 'last', n: 7, unit: 'day' } });
      expect(file.settings.default_range).toEqual({ kind: 'last', n: 7, unit: 'day' });
      await expect(introspectCatalog(other, { relations: ['nope'] })).rejects.toThrow(/relation nope is not in the warehouse; it has .*video_play/);
    });
  });

  describe('on SQLite', () => {
    let warehouse: Warehouse;

    beforeAll(async () => {
      const file = join(dir, 'shop.sqlite');
      const db = new Database(file);
      for (const sql of shopSchemaStatements('sqlite')) db.exec(sql);
      db.close();
      warehouse = await SqliteWarehouse.open(file);
    });
    afterAll(() => warehouse?.close());

    it('drafts the shop: names kept, keys from PRAGMA foreign_key_list, roles and counts', async () => {
      expect(shopDraftSummary(await introspectCatalog(warehouse))).toEqual(expectedShopDraft({ comments: false }));
    });

    it('reads columns declared without a type by the type of their values', async () => {
      const file = join(dir, 'untyped.sqlite');
      const db = new Database(file);
      db.exec('CREATE TABLE "Untyped" ("Score", "Label", "Say ""hi""")');
      db.exec(`INSERT INTO "Untyped" VALUES (1.5, 'a', 'x'), (2.5, 'b', 'y')`);
      db.close();
      const untyped = await SqliteWarehouse.open(file);
      try {
        const { file: draft, report } = await introspectCatalog(untyped);
        expect(draft.views[0].columns.map((c) => [c.name, c.type, c.role])).toEqual([
          ['score', 'decimal', 'metric'],
          ['label', 'string', 'dimension'],
        ]);
        expect(report.leftOut).toEqual(['Untyped.Say "hi": its name has a quote, dot or control character, which no catalog source may hold']);
      } finally {
        await untyped.close();
      }
    });
  });

  it('depends on the warehouse interface only, never its implementation', () => {
    for (const name of readdirSync(__dirname).filter((f) => f.endsWith('.ts') && !f.endsWith('.spec.ts'))) {
      const source = readFileSync(join(__dirname, name), 'utf8');
      for (const line of source.split('\n').filter((l) => l.includes('@chatbi/warehouse'))) {
        expect(line).toMatch(/^import type /);
      }
    }
  });

  it('drafts YAML a DBA reads: notes as comments, defaults left out', async () => {
    const file = join(dir, 'notes.duckdb');
    const writable = await DuckDbWarehouse.open(file, { readOnly: false });
    await writable.query(`CREATE TABLE "Sales" ("SaleID" INTEGER PRIMARY KEY, "SoldOn" DATE, "Amount" DECIMAL(10,2), "Region" VARCHAR)`, [], OPTIONS);
    await writable.query(`INSERT INTO "Sales" VALUES (1, DATE '2024-01-01', 10, 'north'), (2, DATE '2024-01-02', 20, 'south')`, [], OPTIONS);
    await writable.close();
    const warehouse = await DuckDbWarehouse.open(file);
    try {
      const { yaml } = await introspectCatalog(warehouse, { source: 'duckdb file notes.duckdb' });
      expect(yaml).toMatch(/^# Drafted by `chatbi connect` from duckdb file notes\.duckdb/);
      expect(yaml).toContain('# from table main.Sales, 2 rows');
      expect(yaml).toMatch(/name: amount\n\s+source: Amount\n\s+type: decimal\n\s+role: metric # amount: added up\n\s+agg: sum/);
      expect(yaml).toContain('- { value: north }');
      expect(yaml).toMatch(/aliases: \{ en: \[ number of sales/);
      new CatalogLoader().loadSources([{ file: 'notes.yaml', text: yaml }]);
    } finally {
      await warehouse.close();
    }
  });
});
