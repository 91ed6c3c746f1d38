import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseWarehouseUrl, warehouseLocationOf, warehouseLocationOfFile } from './warehouse-location';
import { openWarehouse } from './warehouse.opener';

describe('parseWarehouseUrl', () => {
  it.each([
    ['duckdb:///data/shop.duckdb', 'duckdb', '/data/shop.duckdb', 'shop'],
    ['duckdb://data/shop.duckdb', 'duckdb', 'data/shop.duckdb', 'shop'],
    ['sqlite:///srv/My%20Data/flight_2.sqlite', 'sqlite', '/srv/My Data/flight_2.sqlite', 'flight_2'],
    ['postgres://reader:s3cret@db.example.com:5432/sales', 'postgres', 'postgres://reader:s3cret@db.example.com:5432/sales', 'sales'],
    ['postgresql://reader@db/sales?sslmode=require', 'postgres', 'postgresql://reader@db/sales?sslmode=require', 'sales'],
    ['postgres://reader@db', 'postgres', 'postgres://reader@db', 'reader'],
    ['mysql://reader:pw@db:3306/shop', 'mysql', 'mysql://reader:pw@db:3306/shop', 'shop'],
    ['mariadb://reader:pw@db:3306/shop', 'mysql', 'mysql://reader:pw@db:3306/shop', 'shop'],
  ])('reads %s', (url, dialect, target, database) => {
    expect(parseWarehouseUrl(url)).toMatchObject({ dialect, target, database });
  });

  it('never shows a password', () => {
    expect(parseWarehouseUrl('postgres://reader:s3cret@db/sales').description).toBe('postgres://reader@db/sales');
    expect(() => parseWarehouseUrl('oracle://reader:s3cret@db/sales')).toThrow(/^(?!.*s3cret)/);
  });

  it.each([
    ['oracle://db/x', /the scheme oracle:\/\/ is not one ChatBI opens\); use one of: duckdb:\/\/\/.*sqlite:\/\/\/.*postgres:\/\/.*mysql:\/\//],
    ['/data/shop.duckdb', /it has no scheme/],
    ['sqlite://', /names no file: write sqlite:\/\/\/absolute\/path/],
    ['duckdb:/data/x.duckdb', /names no file/],
    ['mysql://reader@db:3306', /names no database: write mysql:\/\/user:password@host:3306\/<database>/],
    ['postgres://reader:p@ss@db:99999/x', /not a valid URL; write it as postgres:\/\/.*percent-encode/],
  ])('refuses %s, saying how to write it', (url, message) => {
    expect(() => parseWarehouseUrl(url)).toThrow(message);
  });

  it('takes a bare file as DuckDB or, by its extension, SQLite', () => {
    expect(warehouseLocationOfFile('x/shop.duckdb')).toMatchObject({ dialect: 'duckdb', database: 'shop' });
    expect(warehouseLocationOfFile('x/spider.sqlite3')).toMatchObject({ dialect: 'sqlite', database: 'spider' });
    expect(warehouseLocationOf('x/app.db')).toMatchObject({ dialect: 'sqlite', target: 'x/app.db' });
    expect(warehouseLocationOf('sqlite:///x/app.db')).toMatchObject({ dialect: 'sqlite', target: '/x/app.db' });
  });
});

describe('openWarehouse', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'chatbi-open-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('says which file is missing and how to write its path', async () => {
    await expect(openWarehouse(`sqlite://${dir}/nope.sqlite`)).rejects.toMatchObject({
      code: 'WAREHOUSE_UNAVAILABLE',
      message: expect.stringMatching(/nope\.sqlite does not exist.*Check the path \(sqlite:\/\/\/absolute\/path/),
    });
    await expect(openWarehouse(`duckdb://${dir}/nope.duckdb`)).rejects.toMatchObject({ message: expect.stringMatching(/nope\.duckdb cannot be opened: the file does not exist/) });
  });

  it('says which server cannot be reached and what to check, without its password', async () => {
    const closed = await new Promise<number>((resolve) => {
      const server = createServer();
      server.listen(0, '127.0.0.1', () => {
        const { port } = server.address() as { port: number };
        server.close(() => resolve(port));
      });
    });
    for (const scheme of ['postgres', 'mysql']) {
      const error = await openWarehouse(`${scheme}://reader:s3cret@127.0.0.1:${closed}/shop`, { connectTimeoutMs: 2000 }).catch((e: Error) => e);
      expect(error).toMatchObject({ code: 'WAREHOUSE_UNAVAILABLE' });
      expect((error as Error).message).toMatch(new RegExp(`${scheme}://reader@127\\.0\\.0\\.1:${closed}/shop cannot be reached: .*ECONNREFUSED.*Check the host and port`));
      expect((error as Error).message).not.toContain('s3cret');
    }
  });
});
