import 'reflect-metadata';
import { serviceWarehouse } from '../../chatbi/src/config/chatbi.config';
import { runService } from '../../chatbi/src/distributed/service-runtime';
import { sqlDialectFor } from './dialects/sql-dialects';
import { SqlTemplaterModule } from './sql-templater.module';
import { defaultTemplatesDir } from './templates-dir';

/** sql-templater on its own: plans rendered into SQL by the Handlebars templates, over Kafka, in the dialect of CHATBI_WAREHOUSE_URL. */
runService({
  name: 'sql-templater',
  modules: (config) => [
    SqlTemplaterModule.register({
      dialect: sqlDialectFor(serviceWarehouse(config).dialect),
      templatesDir: config.SQL_TEMPLATES_DIR ?? defaultTemplatesDir(),
    }),
  ],
});
