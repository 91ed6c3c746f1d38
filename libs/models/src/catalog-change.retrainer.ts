import type { CatalogRegistry } from '@chatbi/catalog';
import type { CatalogChangedMessage } from '@chatbi/contracts';
import type { ModelRegistry, PreparedModel } from './model.registry';

const WAIT_FOR_CATALOG_MS = 10_000;

/**
 * Retrains (in the background) for the catalog a chatbi.catalog-changed message announces, once the
 * process's catalog registry holds it: another handler may swap the catalog in a moment later.
 */
export async function retrainForCatalog(models: ModelRegistry, catalogs: CatalogRegistry, message: CatalogChangedMessage): Promise<PreparedModel[]> {
  const deadline = Date.now() + WAIT_FOR_CATALOG_MS;
  while (catalogs.current().hash !== message.catalogHash) {
    if (Date.now() > deadline) return [];
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return models.prepare(catalogs.current(), { background: true });
}
