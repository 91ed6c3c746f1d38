import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import { CatalogLoader, expandVirtual, type Catalog } from '@chatbi/catalog';
import { DEMO_CATALOG_DIR, generateDemoWorld } from '@chatbi/demo-world';
import { buildProposedView, joinKeys } from './proposed-view.builder';

jest.setTimeout(120_000);

describe('buildProposedView on the demo catalog', () => {
  const catalog: Catalog = new CatalogLoader().loadDirectory(DEMO_CATALOG_DIR);
  const demoFiles = () => readdirSync(DEMO_CATALOG_DIR).filter((f) => f.endsWith('.yaml')).map((f) => ({ file: join(DEMO_CATALOG_DIR, f), text: readFileSync(join(DEMO_CATALOG_DIR, f), 'utf8') }));

  it('joins on the columns both views hold with the same name, type and a key role, time first', () => {
    const keys = joinKeys(catalog.view('user_activity_daily')!, catalog.view('search_daily')!);
    expect(keys[0]).toBe('event_day');
    expect(keys).toEqual(expect.arrayContaining(['uid', 'app_name', 'city']));
    // Metrics of the same name (vv, likes, ...) never join two views.
    expect(joinKeys(catalog.view('user_activity_daily')!, catalog.view('video_play_daily')!)).not.toContain('vv');
  });

  it('proposes a view for DAU and search CTR by city: left join on the shared keys, virtual columns carried over', () => {
    const proposal = buildProposedView(catalog, [
      { view: 'user_activity_daily', column: 'dau' },
      { view: 'user_activity_daily', column: 'city' },
      { view: 'search_daily', column: 'search_ctr' },
    ]);
    expect(proposal.name).toBe('user_activity_daily_x_search_daily');
    expect(proposal.primary).toBe('user_activity_daily');
    expect(proposal.safeJoin).toBe(true);
    expect(proposal.ddl).toMatch(/^CREATE VIEW "user_activity_daily_x_search_daily" AS\nSELECT\n/);
    expect(proposal.ddl).toContain('FROM "user_activity_daily" AS t1\nLEFT JOIN "search_daily" AS t2\n  ON t2."event_day" = t1."event_day"');
    expect(proposal.ddl).toContain('AND t2."uid" = t1."uid"');
    const names = proposal.columns.map((c) => c.name);
    expect(new Set(names).size).toBe(names.length);
    expect(proposal.columns.find((c) => c.name === 'dau')).toMatchObject({ kind: 'virtual', reason: 'requested' });
    expect(proposal.columns.find((c) => c.name === 'search_ctr')).toMatchObject({ kind: 'virtual', from: { view: 'search_daily' } });
    expect(proposal.warnings.join(' ')).toMatch(/grain/);

    // The draft is a valid catalog file next to the demo catalog, and its virtual columns expand.
    const merged = new CatalogLoader().loadSources([...demoFiles(), { file: 'proposal.yaml', text: proposal.yaml! }]);
    const view = merged.view(proposal.name)!;
    expect(view.columns.filter((c) => c.role === 'time').map((c) => c.name)).toEqual(['event_day']);
    expect(merged.column(proposal.name, 'city')!.aliases.en).toEqual(catalog.column('user_activity_daily', 'city')!.aliases.en);
  });

  it('says when no safe join key exists and offers no DDL', () => {
    const lonely = new CatalogLoader().loadSources([
      {
        file: 'two.yaml',
        text: `version: 1
views:
  - name: sales
    description: Sales.
    columns:
      - { name: sold_on, type: date, role: time, description: Day. }
      - { name: amount, type: decimal, role: metric, description: Amount. }
  - name: weather
    description: Weather.
    columns:
      - { name: measured_at, type: timestamp, role: time, description: When. }
      - { name: rain_mm, type: decimal, role: metric, description: Rain. }
`,
      },
    ]);
    const proposal = buildProposedView(lonely, [
      { view: 'sales', column: 'amount' },
      { view: 'weather', column: 'rain_mm' },
    ]);
    expect(proposal.safeJoin).toBe(false);
    expect(proposal.ddl).toBeNull();
    expect(proposal.yaml).toBeNull();
    expect(proposal.warnings[0]).toMatch(/No safe join key: weather shares no id, time or dimension column .* with sales/);
  });

  it('reads the warehouse names behind catalog keys and quotes them for the dialect', () => {
    const mixed = new CatalogLoader().loadSources([
      {
        file: 'mixed.yaml',
        text: `version: 1
views:
  - name: orders
    source: Sales.Orders
    description: Orders.
    columns:
      - { name: customer_id, source: CustomerID, type: integer, role: id, description: Customer. }
      - { name: order_total, source: Order Total, type: decimal, role: metric, description: Total. }
  - name: customers
    source: Customers
    description: Customers.
    columns:
      - { name: customer_id, source: CustomerID, type: integer, role: id, description: Customer. }
      - { name: region, source: Region, type: string, role: dimension, description: Region. }
`,
      },
    ]);
    const requested = [
      { view: 'orders', column: 'order_total' },
      { view: 'customers', column: 'region' },
    ];
    const mysql = buildProposedView(mixed, requested, 'mysql');
    expect(mysql.ddl).toContain('t1.`Order Total` AS `order_total`');
    expect(mysql.ddl).toContain('FROM `Sales`.`Orders` AS t1\nLEFT JOIN `Customers` AS t2\n  ON t2.`CustomerID` = t1.`CustomerID`');
    expect(buildProposedView(mixed, requested, 'postgres').ddl).toContain('t2."Region" AS "region"');
  });

  describe('on a real DuckDB demo warehouse', () => {
    let dir: string;
    let instance: DuckDBInstance;
    let connection: DuckDBConnection;

    beforeAll(async () => {
      dir = mkdtempSync(join(tmpdir(), 'proposal-ddl-'));
      const file = join(dir, 'demo.duckdb');
      await generateDemoWorld({ file, size: 'small', seed: 7, endDate: '2025-06-14' });
      instance = await DuckDBInstance.create(file);
      connection = await instance.connect();
    });

    afterAll(() => {
      connection?.closeSync();
      instance?.closeSync();
      if (dir) rmSync(dir, { recursive: true, force: true });
    });

    const rows = async (sql: string) => (await connection.runAndReadAll(sql)).getRowObjectsJson();

    it('creates the view, and DAU by city over it equals DAU by city over the base view', async () => {
      const proposal = buildProposedView(catalog, [
        { view: 'user_activity_daily', column: 'dau' },
        { view: 'user_activity_daily', column: 'city' },
        { view: 'search_daily', column: 'search_ctr' },
      ]);
      await connection.run(proposal.ddl!);
      const merged = new CatalogLoader().loadSources([...demoFiles(), { file: 'proposal.yaml', text: proposal.yaml! }]);
      const expr = (view: string, key: string) => {
        const v = merged.view(view)!;
        const virtual = new Map(v.columns.filter((c) => c.kind === 'virtual').map((c) => [c.name, c.expr!]));
        const physical = new Set(v.columns.filter((c) => c.kind === 'physical').map((c) => c.name));
        return expandVirtual(key, { virtual, physical, quote: (c) => `"${c}"` });
      };
      const overProposal = await rows(
        `SELECT "city", ${expr(proposal.name, 'dau')} AS dau, ${expr(proposal.name, 'search_ctr')} AS ctr FROM "${proposal.name}" GROUP BY 1 ORDER BY 1`,
      );
      const overBase = await rows(`SELECT "city", ${expr('user_activity_daily', 'dau')} AS dau FROM "user_activity_daily" GROUP BY 1 ORDER BY 1`);
      expect(overProposal.length).toBeGreaterThan(3);
      expect(overProposal.map((r) => [r.city, r.dau])).toEqual(overBase.map((r) => [r.city, r.dau]));
      expect(overProposal.some((r) => r.ctr !== null && Number(r.ctr) > 0)).toBe(true);
    });
  });
});
