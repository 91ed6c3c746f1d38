import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import { Catalog } from '../catalog';
import { catalogDataSourceOptions } from './catalog-data-source.options';
import { CatalogViewEntity } from './catalog-view.entity';
import { CatalogStore } from './catalog.store';
import { sampleCatalog } from './testing/catalog.fixture';

describe('CatalogStore on SQLite', () => {
  let dir: string;
  let file: string;
  const open: DataSource[] = [];

  async function connect(): Promise<DataSource> {
    const ds = await new DataSource(catalogDataSourceOptions({ kind: 'sqlite', file })).initialize();
    open.push(ds);
    return ds;
  }

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'chatbi-catalog-store-'));
    file = join(dir, 'nested', 'not-yet-there', 'metadata.sqlite');
  });

  afterAll(async () => {
    for (const ds of open) if (ds.isInitialized) await ds.destroy();
    rmSync(dir, { recursive: true, force: true });
  });

  it('loads nothing from a fresh file', async () => {
    expect(await new CatalogStore(await connect()).load()).toBeNull();
  });

  it('round-trips a catalog', async () => {
    const store = new CatalogStore(await connect());
    const catalog = sampleCatalog(['v_app_daily', 'v_search', 'v_feedback']);
    expect(await store.save(catalog)).toEqual({ added: ['v_app_daily', 'v_search', 'v_feedback'], updated: [], removed: [] });
    const loaded = await store.load();
    expect(loaded).toBeInstanceOf(Catalog);
    expect(loaded!.hash).toBe(catalog.hash);
    expect(loaded!.views).toEqual(catalog.views);
    expect(loaded!.column('v_app_daily', 'dau')!.expr).toBe('count(distinct uid)');
    expect(await store.save(catalog)).toEqual({ added: [], updated: [], removed: [] });
  });

  it('adds, updates and removes views, and keeps updatedAt of views that did not change', async () => {
    const ds = await connect();
    const store = new CatalogStore(ds);
    const before = await ds.getRepository(CatalogViewEntity).findOneByOrFail({ name: 'v_search' });
    const next = sampleCatalog(['v_feedback', 'v_search'], { v_feedback: 'Feedback rows, reworded' });
    expect(await store.save(next)).toEqual({ added: [], updated: ['v_feedback'], removed: ['v_app_daily'] });
    const loaded = await store.load();
    expect(loaded!.views.map((v) => v.name)).toEqual(['v_feedback', 'v_search']);
    expect(loaded!.view('v_feedback')!.description).toBe('Feedback rows, reworded');
    expect(loaded!.hash).toBe(next.hash);
    const after = await ds.getRepository(CatalogViewEntity).findOneByOrFail({ name: 'v_search' });
    expect(after.updatedAt).toEqual(before.updatedAt);
    expect(after.catalogHash).toBe(next.hash);
  });

  it('reads the same catalog after reopening the file', async () => {
    for (const ds of open.splice(0)) await ds.destroy();
    const loaded = await new CatalogStore(await connect()).load();
    expect(loaded!.views).toEqual(sampleCatalog(['v_feedback', 'v_search'], { v_feedback: 'Feedback rows, reworded' }).views);
  });

  it('saves in one transaction: a failing save changes nothing', async () => {
    const store = new CatalogStore(await connect());
    const good = sampleCatalog(['v_app_daily']);
    // Two views of one name make the second insert fail after the first went in.
    const broken = new Catalog([...good.views, ...good.views], 'broken');
    await expect(store.save(broken)).rejects.toThrow();
    const loaded = await store.load();
    expect(loaded!.views.map((v) => v.name)).toEqual(['v_feedback', 'v_search']);
  });

  it('loads null after a save of an empty catalog', async () => {
    const store = new CatalogStore(await connect());
    expect(await store.save(new Catalog([], 'empty'))).toEqual({ added: [], updated: [], removed: ['v_feedback', 'v_search'] });
    expect(await store.load()).toBeNull();
  });
});
