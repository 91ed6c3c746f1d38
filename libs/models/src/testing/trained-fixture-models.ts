import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CatalogRegistry } from '@chatbi/catalog';
import { ModelRegistry } from '../model.registry';
import { FIXTURE_QUESTIONS, loadModelsFixtureCatalog } from './models-fixture.catalog';

/** Both small models for the fixture catalog, trained by `prepare` in a throwaway folder that `dispose` removes. */
export function trainedFixtureModels(): {
  catalogs: CatalogRegistry;
  models: ModelRegistry;
  prepare(): Promise<void>;
  dispose(): Promise<void>;
} {
  const dir = mkdtempSync(join(tmpdir(), 'chatbi-models-'));
  const catalog = loadModelsFixtureCatalog();
  const catalogs = new CatalogRegistry();
  const models = new ModelRegistry({ dir, questions: FIXTURE_QUESTIONS });
  return {
    catalogs,
    models,
    async prepare() {
      catalogs.replace(catalog);
      await models.prepare(catalog);
    },
    async dispose() {
      await models.onModuleDestroy();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
