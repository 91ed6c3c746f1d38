import type { INestApplication } from '@nestjs/common';
import { CatalogRegistry } from '@chatbi/catalog';
import { AskService } from '@chatbi/dialogue';
import type { PipelineUnderTest } from '@chatbi/eval';
import { WAREHOUSE, type Warehouse } from '@chatbi/warehouse';
import type { ChatbiConfig } from './config/chatbi.config';
import { createEmbeddedApp } from './embedded-runtime';

/** The embedded app as a pipeline under test: AskService for questions, the app's warehouse for gold SQL. */
export async function embeddedPipeline(config: ChatbiConfig, onProgress?: (line: string) => void): Promise<PipelineUnderTest & { app: INestApplication }> {
  const app = await createEmbeddedApp(config, { logLevels: ['error'], onProgress });
  const asks = app.get(AskService);
  const warehouse = app.get<Warehouse>(WAREHOUSE);
  return {
    ask: (question, sessionId) => asks.ask({ question, ...(sessionId ? { sessionId } : {}) }),
    runGold: async (sql) => {
      const result = await warehouse.query(sql, [], { timeoutMs: config.CHATBI_QUERY_TIMEOUT_MS, maxRows: config.CHATBI_MAX_ROWS });
      const columns = result.columns.map((c) => c.name);
      return { columns, rows: result.rows.map((r) => columns.map((c) => r[c])) };
    },
    catalog: app.get(CatalogRegistry).current(),
    close: () => app.close(),
    app,
  };
}
