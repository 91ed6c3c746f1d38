import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import { AskService } from '../apps/dialogue/src/ask.service';
import { loadConfig } from '../apps/chatbi/src/config/chatbi.config';
import { createEmbeddedApp } from '../apps/chatbi/src/embedded-runtime';
import { eventually } from './eventually';
import { startPostgresTestServer, type PostgresTestServer } from '../libs/catalog/src/persistence/testing/postgres-test-server';

jest.setTimeout(180_000);

/** The embedded app keeping its metadata in a real PostgreSQL, schema from migrations. */
describe('embedded app with metadata in PostgreSQL', () => {
  let server: PostgresTestServer;
  let dataDir: string;

  beforeAll(async () => {
    server = await startPostgresTestServer();
    dataDir = mkdtempSync(join(tmpdir(), 'chatbi-pg-'));
  });

  afterAll(async () => {
    await server?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('runs the migrations, stores the catalog and counts hits there', async () => {
    const app = await createEmbeddedApp(loadConfig({ CHATBI_DATA_DIR: dataDir, CHATBI_METADATA_URL: server.url }), { logLevels: ['error'] });
    try {
      const answer = await app.get(AskService).ask({ question: 'DAU of the main app yesterday' });
      expect(answer.rows).toHaveLength(1);
      const db = app.get(DataSource);
      expect(db.options.type).toBe('postgres');
      const [{ n }] = await db.query(`SELECT count(*)::int AS n FROM catalog_view`);
      expect(n).toBeGreaterThanOrEqual(4);
      await eventually(async () =>
        expect(await db.query(`SELECT "view", "outcome" FROM question_log`)).toEqual([{ view: 'user_activity_daily', outcome: 'answered' }]),
      );
    } finally {
      await app.close();
    }
  });
});
