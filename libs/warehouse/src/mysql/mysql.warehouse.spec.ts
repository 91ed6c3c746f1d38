import { existsSync } from 'node:fs';
import { createConnection } from 'mysql2/promise';
import { ChatbiError } from '@chatbi/contracts';
import { startMariaDbTestServer, type MariaDbTestServer } from '../testing/mariadb-test-server';
import { MySqlWarehouse } from './mysql.warehouse';

const FAST = { timeoutMs: 10_000, maxRows: 1_000 };

async function failure(promise: Promise<unknown>): Promise<ChatbiError> {
  try {
    await promise;
  } catch (error) {
    expect(error).toBeInstanceOf(ChatbiError);
    return error as ChatbiError;
  }
  throw new Error('expected the promise to fail');
}

/** A query that counts a large cross join: slow enough to time out. */
const SLOW = 'SELECT count(*) AS n FROM seq a, seq b, seq c, seq d';
/** Many rows, produced as fast as they are read. */
const MANY = 'SELECT a.i * 1000000 + b.i * 1000 + c.i AS i FROM seq a, seq b, seq c';

// Needs Debian's mariadb-server; without it this suite fails and says what to install.
describe('MySqlWarehouse on MariaDB', () => {
  let server: MariaDbTestServer;
  let warehouse: MySqlWarehouse;

  beforeAll(async () => {
    server = await startMariaDbTestServer();
    const admin = await createConnection({ host: server.host, port: server.port, user: server.user, database: server.database });
    for (const sql of [
      `CREATE TABLE kinds (d DATE, ts DATETIME(6), small INT, big BIGINT, \`dec\` DECIMAL(12,2), dbl DOUBLE, flag BOOLEAN, s VARCHAR(20))`,
      `INSERT INTO kinds VALUES ('2024-03-05', '2024-03-05 06:07:08.123456', 7, 9007199254740993, 1234.5, 0.25, true, 'x')`,
      `INSERT INTO kinds VALUES (NULL, '1969-12-31 23:59:59.999999', NULL, 42, -0.01, NULL, NULL, NULL)`,
      `CREATE TABLE events (event_day DATE NOT NULL, app_name VARCHAR(20), os VARCHAR(20), uid BIGINT, playtime DOUBLE)`,
      `CREATE TABLE seq (i INT)`,
      `INSERT INTO seq SELECT seq FROM seq_0_to_999`,
      `INSERT INTO events SELECT DATE '2024-01-01' + INTERVAL (seq % 10) DAY, CASE WHEN seq % 3 = 1 THEN 'lite' ELSE 'main' END,
         CASE WHEN seq % 2 = 0 THEN 'ios' ELSE 'android' END, seq % 50, seq * 1.5 FROM seq_0_to_299`,
      `CREATE VIEW v_main AS SELECT event_day, os, count(DISTINCT uid) AS dau FROM events WHERE app_name = 'main' GROUP BY 1, 2`,
      `CREATE TABLE secrets (s MEDIUMTEXT)`,
      `INSERT INTO secrets VALUES ('keep me')`,
    ]) {
      await admin.query(sql);
    }
    await admin.end();
    warehouse = await MySqlWarehouse.open(server.url);
  }, 120_000);

  afterAll(async () => {
    await warehouse?.close();
    const dir = server?.dataDir;
    await server?.stop();
    if (dir) expect(existsSync(dir)).toBe(false);
  }, 60_000);

  it('knows it talks to MariaDB', () => {
    expect(warehouse.flavour).toBe('mariadb');
  });

  it('converts values into JSON-friendly JS as the DuckDB warehouse does', async () => {
    const result = await warehouse.query('SELECT * FROM kinds ORDER BY small IS NULL, small', [], FAST);
    expect(result.rows[0]).toEqual({
      d: '2024-03-05',
      ts: '2024-03-05T06:07:08.123456Z',
      small: 7,
      big: '9007199254740993',
      dec: 1234.5,
      dbl: 0.25,
      flag: true,
      s: 'x',
    });
    expect(result.rows[1]).toMatchObject({ d: null, ts: '1969-12-31T23:59:59.999999Z', big: 42, dec: -0.01, flag: null });
    expect(result.columns.map((c) => c.type)).toEqual(['DATE', 'DATETIME', 'INT', 'BIGINT', 'DECIMAL', 'DOUBLE', 'BOOLEAN', 'VARCHAR']);
  });

  it('keeps the precision of divisions and averages', async () => {
    const result = await warehouse.query('SELECT 1.0 * 1 / 3 AS third, avg(i) AS mean FROM seq WHERE i < 3', [], FAST);
    expect(result.rows[0].third).toBeCloseTo(1 / 3, 15);
    expect(result.rows[0].mean).toBe(1);
  });

  it('gives duplicate output names distinct keys', async () => {
    const result = await warehouse.query('SELECT 1 AS a, 2 AS a', [], FAST);
    expect(result.rows).toEqual([{ a: 1, 'a:1': 2 }]);
  });

  describe('parameters', () => {
    const adversarial = [
      "it's",
      "'; DROP TABLE secrets; --",
      '"; DROP TABLE secrets; --',
      "x' OR '1'='1",
      "\\'; DROP TABLE secrets; -- ",
      '/* comment */ 1',
      '?',
      '\\',
      '数据 📈 naïve Ωμέγα',
      'line\nbreak\ttab',
      'x'.repeat(100_000),
    ];

    it.each(adversarial.map((s) => [s.length > 40 ? `${s.slice(0, 20)}... (${s.length} chars)` : s, s]))('binds %j as data', async (_label, value) => {
      const echoed = await warehouse.query('SELECT ? AS v, char_length(?) AS n', [value, value], FAST);
      expect(echoed.rows).toEqual([{ v: value, n: [...value].length }]);
      const matched = await warehouse.query('SELECT count(*) AS n FROM secrets WHERE s = ?', [value], FAST);
      expect(matched.rows).toEqual([{ n: 0 }]);
    });

    it('left every table in place', async () => {
      expect((await warehouse.query('SELECT s FROM secrets', [], FAST)).rows).toEqual([{ s: 'keep me' }]);
    });

    it('binds numbers, bigints, booleans, dates and nulls', async () => {
      const result = await warehouse.query(
        'SELECT ? + 1 AS small, CAST(? AS SIGNED) + 1 AS big, ? AS flag, ? AS nothing, ? AS huge, CAST(? AS DATE) AS d',
        [41, 2n ** 40n, true, null, 1e308, '2024-01-02'],
        FAST,
      );
      expect(result.rows).toEqual([{ small: 42, big: 2 ** 40 + 1, flag: 1, nothing: null, huge: 1e308, d: '2024-01-02' }]);
    });

    it('refuses a wrong number of parameters, lists and objects as parameters', async () => {
      expect((await failure(warehouse.query('SELECT ? AS a, ? AS b', [1], FAST))).code).toBe('QUERY_FAILED');
      expect((await failure(warehouse.query('SELECT ? AS a', [{ a: 1 }], FAST))).message).toMatch(/parameter 1 is an object/);
      expect((await failure(warehouse.query('SELECT ? AS a', [[1, 2]], FAST))).message).toMatch(/parameter 1 is a list/);
    });
  });

  describe('read-only', () => {
    it.each([
      ['CREATE', 'CREATE TABLE t2 (a INTEGER)'],
      ['INSERT', "INSERT INTO secrets VALUES ('x')"],
      ['DROP', 'DROP TABLE secrets'],
      ['UPDATE', "UPDATE secrets SET s = 'y'"],
      ['SET', 'SET SESSION max_statement_time = 0'],
    ])('refuses %s', async (_kind, sql) => {
      const error = await failure(warehouse.query(sql, [], FAST));
      expect(error.code).toBe('QUERY_FAILED');
      expect(error.message).toMatch(/the warehouse is read-only/);
    });

    it('refuses writes that start like a query: files and variables through INTO, tables in the read-only transaction', async () => {
      const file = `/tmp/chatbi-should-not-exist-${process.pid}.txt`;
      const outfile = await failure(warehouse.query(`SELECT * FROM secrets INTO OUTFILE '${file}'`, [], FAST));
      expect(outfile.message).toMatch(/the warehouse is read-only/);
      expect(existsSync(file)).toBe(false);
      const variable = await failure(warehouse.query('SELECT s FROM secrets LIMIT 1 INTO @stolen', [], FAST));
      expect(variable.message).toMatch(/the warehouse is read-only/);
      const sequence = await failure(warehouse.query('SELECT NEXTVAL(no_such_sequence)', [], FAST));
      expect(sequence.code).toBe('QUERY_FAILED');
      expect((await warehouse.query('SELECT s FROM secrets', [], FAST)).rows).toEqual([{ s: 'keep me' }]);
    });

    it('refuses several statements at once', async () => {
      const error = await failure(warehouse.query('SELECT 1; DROP TABLE secrets', [], FAST));
      expect(error.message).toMatch(/multiple statements/);
      expect((await warehouse.query('SELECT s FROM secrets', [], FAST)).rows).toEqual([{ s: 'keep me' }]);
    });
  });

  describe('errors', () => {
    it('keeps the engine explanation of a SQL error', async () => {
      const error = await failure(warehouse.query('SELECT * FROM no_such_table', [], FAST));
      expect(error.code).toBe('QUERY_FAILED');
      expect(error.message).toMatch(/no_such_table' doesn't exist/);
    });

    it('reports a server that is not there as unavailable, naming it without the password', async () => {
      const error = await failure(MySqlWarehouse.open('mysql://someone:hunter2@127.0.0.1:1/nowhere', { connectTimeoutMs: 2_000 }));
      expect(error.code).toBe('WAREHOUSE_UNAVAILABLE');
      expect(error.message).toContain('127.0.0.1:1/nowhere');
      expect(error.message).not.toContain('hunter2');
    });

    it('refuses queries after close, and stops running ones', async () => {
      const other = await MySqlWarehouse.open(server.url);
      const running = failure(other.query('SELECT SLEEP(30) AS s', [], { timeoutMs: 60_000, maxRows: 1 }));
      await new Promise((resolve) => setTimeout(resolve, 300));
      const started = Date.now();
      await other.close();
      expect((await running).code).toBe('WAREHOUSE_UNAVAILABLE');
      expect(Date.now() - started).toBeLessThan(5_000);
      expect((await failure(other.query('SELECT 1', [], FAST))).code).toBe('WAREHOUSE_UNAVAILABLE');
    });
  });

  describe('timeouts', () => {
    it('stops a slow statement and reports QUERY_TIMEOUT, and keeps working', async () => {
      const started = Date.now();
      const error = await failure(warehouse.query(SLOW, [], { timeoutMs: 300, maxRows: 10 }));
      expect(error.code).toBe('QUERY_TIMEOUT');
      expect(error.message).toMatch(/300 ms/);
      expect(Date.now() - started).toBeLessThan(5_000);
      expect((await warehouse.query('SELECT 42 AS v', [], FAST)).rows).toEqual([{ v: 42 }]);
    });

    it('bounds the whole read of a stream', async () => {
      const started = Date.now();
      const error = await failure(
        (async () => {
          for await (const _row of warehouse.stream(MANY, [], { timeoutMs: 500, maxRows: 1e12 })) {
            await new Promise((resolve) => setImmediate(resolve));
          }
        })(),
      );
      expect(error.code).toBe('QUERY_TIMEOUT');
      expect(Date.now() - started).toBeLessThan(5_000);
    });
  });

  describe('row cap and streaming', () => {
    it('stops at maxRows without reading the whole result', async () => {
      const started = Date.now();
      const result = await warehouse.query(MANY, [], { timeoutMs: 10_000, maxRows: 10 });
      expect(result.rows).toHaveLength(10);
      expect(result.truncated).toBe(true);
      expect(Date.now() - started).toBeLessThan(2_000);
    });

    it('is not truncated when the result fits exactly', async () => {
      for (const n of [0, 1, 500, 999]) {
        const exact = await warehouse.query('SELECT i FROM seq WHERE i < ?', [n], { timeoutMs: 10_000, maxRows: n });
        expect([exact.rows.length, exact.truncated]).toEqual([n, false]);
        const over = await warehouse.query('SELECT i FROM seq WHERE i < ?', [n + 1], { timeoutMs: 10_000, maxRows: n });
        expect([over.rows.length, over.truncated]).toEqual([n, true]);
      }
    });

    it('streams rows one by one and can be left early; the pool keeps working', async () => {
      let count = 0;
      for await (const _row of warehouse.stream(MANY, [], { timeoutMs: 10_000, maxRows: 1e12 })) {
        if (++count === 2500) break;
      }
      expect(count).toBe(2500);
      const results = await Promise.all(Array.from({ length: 8 }, (_, n) => warehouse.query('SELECT ? * 2 AS v', [n], FAST)));
      expect(results.map((r) => r.rows[0].v)).toEqual([0, 2, 4, 6, 8, 10, 12, 14]);
    });
  });

  describe('metadata', () => {
    it('lists tables and views of the database with their columns', async () => {
      const relations = await warehouse.relations();
      expect(relations.map((r) => `${r.schema}.${r.name}:${r.kind}`)).toEqual([
        'chatbi_test.events:table',
        'chatbi_test.kinds:table',
        'chatbi_test.secrets:table',
        'chatbi_test.seq:table',
        'chatbi_test.v_main:view',
      ]);
      expect(relations.find((r) => r.name === 'events')!.columns[0]).toEqual({ name: 'event_day', type: 'DATE', nullable: false });
    });

    it('gives distinct values, most frequent first, and refuses bad identifiers', async () => {
      expect(await warehouse.distinctValues('events', 'app_name', 10)).toEqual({ values: ['main', 'lite'], more: false });
      expect(await warehouse.distinctValues('chatbi_test.events', 'app_name', 1)).toEqual({ values: ['main'], more: true });
      expect((await failure(warehouse.distinctValues('events', 'os` FROM secrets --', 10))).message).toMatch(/not a valid/);
    });

    it('uses ? placeholders', () => {
      expect([warehouse.dialect, warehouse.placeholder(1), warehouse.placeholder(12)]).toEqual(['mysql', '?', '?']);
    });
  });
});
