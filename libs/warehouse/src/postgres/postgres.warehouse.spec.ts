import { Client } from 'pg';
import { ChatbiError } from '@chatbi/contracts';
import { startPostgresTestServer, type PostgresTestServer } from '../../../catalog/src/persistence/testing/postgres-test-server';
import { PostgresWarehouse } from './postgres.warehouse';

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

// Needs Debian's PostgreSQL server binaries; without them this suite fails and says what to install.
describe('PostgresWarehouse', () => {
  let server: PostgresTestServer;
  let warehouse: PostgresWarehouse;

  beforeAll(async () => {
    server = await startPostgresTestServer();
    const admin = new Client({ connectionString: server.url });
    await admin.connect();
    for (const sql of [
      `CREATE TABLE kinds (d DATE, ts TIMESTAMP, tstz TIMESTAMPTZ, small INTEGER, big BIGINT, dec NUMERIC(12,2), dbl DOUBLE PRECISION,
         flag BOOLEAN, s TEXT)`,
      `INSERT INTO kinds VALUES (DATE '2024-03-05', TIMESTAMP '2024-03-05 06:07:08.123456', TIMESTAMPTZ '2024-03-05 06:07:08+00',
         7, 9007199254740993, 1234.5, 0.25, true, 'x')`,
      `INSERT INTO kinds VALUES (NULL, TIMESTAMP '1969-12-31 23:59:59.999999', NULL, NULL, 42, -0.01, NULL, NULL, NULL)`,
      `CREATE TABLE events (event_day DATE NOT NULL, app_name TEXT, os TEXT, uid BIGINT, playtime DOUBLE PRECISION)`,
      `INSERT INTO events SELECT DATE '2024-01-01' + (i % 10), CASE WHEN i % 3 = 1 THEN 'lite' ELSE 'main' END,
         CASE WHEN i % 2 = 0 THEN 'ios' ELSE 'android' END, i % 50, i * 1.5 FROM generate_series(0, 299) AS t(i)`,
      `CREATE VIEW v_main AS SELECT event_day, os, count(DISTINCT uid) AS dau FROM events WHERE app_name = 'main' GROUP BY 1, 2`,
      `CREATE TABLE secrets (s TEXT)`,
      `INSERT INTO secrets VALUES ('keep me')`,
    ]) {
      await admin.query(sql);
    }
    await admin.end();
    warehouse = await PostgresWarehouse.open(server.url);
  }, 120_000);

  afterAll(async () => {
    await warehouse?.close();
    await server?.stop();
  }, 60_000);

  it('converts values into JSON-friendly JS as the DuckDB warehouse does', async () => {
    const result = await warehouse.query('SELECT * FROM kinds ORDER BY small NULLS LAST', [], FAST);
    expect(result.rows[0]).toEqual({
      d: '2024-03-05',
      ts: '2024-03-05T06:07:08.123456Z',
      tstz: '2024-03-05T06:07:08.000Z',
      small: 7,
      big: '9007199254740993',
      dec: 1234.5,
      dbl: 0.25,
      flag: true,
      s: 'x',
    });
    expect(result.rows[1]).toMatchObject({ d: null, ts: '1969-12-31T23:59:59.999999Z', big: 42, dec: -0.01 });
    expect(result.columns.map((c) => c.type)).toEqual([
      'DATE', 'TIMESTAMP', 'TIMESTAMP WITH TIME ZONE', 'INTEGER', 'BIGINT', 'NUMERIC', 'DOUBLE PRECISION', 'BOOLEAN', 'TEXT',
    ]);
    expect(result.truncated).toBe(false);
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
      '/* comment */ 1',
      '$1',
      '\\',
      '数据 📈 naïve Ωμέγα',
      'line\nbreak\ttab',
      'x'.repeat(100_000),
    ];

    it.each(adversarial.map((s) => [s.length > 40 ? `${s.slice(0, 20)}... (${s.length} chars)` : s, s]))('binds %j as data', async (_label, value) => {
      const echoed = await warehouse.query('SELECT CAST($1 AS TEXT) AS v, length($1) AS n', [value], FAST);
      expect(echoed.rows).toEqual([{ v: value, n: [...value].length }]);
      const matched = await warehouse.query('SELECT count(*) AS n FROM secrets WHERE s = $1', [value], FAST);
      expect(matched.rows).toEqual([{ n: 0 }]);
    });

    it('left every table in place', async () => {
      expect((await warehouse.query('SELECT s FROM secrets', [], FAST)).rows).toEqual([{ s: 'keep me' }]);
    });

    it('binds numbers, bigints, booleans, dates and nulls', async () => {
      const result = await warehouse.query(
        'SELECT CAST($1 AS NUMERIC) + 1 AS small, CAST($2 AS BIGINT) + 1 AS big, CAST($3 AS BOOLEAN) AS flag, CAST($4 AS TEXT) AS nothing, CAST($5 AS TIMESTAMPTZ) AS ts, CAST($6 AS NUMERIC) AS huge',
        [41, 2n ** 40n, true, null, new Date('2024-01-02T03:04:05.000Z'), 1e308],
        FAST,
      );
      expect(result.rows).toEqual([{ small: 42, big: 2 ** 40 + 1, flag: true, nothing: null, ts: '2024-01-02T03:04:05.000Z', huge: 1e308 }]);
    });

    it('refuses a wrong number of parameters and objects as parameters', async () => {
      expect((await failure(warehouse.query('SELECT $1::int AS a, $2::int AS b', [1], FAST))).code).toBe('QUERY_FAILED');
      expect((await failure(warehouse.query('SELECT $1 AS a', [{ a: 1 }], FAST))).message).toMatch(/parameter \$1 is an object/);
    });
  });

  describe('read-only', () => {
    it.each([
      ['CREATE', 'CREATE TABLE t2 (a INTEGER)'],
      ['INSERT', "INSERT INTO secrets VALUES ('x')"],
      ['DROP', 'DROP TABLE secrets'],
      ['UPDATE', "UPDATE secrets SET s = 'y'"],
      ['SET', 'SET statement_timeout = 0'],
    ])('refuses %s', async (_kind, sql) => {
      const error = await failure(warehouse.query(sql, [], FAST));
      expect(error.code).toBe('QUERY_FAILED');
      expect(error.message).toMatch(/the warehouse is read-only/);
    });

    it('refuses writes hidden inside a query, in the server-side read-only transaction', async () => {
      const error = await failure(warehouse.query("WITH gone AS (DELETE FROM secrets RETURNING s) SELECT * FROM gone", [], FAST));
      expect(error.code).toBe('QUERY_FAILED');
      const sequence = await failure(warehouse.query("SELECT nextval('no_such_sequence')", [], FAST));
      expect(sequence.code).toBe('QUERY_FAILED');
      expect((await warehouse.query('SELECT s FROM secrets', [], FAST)).rows).toEqual([{ s: 'keep me' }]);
    });

    it('refuses several statements at once', async () => {
      const error = await failure(warehouse.query('SELECT 1; DROP TABLE secrets', [], FAST));
      expect(error.message).toMatch(/multiple statements/);
      // A string that PostgreSQL ends at the backslash: the server still refuses the second statement.
      const sneaky = await failure(warehouse.query("SELECT 'a\\'; DROP TABLE secrets; --'", [], FAST));
      expect(sneaky.code).toBe('QUERY_FAILED');
      expect((await warehouse.query('SELECT s FROM secrets', [], FAST)).rows).toEqual([{ s: 'keep me' }]);
    });
  });

  describe('errors', () => {
    it('keeps the engine explanation of a SQL error', async () => {
      const error = await failure(warehouse.query('SELECT * FROM no_such_table', [], FAST));
      expect(error.code).toBe('QUERY_FAILED');
      expect(error.message).toMatch(/no_such_table" does not exist/);
    });

    it('reports a server that is not there as unavailable, naming it without the password', async () => {
      const url = 'postgres://someone:hunter2@127.0.0.1:1/nowhere';
      const error = await failure(PostgresWarehouse.open(url, { connectTimeoutMs: 2_000 }));
      expect(error.code).toBe('WAREHOUSE_UNAVAILABLE');
      expect(error.message).toContain('127.0.0.1:1/nowhere');
      expect(error.message).not.toContain('hunter2');
    });

    it('refuses queries after close, and stops running ones', async () => {
      const other = await PostgresWarehouse.open(server.url);
      const running = failure(other.query('SELECT pg_sleep(30)', [], { timeoutMs: 60_000, maxRows: 1 }));
      await new Promise((resolve) => setTimeout(resolve, 300));
      const started = Date.now();
      await other.close();
      expect((await running).code).toBe('WAREHOUSE_UNAVAILABLE');
      expect(Date.now() - started).toBeLessThan(5_000);
      expect((await failure(other.query('SELECT 1', [], FAST))).code).toBe('WAREHOUSE_UNAVAILABLE');
    });

    it('refuses nonsense options', async () => {
      expect((await failure(warehouse.query('SELECT 1', [], { timeoutMs: 0, maxRows: 1 }))).code).toBe('QUERY_FAILED');
      expect((await failure(warehouse.query('SELECT 1', [], { timeoutMs: 10, maxRows: -1 }))).code).toBe('QUERY_FAILED');
    });
  });

  describe('timeouts', () => {
    it('stops a slow statement and reports QUERY_TIMEOUT, and keeps working', async () => {
      const started = Date.now();
      const error = await failure(warehouse.query('SELECT pg_sleep(10)', [], { timeoutMs: 300, maxRows: 10 }));
      expect(error.code).toBe('QUERY_TIMEOUT');
      expect(error.message).toMatch(/300 ms/);
      expect(Date.now() - started).toBeLessThan(5_000);
      expect((await warehouse.query('SELECT 42 AS v', [], FAST)).rows).toEqual([{ v: 42 }]);
    });

    it('bounds the whole read, not only one fetch', async () => {
      const started = Date.now();
      const error = await failure(
        (async () => {
          for await (const _row of warehouse.stream('SELECT i, pg_sleep(0.01) FROM generate_series(1, 100000) i', [], { timeoutMs: 500, maxRows: 1e9 })) {
            // each fetched row costs the server 10 ms
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
      const result = await warehouse.query('SELECT generate_series(0, 1000000000) AS i', [], { timeoutMs: 10_000, maxRows: 10 });
      expect(result.rows).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9].map((i) => ({ i })));
      expect(result.truncated).toBe(true);
      expect(Date.now() - started).toBeLessThan(2_000);
    });

    it('is not truncated when the result fits exactly', async () => {
      for (const n of [0, 1, 999, 1000, 2500]) {
        const exact = await warehouse.query('SELECT i FROM generate_series(1, $1::int) i', [n], { timeoutMs: 10_000, maxRows: n });
        expect([exact.rows.length, exact.truncated]).toEqual([n, false]);
        const over = await warehouse.query('SELECT i FROM generate_series(1, $1::int) i', [n + 1], { timeoutMs: 10_000, maxRows: n });
        expect([over.rows.length, over.truncated]).toEqual([n, true]);
      }
    });

    it('streams rows one by one and can be left early; the connection is reused', async () => {
      let count = 0;
      for await (const _row of warehouse.stream('SELECT generate_series(0, 1000000000) AS i', [], { timeoutMs: 10_000, maxRows: 1e9 })) {
        if (++count === 2500) break;
      }
      expect(count).toBe(2500);
      const results = await Promise.all(Array.from({ length: 8 }, (_, n) => warehouse.query('SELECT $1::int * 2 AS v', [n], FAST)));
      expect(results.map((r) => r.rows[0].v)).toEqual([0, 2, 4, 6, 8, 10, 12, 14]);
    });
  });

  describe('metadata', () => {
    it('lists tables and views with their columns', async () => {
      const relations = await warehouse.relations();
      expect(relations.map((r) => `${r.schema}.${r.name}:${r.kind}`)).toEqual([
        'public.events:table',
        'public.kinds:table',
        'public.secrets:table',
        'public.v_main:view',
      ]);
      expect(relations.find((r) => r.name === 'events')!.columns[0]).toEqual({ name: 'event_day', type: 'DATE', nullable: false });
    });

    it('gives distinct values, most frequent first, and refuses bad identifiers', async () => {
      expect(await warehouse.distinctValues('events', 'app_name', 10)).toEqual({ values: ['main', 'lite'], more: false });
      expect(await warehouse.distinctValues('public.events', 'app_name', 1)).toEqual({ values: ['main'], more: true });
      expect((await failure(warehouse.distinctValues('events"; DROP TABLE secrets --', 'os', 10))).message).toMatch(/not a valid/);
      expect((await failure(warehouse.distinctValues('events; DROP TABLE secrets', 'os', 10))).message).toMatch(/does not exist/);
    });

    it('uses $n placeholders', () => {
      expect([warehouse.dialect, warehouse.placeholder(1), warehouse.placeholder(12)]).toEqual(['postgres', '$1', '$12']);
    });
  });
});
