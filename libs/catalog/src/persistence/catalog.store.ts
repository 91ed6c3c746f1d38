import { In, type DataSource } from 'typeorm';
import { Catalog, type CatalogView } from '../catalog';
import { CatalogViewEntity } from './catalog-view.entity';

export interface CatalogChanges {
  added: string[];
  updated: string[];
  removed: string[];
}

/** Keeps the current catalog in the metadata database, so that every service sees the same views. */
export class CatalogStore {
  constructor(private readonly dataSource: DataSource) {}

  /** Replaces the stored catalog with this one in one transaction; views it no longer has are removed. */
  async save(catalog: Catalog): Promise<CatalogChanges> {
    return this.dataSource.transaction(async (manager) => {
      if (manager.connection.options.type === 'postgres') {
        // Two replicas saving at once would both insert a new view; one waits for the other instead.
        await manager.query('LOCK TABLE "catalog_view" IN SHARE ROW EXCLUSIVE MODE');
      }
      const repo = manager.getRepository(CatalogViewEntity);
      const stored = new Map((await repo.find()).map((row) => [row.name, row]));
      const changes: CatalogChanges = { added: [], updated: [], removed: [] };
      for (const [position, view] of catalog.views.entries()) {
        const fields = {
          source: view.source,
          description: view.description,
          definition: view,
          sourceFile: view.sourceFile,
          catalogHash: catalog.hash,
          position,
        };
        const row = stored.get(view.name);
        if (!row) {
          await repo.insert({ name: view.name, ...fields });
          changes.added.push(view.name);
        } else if (canonicalJson(row.definition) !== canonicalJson(view)) {
          await repo.update({ name: view.name }, fields);
          changes.updated.push(view.name);
        } else if (row.catalogHash !== catalog.hash || row.position !== position) {
          // Passing updatedAt back keeps TypeORM from stamping a view whose definition did not change.
          await repo.update({ name: view.name }, { catalogHash: catalog.hash, position, updatedAt: row.updatedAt });
        }
      }
      const keep = new Set(catalog.views.map((v) => v.name));
      changes.removed = [...stored.keys()].filter((name) => !keep.has(name)).sort();
      if (changes.removed.length) await repo.delete({ name: In(changes.removed) });
      return changes;
    });
  }

  /** The last saved catalog, or null when none was saved (or the last one had no views). */
  async load(): Promise<Catalog | null> {
    const rows = await this.dataSource.getRepository(CatalogViewEntity).find({ order: { position: 'ASC', name: 'ASC' } });
    if (rows.length === 0) return null;
    return new Catalog(
      rows.map((row) => row.definition as CatalogView),
      rows[0].catalogHash,
    );
  }
}

/** JSON with sorted keys and undefined left out, so that equal views compare equal after a round trip. */
function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
      : v,
  );
}
