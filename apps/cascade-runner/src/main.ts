import 'reflect-metadata';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { Logger } from '@nestjs/common';
import { TOPICS } from '@chatbi/contracts';
import { DuckDbWarehouse, WAREHOUSE } from '@chatbi/warehouse';
import { semanticOptionsOf } from '../../chatbi/src/config/semantic.config';
import { cascadeJudgesFor } from '../../chatbi/src/semantic/cascade-judges.factory';
import { runService } from '../../chatbi/src/distributed/service-runtime';
import { ReopeningWarehouse } from '../../chatbi/src/reopening-warehouse';
import { CascadeRunnerModule } from './cascade-runner.module';

let warehouse: ReopeningWarehouse | undefined;

/**
 * cascade-runner on its own: runs the SQL on the warehouse, read-only. Several instances may share
 * one DuckDB file; it is never generated here (run `chatbi demo` first, or set CHATBI_WAREHOUSE_FILE).
 */
runService({
  name: 'cascade-runner',
  modules: (config) => [
    CascadeRunnerModule.register({
      timeoutMs: config.CHATBI_QUERY_TIMEOUT_MS,
      maxRows: config.CHATBI_MAX_ROWS,
      semantic: semanticOptionsOf(config),
      judges: cascadeJudgesFor(config),
      kafka: { instanceId: config.CHATBI_INSTANCE_ID },
    }),
  ],
  // Each instance waits for the decisions of the jobs it owns, whichever worker judged them.
  broadcastTopics: [TOPICS.semanticDecisions],
  providers(config) {
    const file = config.CHATBI_WAREHOUSE_FILE ?? join(config.CHATBI_DATA_DIR, `demo-${config.CHATBI_DEMO_SIZE}.duckdb`);
    if (!existsSync(file)) new Logger('cascade-runner').warn(`no warehouse at ${file}: questions fail with WAREHOUSE_UNAVAILABLE until it exists`);
    warehouse = new ReopeningWarehouse('duckdb', () => DuckDbWarehouse.open(file, { readOnly: true }), file);
    return [{ provide: WAREHOUSE, useValue: warehouse }];
  },
  async afterClose() {
    await warehouse?.close();
  },
});
