import 'reflect-metadata';
import { CatalogLoader } from '@chatbi/catalog';
import { DEMO_CATALOG_DIR } from '@chatbi/demo-world';
import { serviceWarehouse } from '../../chatbi/src/config/chatbi.config';
import { runService } from '../../chatbi/src/distributed/service-runtime';
import { ViewAdvisorModule } from './view-advisor.module';

/** view-advisor on its own: hits, misses and failures in PostgreSQL; owner of the stored catalog; proposes views in the warehouse's dialect. */
runService({
  name: 'view-advisor',
  modules: (config) => {
    const dir = config.CHATBI_CATALOG_DIR ?? DEMO_CATALOG_DIR;
    const source = { dir, writable: config.CHATBI_CATALOG_DIR !== undefined, load: () => new CatalogLoader().loadDirectory(dir) };
    return [ViewAdvisorModule.register(source, serviceWarehouse(config).dialect)];
  },
});
