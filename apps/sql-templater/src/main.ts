import 'reflect-metadata';
import { runService } from '../../chatbi/src/distributed/service-runtime';
import { duckdbDialect } from './dialects/duckdb.dialect';
import { SqlTemplaterModule } from './sql-templater.module';
import { defaultTemplatesDir } from './templates-dir';

/** sql-templater on its own: plans rendered into SQL by the Handlebars templates, over Kafka. */
runService({
  name: 'sql-templater',
  modules: (config) => [SqlTemplaterModule.register({ dialect: duckdbDialect, templatesDir: config.SQL_TEMPLATES_DIR ?? defaultTemplatesDir() })],
});
