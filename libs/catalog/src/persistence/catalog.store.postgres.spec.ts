import { DataSource } from 'typeorm';
import { catalogDataSourceOptions } from './catalog-data-source.options';
import { CatalogStore } from './catalog.store';
import { sampleCatalog } from './testing/catalog.fixture';
import { startPostgresTestServer, type PostgresTestServer } from './testing/postgres-test-server';

// Needs Debian's PostgreSQL server binaries; without them this suite fails and says what to install.
describe('CatalogStore on PostgreSQL', () => {
  let server: PostgresTestServer;
  const open: DataSource[] = [];

  async function connect(): Promise<DataSource> {
    const ds = await new DataSource(catalogDataSourceOptions({ kind: 'postgres', url: server.url })).initialize();
    open.push(ds);
    return ds;
  }

  beforeAll(async () => {
    server = await startPostgresTestServer();
  }, 120_000);

  afterAll(async () => {
    for (const ds of open) if (ds.isInitialized) await ds.destroy();
    await server?.stop();
  }, 60_000);

  it('creates the schema with the migration, not synchronize, and it matches the entity', async () => {
    const ds = await connect();
    expect(ds.options.synchronize).toBe(false);
    const ran = await ds.query('SELECT name FROM migrations');
    expect(ran).toEqual([{ name: 'CreateCatalogView1730000000000' }]);
    const pending = await ds.driver.createSchemaBuilder().log();
    expect(pending.upQueries.map((q) => q.query)).toEqual([]);
  });

  it('round-trips, updates and removes views', async () => {
    const store = new CatalogStore(await connect());
    expect(await store.load()).toBeNull();
    const first = sampleCatalog(['v_app_daily', 'v_search']);
    expect(await store.save(first)).toEqual({ added: ['v_app_daily', 'v_search'], updated: [], removed: [] });
    const loaded = await store.load();
    expect(loaded!.views).toEqual(first.views);
    expect(loaded!.hash).toBe(first.hash);

    const next = sampleCatalog(['v_search', 'v_feedback'], { v_search: 'Searches, reworded' });
    expect(await store.save(next)).toEqual({ added: ['v_feedback'], updated: ['v_search'], removed: ['v_app_daily'] });
    expect((await store.load())!.views).toEqual(next.views);
  });

  it('reads the same catalog from a new connection, where migrations do not run twice', async () => {
    const ds = await connect();
    expect(await ds.query('SELECT count(*)::int AS n FROM migrations')).toEqual([{ n: 1 }]);
    const loaded = await new CatalogStore(ds).load();
    expect(loaded!.views.map((v) => v.name)).toEqual(['v_search', 'v_feedback']);
  });

  it('lets two replicas save the same new catalog at once', async () => {
    const [a, b] = [new CatalogStore(await connect()), new CatalogStore(await connect())];
    const catalog = sampleCatalog(['v_app_daily', 'v_search', 'v_feedback']);
    const results = await Promise.all([a.save(catalog), b.save(catalog)]);
    expect(results.map((r) => r.added).sort()).toEqual([[], ['v_app_daily']]);
    expect((await a.load())!.views).toEqual(catalog.views);
  });
});
