import 'reflect-metadata';
import { TOPICS } from '@chatbi/contracts';
import { defaultTemplatesDir, sqlDialectFor } from '@chatbi/sql-templater';
import { ReopeningWarehouse, WAREHOUSE } from '@chatbi/warehouse';
import { serviceWarehouse } from '../../chatbi/src/config/chatbi.config';
import { semanticOptionsOf } from '../../chatbi/src/config/semantic.config';
import { cascadeJudgesFor } from '../../chatbi/src/semantic/cascade-judges.factory';
import { runService } from '../../chatbi/src/distributed/service-runtime';
import { warehouseCheck } from '../../chatbi/src/health/dependency.checks';
import { CascadeRunnerModule } from './cascade-runner.module';

let warehouse: ReopeningWarehouse | undefined;

/**
 * cascade-runner on its own: runs the SQL on the warehouse (CHATBI_WAREHOUSE_URL), read-only.
 * Several instances may share one DuckDB file; the demo file is never generated here (run
 * `chatbi demo` first). An unreachable warehouse is logged at start with what to check, and the
 * instance is not ready (and takes no partitions) until it opens.
 */
runService({
  name: 'cascade-runner',
  modules: (config) => [
    CascadeRunnerModule.register({
      timeoutMs: config.CHATBI_QUERY_TIMEOUT_MS,
      maxRows: config.CHATBI_MAX_ROWS,
      // Semantic operators render their row queries themselves, in the warehouse's dialect.
      semantic: {
        ...semanticOptionsOf(config),
        dialect: sqlDialectFor(serviceWarehouse(config).dialect),
        templatesDir: config.SQL_TEMPLATES_DIR ?? defaultTemplatesDir(),
      },
      judges: cascadeJudgesFor(config),
      kafka: { instanceId: config.CHATBI_INSTANCE_ID },
    }),
  ],
  // Each instance waits for the decisions of the jobs it owns, whichever worker judged them.
  broadcastTopics: [TOPICS.semanticDecisions],
  // Until the warehouse opens, it joins no consumer group: the questions wait on Kafka for an
  // instance that can run them, and dialogue answers PIPELINE_UNAVAILABLE meanwhile.
  readiness: () => [warehouseCheck(warehouse!, { gatesConsumers: true })],
  providers(config) {
    warehouse = ReopeningWarehouse.at(serviceWarehouse(config));
    void warehouse.probe().catch(() => undefined);
    return [{ provide: WAREHOUSE, useValue: warehouse }];
  },
  async afterClose() {
    await warehouse?.close();
  },
});
