import { createConnection } from 'mysql2/promise';
import { MySqlWarehouse } from '@chatbi/warehouse';
import { startMariaDbTestServer, type MariaDbTestServer } from '../../../warehouse/src/testing/mariadb-test-server';
import { introspectCatalog } from './catalog.introspector';
import { expectedShopDraft, shopDraftSummary } from './testing/shop-draft.expectations';
import { shopSchemaStatements } from './testing/shop-schema.fixture';

// Needs Debian's mariadb-server; without it this suite fails and says what to install.
describe('introspectCatalog on MariaDB', () => {
  let server: MariaDbTestServer;
  let warehouse: MySqlWarehouse;

  beforeAll(async () => {
    server = await startMariaDbTestServer({ database: 'shop' });
    const admin = await createConnection({ uri: server.url });
    try {
      for (const sql of shopSchemaStatements('mysql')) await admin.query(sql);
      // What the README tells a team to give ChatBI: SELECT on one database.
      await admin.query("CREATE USER 'chatbi_reader'@'%' IDENTIFIED BY 'reader pass'");
      await admin.query("GRANT SELECT, SHOW VIEW ON shop.* TO 'chatbi_reader'@'%'");
    } finally {
      await admin.end();
    }
    warehouse = await MySqlWarehouse.open(server.url.replace('mysql://root@', `mysql://chatbi_reader:${encodeURIComponent('reader pass')}@`));
  }, 120_000);

  afterAll(async () => {
    await warehouse?.close();
    await server?.stop();
  });

  it('drafts the shop with keys from information_schema.KEY_COLUMN_USAGE and comments, as a read-only user sees it', async () => {
    expect(shopDraftSummary(await introspectCatalog(warehouse))).toEqual(expectedShopDraft({ comments: true }));
  });
});
