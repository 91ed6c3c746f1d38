import { Client } from 'pg';
import { PostgresWarehouse } from '@chatbi/warehouse';
import { startPostgresTestServer, type PostgresTestServer } from '../persistence/testing/postgres-test-server';
import { introspectCatalog } from './catalog.introspector';
import { expectedShopDraft, shopDraftSummary } from './testing/shop-draft.expectations';
import { shopSchemaStatements } from './testing/shop-schema.fixture';

// Needs Debian's PostgreSQL server binaries; without them this suite fails and says what to install.
describe('introspectCatalog on PostgreSQL', () => {
  let server: PostgresTestServer;
  let warehouse: PostgresWarehouse;
  let url: string;

  beforeAll(async () => {
    server = await startPostgresTestServer();
    const admin = new Client({ connectionString: server.url });
    await admin.connect();
    try {
      for (const sql of shopSchemaStatements('postgres')) await admin.query(sql);
      await admin.query('CREATE SCHEMA hidden');
      await admin.query('CREATE TABLE hidden.payroll (salary INTEGER)');
      // What the README tells a team to give ChatBI: read access to the tables of one schema.
      await admin.query("CREATE ROLE chatbi_reader LOGIN PASSWORD 'reader pass'");
      await admin.query('GRANT USAGE ON SCHEMA public TO chatbi_reader');
      await admin.query('GRANT SELECT ON ALL TABLES IN SCHEMA public TO chatbi_reader');
    } finally {
      await admin.end();
    }
    url = server.url.replace('postgres://postgres@', `postgres://chatbi_reader:${encodeURIComponent('reader pass')}@`);
    warehouse = await PostgresWarehouse.open(url);
  }, 120_000);

  afterAll(async () => {
    await warehouse?.close();
    await server?.stop();
  });

  it('drafts the shop with keys from pg_constraint and comments, as a read-only role sees it', async () => {
    const drafted = await introspectCatalog(warehouse);
    expect(shopDraftSummary(drafted)).toEqual(expectedShopDraft({ comments: true }));
    // Relations the role may not read are not drafted.
    expect(drafted.file.views.map((v) => v.name)).not.toContain('payroll');
  });
});
