import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { INestApplication } from '@nestjs/common';
import { createConnection } from 'mysql2/promise';
import { Client } from 'pg';
import type { SqlDialect } from '@chatbi/contracts';
import { startPostgresTestServer } from '../libs/catalog/src/persistence/testing/postgres-test-server';
import { shopSchemaStatements } from '../libs/catalog/src/introspect/testing/shop-schema.fixture';
import { startMariaDbTestServer } from '../libs/warehouse/src/testing/mariadb-test-server';
import { loadConfig } from '../apps/chatbi/src/config/chatbi.config';
import { connectCommand } from '../apps/chatbi/src/connect.command';
import { createEmbeddedApp } from '../apps/chatbi/src/embedded-runtime';

jest.setTimeout(300_000);

/** A team's own server, made here: the shop schema, a read-only login, and a way to run gold SQL as the owner. */
interface OwnWarehouse {
  dialect: SqlDialect;
  /** The database the URL names: the drafted file is <database>.yaml. */
  database: string;
  /** The URL ChatBI gets: the read-only login. */
  url: string;
  gold(sql: string): Promise<unknown[][]>;
  stop(): Promise<void>;
}

async function ownPostgres(): Promise<OwnWarehouse> {
  const server = await startPostgresTestServer();
  const owner = new Client({ connectionString: server.url });
  await owner.connect();
  for (const sql of shopSchemaStatements('postgres')) await owner.query(sql);
  for (const sql of [
    "CREATE ROLE chatbi_reader LOGIN PASSWORD 'reader pass'",
    'GRANT USAGE ON SCHEMA public TO chatbi_reader',
    'GRANT SELECT ON ALL TABLES IN SCHEMA public TO chatbi_reader',
  ]) {
    await owner.query(sql);
  }
  return {
    dialect: 'postgres',
    database: 'postgres',
    url: server.url.replace('postgres://postgres@', `postgres://chatbi_reader:${encodeURIComponent('reader pass')}@`),
    gold: async (sql) => (await owner.query({ text: sql, rowMode: 'array' })).rows,
    stop: async () => {
      await owner.end();
      await server.stop();
    },
  };
}

async function ownMariaDb(): Promise<OwnWarehouse> {
  const server = await startMariaDbTestServer({ database: 'shop' });
  const owner = await createConnection({ uri: server.url });
  for (const sql of shopSchemaStatements('mysql')) await owner.query(sql);
  await owner.query("CREATE USER 'chatbi_reader'@'%' IDENTIFIED BY 'reader pass'");
  await owner.query("GRANT SELECT, SHOW VIEW ON shop.* TO 'chatbi_reader'@'%'");
  return {
    dialect: 'mysql',
    database: 'shop',
    url: server.url.replace('mysql://root@', `mariadb://chatbi_reader:${encodeURIComponent('reader pass')}@`),
    gold: async (sql) => (await owner.query({ sql: sql.replace(/"/g, '`'), rowsAsArray: true }))[0] as unknown[][],
    stop: async () => {
      await owner.end();
      await server.stop();
    },
  };
}

/** Rows as sorted lists of plain values, so that column names and order do not matter. */
function normalized(rows: unknown[][]): string[] {
  return rows.map((r) => JSON.stringify(r.map((v) => (v === null ? null : Number.isFinite(Number(v)) ? Number(v) : String(v))).sort())).sort();
}

/**
 * From a URL to answers on a team's own PostgreSQL and MariaDB: `chatbi connect` drafts the catalog
 * from the live schema as a read-only login sees it, the embedded app serves it with
 * CHATBI_WAREHOUSE_URL, and single-table questions get the rows the gold SQL (run by the owner) gets.
 */
describe.each([
  ['PostgreSQL', ownPostgres],
  ['MariaDB', ownMariaDb],
])('bring your own warehouse: %s', (_, start) => {
  let own: OwnWarehouse;
  let dir: string;
  let app: INestApplication;
  let base: string;

  beforeAll(async () => {
    own = await start();
    dir = mkdtempSync(join(tmpdir(), 'chatbi-byo-'));
    const stderr = jest.spyOn(process.stderr, 'write').mockImplementation(() => true);
    try {
      await connectCommand(own.url, { out: join(dir, 'catalog') });
    } finally {
      stderr.mockRestore();
    }
    app = await createEmbeddedApp(
      loadConfig({ CHATBI_WAREHOUSE_URL: own.url, CHATBI_CATALOG_DIR: join(dir, 'catalog'), CHATBI_DATA_DIR: join(dir, 'data') }),
      { logLevels: ['error'] },
    );
    await app.listen(0, '127.0.0.1');
    base = `http://127.0.0.1:${(app.getHttpServer().address() as { port: number }).port}`;
  });

  afterAll(async () => {
    await app?.close();
    await own?.stop();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  async function ask(question: string): Promise<{ rows: unknown[][]; sql: string }> {
    const response = await fetch(`${base}/api/ask`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ question }) });
    const body = (await response.json()) as { sql?: string; columns?: { name: string }[]; rows?: Record<string, unknown>[]; error?: { message: string } };
    if (response.status !== 200) throw new Error(`${question}: ${response.status} ${JSON.stringify(body.error)}`);
    return { sql: body.sql!, rows: body.rows!.map((r) => body.columns!.map((c) => r[c.name])) };
  }

  it('drafts <database>.yaml from the live schema, warehouse names kept', () => {
    expect(readdirSync(join(dir, 'catalog'))).toEqual([`${own.database}.yaml`]);
    const yaml = readFileSync(join(dir, 'catalog', `${own.database}.yaml`), 'utf8');
    expect(yaml).toContain('source: Order Lines');
    expect(yaml).toContain('source: Full Name');
    expect(yaml).toContain('name: referred_by');
  });

  it.each([
    ['how many customers are there?', 'SELECT count(*) FROM "Customers"'],
    ['how many orders are shipped?', `SELECT count(*) FROM "Orders" WHERE "Status" = 'shipped'`],
    ['number of orders by status', 'SELECT "Status", count(*) FROM "Orders" GROUP BY "Status"'],
    ['total amount by status', 'SELECT "Status", sum("TotalAmount") FROM "Orders" GROUP BY "Status"'],
    ['how many customers from France?', `SELECT count(*) FROM "Customers" WHERE "Country" = 'France'`],
  ])('answers %j with the rows of %s', async (question, gold) => {
    const answer = await ask(question);
    expect(normalized(answer.rows)).toEqual(normalized(await own.gold(gold)));
    // Written in the dialect the URL names: MariaDB quotes with backticks.
    expect(answer.sql).toMatch(own.dialect === 'mysql' ? /FROM `Orders`|FROM `Customers`/ : /FROM "Orders"|FROM "Customers"/);
  });

  // TODO(lead, plan shapes): join questions along the drafted relationships, e.g.
  //   ['how many orders from customers in France?', `SELECT count(*) FROM "Orders" o JOIN "Customers" c
  //     ON c."CustomerID" = o."CustomerID" WHERE c."Country" = 'France'`]  (orders -> customers, `customer`)
  // Today the planner answers one view only (422 NO_VIEW_COVERS); add the case above when it joins.
});
