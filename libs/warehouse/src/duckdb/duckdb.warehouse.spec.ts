import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ChatbiError } from '@chatbi/contracts';
import { DuckDbWarehouse } from './duckdb.warehouse';

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

describe('DuckDbWarehouse', () => {
  let dir: string;
  let file: string;
  let warehouse: DuckDbWarehouse;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'chatbi-warehouse-'));
    file = join(dir, 'warehouse.duckdb');
    const writable = await DuckDbWarehouse.open(file, { readOnly: false });
    for (const sql of [
      `CREATE TABLE kinds (d DATE, ts TIMESTAMP, tstz TIMESTAMPTZ, small INTEGER, big BIGINT, huge HUGEINT,
         dec DECIMAL(12,2), dbl DOUBLE, flag BOOLEAN, s VARCHAR, tags VARCHAR[], tm TIME)`,
      `INSERT INTO kinds VALUES (DATE '2024-03-05', TIMESTAMP '2024-03-05 06:07:08.123456', TIMESTAMPTZ '2024-03-05 06:07:08+00',
         7, 9007199254740993, 170141183460469231731687303715884105727, 1234.5, 0.25, true, 'x', ['a', 'b'], TIME '01:02:03')`,
      `INSERT INTO kinds VALUES (NULL, TIMESTAMP '1969-12-31 23:59:59.999999', NULL, NULL, 42, 42, -0.01, NULL, NULL, NULL, NULL, NULL)`,
      `CREATE TABLE events (event_day DATE NOT NULL, app_name VARCHAR, os VARCHAR, uid BIGINT, playtime DOUBLE)`,
      `INSERT INTO events SELECT DATE '2024-01-01' + (i % 10)::INTEGER, CASE WHEN i % 3 = 0 THEN 'main' WHEN i % 3 = 1 THEN 'lite' ELSE 'main' END,
         CASE WHEN i % 2 = 0 THEN 'ios' ELSE 'android' END, i % 50, i * 1.5 FROM range(300) t(i)`,
      `CREATE VIEW v_main AS SELECT event_day, os, count(DISTINCT uid) AS dau FROM events WHERE app_name = 'main' GROUP BY ALL`,
      `CREATE TABLE secrets (s VARCHAR)`,
      `INSERT INTO secrets VALUES ('keep me')`,
    ]) {
      await writable.query(sql, [], FAST);
    }
    await writable.close();
    warehouse = await DuckDbWarehouse.open(file);
  });

  afterAll(async () => {
    await warehouse?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('converts engine values into JSON-friendly JS', async () => {
    const result = await warehouse.query('SELECT * FROM kinds ORDER BY small NULLS LAST', [], FAST);
    expect(result.rows[0]).toEqual({
      d: '2024-03-05',
      ts: '2024-03-05T06:07:08.123456Z',
      tstz: '2024-03-05T06:07:08.000Z',
      small: 7,
      big: '9007199254740993',
      huge: '170141183460469231731687303715884105727',
      dec: 1234.5,
      dbl: 0.25,
      flag: true,
      s: 'x',
      tags: ['a', 'b'],
      tm: '01:02:03',
    });
    expect(result.rows[1]).toMatchObject({ d: null, ts: '1969-12-31T23:59:59.999999Z', big: 42, huge: 42, dec: -0.01 });
    expect(JSON.parse(JSON.stringify(result.rows))).toEqual(result.rows);
    expect(result.columns.map((c) => c.type)).toEqual([
      'DATE', 'TIMESTAMP', 'TIMESTAMP WITH TIME ZONE', 'INTEGER', 'BIGINT', 'HUGEINT', 'DECIMAL(12,2)', 'DOUBLE', 'BOOLEAN', 'VARCHAR', 'VARCHAR[]', 'TIME',
    ]);
    expect(result.truncated).toBe(false);
    expect(result.elapsedMs).toBeGreaterThanOrEqual(0);
  });

  it('divides by zero to NULL as MySQL does, even when the config asks for IEEE 754', async () => {
    const ieee = await DuckDbWarehouse.open(file, { config: { ieee_floating_point_ops: 'true' } });
    try {
      for (const w of [warehouse, ieee]) {
        const result = await w.query('SELECT 1 / 0 AS a, 0.0 / 0 AS b, huge / (small - small) AS c, 7 / 2 AS d FROM kinds WHERE small = 7', [], FAST);
        expect(result.rows).toEqual([{ a: null, b: null, c: null, d: 3.5 }]);
      }
    } finally {
      await ieee.close();
    }
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
      '$1',
      '?',
      '\\',
      '数据 📈 naïve Ωμέγα',
      'line\nbreak\ttab',
      'x'.repeat(1_000_000),
    ];

    it.each(adversarial.map((s) => [s.length > 40 ? `${s.slice(0, 20)}... (${s.length} chars)` : s, s]))(
      'binds %j as data',
      async (_label, value) => {
        const echoed = await warehouse.query('SELECT $1 AS v, length($1) AS n', [value], FAST);
        expect(echoed.rows).toEqual([{ v: value, n: [...value].length }]);
        const matched = await warehouse.query('SELECT count(*) AS n FROM secrets WHERE s = $1', [value], FAST);
        expect(matched.rows).toEqual([{ n: 0 }]);
      },
    );

    it('left every table in place', async () => {
      expect((await warehouse.query('SELECT s FROM secrets', [], FAST)).rows).toEqual([{ s: 'keep me' }]);
    });

    it('binds numbers, bigints, booleans, dates, nulls and lists with sensible types', async () => {
      const result = await warehouse.query(
        'SELECT $1 + 1 AS small, $2 + 1 AS big, $3 * 2 AS frac, $4 AS flag, $5 AS nothing, $6 AS ts, list_contains($7, \'b\') AS has_b, $8 AS hugeish',
        [41, 2 ** 40, 0.5, true, null, new Date('2024-01-02T03:04:05.000Z'), ['a', 'b'], 2n ** 70n],
        FAST,
      );
      expect(result.rows).toEqual([
        { small: 42, big: 2 ** 40 + 1, frac: 1, flag: true, nothing: null, ts: '2024-01-02T03:04:05.000Z', has_b: true, hugeish: (2n ** 70n).toString() },
      ]);
    });

    it('lets a string parameter stand for a date', async () => {
      const result = await warehouse.query(
        'SELECT count(*) AS n FROM events WHERE event_day BETWEEN $1 AND $2 AND app_name = $3',
        ['2024-01-01', '2024-01-02', 'main'],
        FAST,
      );
      expect(result.rows).toEqual([{ n: 40 }]);
    });

    it('refuses a wrong number of parameters and objects as parameters', async () => {
      expect((await failure(warehouse.query('SELECT $1 AS a, $2 AS b', [1], FAST))).code).toBe('QUERY_FAILED');
      expect((await failure(warehouse.query('SELECT $1 AS a', [{ a: 1 }], FAST))).message).toMatch(/parameter \$1 is an object/);
    });
  });

  describe('read-only', () => {
    it.each([
      ['CREATE', 'CREATE TABLE t2 (a INTEGER)'],
      ['INSERT', "INSERT INTO secrets VALUES ('x')"],
      ['DROP', 'DROP TABLE secrets'],
      ['UPDATE', "UPDATE secrets SET s = 'y'"],
      ['COPY', `COPY secrets TO '${'/tmp/chatbi-should-not-exist.csv'}'`],
      ['ATTACH', "ATTACH ':memory:' AS other"],
      ['SET', "SET threads = 1"],
    ])('refuses %s', async (_kind, sql) => {
      const error = await failure(warehouse.query(sql, [], FAST));
      expect(error.code).toBe('QUERY_FAILED');
      // COPY names a file, which the locked-down instance refuses before the statement's kind is checked.
      expect(error.message).toMatch(/the warehouse is read-only|file system operations are disabled/);
    });

    it('refuses EXPLAIN, which with ANALYZE runs the statement it explains (security review, finding 3)', async () => {
      const error = await failure(warehouse.query(`EXPLAIN ANALYZE COPY secrets TO '/tmp/chatbi-should-not-exist.csv'`, [], FAST));
      expect(error.code).toBe('QUERY_FAILED');
      expect((await failure(warehouse.query('EXPLAIN SELECT 1', [], FAST))).message).toMatch(/read-only/);
    });

    it.each([
      ['read_text', "SELECT * FROM read_text('/etc/hostname')"],
      ['read_csv', "SELECT * FROM read_csv('/etc/passwd')"],
      ['glob', "SELECT * FROM glob('/etc/*')"],
      ['a path as a table', "SELECT * FROM '/etc/passwd'"],
      ['a URL', "SELECT * FROM read_csv('https://example.com/x.csv')"],
    ])('reads no other file than the warehouse: %s (finding 3)', async (_kind, sql) => {
      const error = await failure(warehouse.query(sql, [], FAST));
      expect(error.code).toBe('QUERY_FAILED');
      expect(error.message).not.toMatch(/root:/);
    });

    it('keeps its configuration locked: external access cannot be turned back on', async () => {
      const { rows } = await warehouse.query("SELECT current_setting('enable_external_access') AS external, current_setting('lock_configuration') AS locked", [], FAST);
      expect(rows).toEqual([{ external: false, locked: true }]);
    });

    it('did not write anything', async () => {
      expect(existsSync('/tmp/chatbi-should-not-exist.csv')).toBe(false);
      expect((await warehouse.query('SELECT s FROM secrets', [], FAST)).rows).toEqual([{ s: 'keep me' }]);
    });

    it('refuses several statements at once', async () => {
      const error = await failure(warehouse.query('SELECT 1; DROP TABLE secrets', [], FAST));
      expect(error.code).toBe('QUERY_FAILED');
      expect(error.message).toMatch(/multiple statements/);
    });
  });

  describe('errors', () => {
    it('keeps the engine explanation of a SQL error, without caret drawings or stack', async () => {
      const error = await failure(warehouse.query('SELECT * FROM no_such_table', [], FAST));
      expect(error.code).toBe('QUERY_FAILED');
      expect(error.message).toMatch(/no_such_table does not exist/);
      expect(error.message).not.toMatch(/LINE 1|\n|\s+at\s/);
    });

    it('reports a missing file as unavailable, naming the file', async () => {
      const missing = join(dir, 'missing.duckdb');
      const error = await failure(DuckDbWarehouse.open(missing));
      expect(error.code).toBe('WAREHOUSE_UNAVAILABLE');
      expect(error.message).toContain(missing);
      expect(error.message).toMatch(/does not exist/);
      expect(existsSync(missing)).toBe(false);
    });

    it('reports a corrupt file as unavailable', async () => {
      const corrupt = join(dir, 'corrupt.duckdb');
      writeFileSync(corrupt, 'this is not a database '.repeat(500));
      const error = await failure(DuckDbWarehouse.open(corrupt));
      expect(error.code).toBe('WAREHOUSE_UNAVAILABLE');
      expect(error.message).toContain(corrupt);
      expect(error.message).toMatch(/not a valid DuckDB database/);
    });

    it('reports a file locked by another process as unavailable', async () => {
      const locked = join(dir, 'locked.duckdb');
      const holder = await holdWriteLock(locked);
      try {
        const error = await failure(DuckDbWarehouse.open(locked));
        expect(error.code).toBe('WAREHOUSE_UNAVAILABLE');
        expect(error.message).toContain(locked);
        expect(error.message).toMatch(/another process holds a write lock/);
      } finally {
        holder.kill();
      }
    }, 20_000);

    it('refuses queries after close', async () => {
      const other = await DuckDbWarehouse.open(file);
      await other.close();
      expect((await failure(other.query('SELECT 1', [], FAST))).code).toBe('WAREHOUSE_UNAVAILABLE');
    });

    it('stops running queries when closed', async () => {
      const other = await DuckDbWarehouse.open(file);
      const running = failure(
        other.query('SELECT count(*) AS n FROM range(1000000) a, range(1000000) b', [], { timeoutMs: 60_000, maxRows: 1 }),
      );
      await new Promise((resolve) => setTimeout(resolve, 100));
      const started = Date.now();
      await other.close();
      const error = await running;
      expect(error.code).toBe('WAREHOUSE_UNAVAILABLE');
      expect(error.message).toMatch(/was closed while the query ran/);
      expect(Date.now() - started).toBeLessThan(5_000);
    });

    it('refuses nonsense options', async () => {
      expect((await failure(warehouse.query('SELECT 1', [], { timeoutMs: 0, maxRows: 1 }))).code).toBe('QUERY_FAILED');
      expect((await failure(warehouse.query('SELECT 1', [], { timeoutMs: 10, maxRows: -1 }))).code).toBe('QUERY_FAILED');
    });
  });

  describe('timeouts', () => {
    it('interrupts a slow aggregate and reports QUERY_TIMEOUT', async () => {
      const started = Date.now();
      const error = await failure(
        warehouse.query(
          'SELECT count(*) AS n FROM range(1000000) a, range(1000000) b WHERE (a.range * b.range) % 7 = 3',
          [],
          { timeoutMs: 300, maxRows: 10 },
        ),
      );
      expect(error.code).toBe('QUERY_TIMEOUT');
      expect(error.message).toMatch(/300 ms/);
      expect(Date.now() - started).toBeLessThan(5_000);
    });

    it('interrupts a slow stream between chunks and does not pass the cut-off result as complete', async () => {
      // Rows trickle out (one in a hundred passes the filter), so the timeout lands while chunks are fetched.
      const started = Date.now();
      const error = await failure(
        warehouse.query('SELECT i FROM range(100000000000) t(i) WHERE hash(i) % 100 = 0', [], {
          timeoutMs: 500,
          maxRows: 100_000_000,
        }),
      );
      expect(error.code).toBe('QUERY_TIMEOUT');
      expect(Date.now() - started).toBeLessThan(5_000);
    });

    it('keeps working after a timeout, and a timeout stops only its own query', async () => {
      const slow = failure(
        warehouse.query('SELECT count(*) AS n FROM range(1000000) a, range(1000000) b', [], { timeoutMs: 400, maxRows: 1 }),
      );
      const fast = await Promise.all([1, 2, 3].map((n) => warehouse.query('SELECT $1 * 2 AS v', [n], FAST)));
      expect(fast.map((r) => r.rows[0].v)).toEqual([2, 4, 6]);
      expect((await slow).code).toBe('QUERY_TIMEOUT');
      expect((await warehouse.query('SELECT 42 AS v', [], FAST)).rows).toEqual([{ v: 42 }]);
    });
  });

  describe('row cap and streaming', () => {
    it('stops at maxRows without reading the whole result', async () => {
      const started = Date.now();
      const result = await warehouse.query('SELECT range AS i FROM range(10000000)', [], { timeoutMs: 10_000, maxRows: 10 });
      expect(result.rows).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9].map((i) => ({ i })));
      expect(result.truncated).toBe(true);
      expect(Date.now() - started).toBeLessThan(1_000);
    });

    it('returns quickly from a result far too big to read at all', async () => {
      const result = await warehouse.query('SELECT range AS i FROM range(1000000000000)', [], { timeoutMs: 5_000, maxRows: 3 });
      expect(result.rows).toHaveLength(3);
      expect(result.truncated).toBe(true);
    });

    it('is not truncated when the result fits exactly, across chunk borders too', async () => {
      for (const n of [0, 1, 2048, 4096, 5000]) {
        const result = await warehouse.query('SELECT range AS i FROM range($1)', [n], { timeoutMs: 10_000, maxRows: n });
        expect([result.rows.length, result.truncated]).toEqual([n, false]);
        const over = await warehouse.query('SELECT range AS i FROM range($1)', [n + 1], { timeoutMs: 10_000, maxRows: n });
        expect([over.rows.length, over.truncated]).toEqual([n, true]);
      }
    });

    it('streams rows one by one, stops at maxRows, and can be left early', async () => {
      const seen: unknown[] = [];
      for await (const row of warehouse.stream('SELECT range AS i FROM range(10000000)', [], { timeoutMs: 10_000, maxRows: 5 })) {
        seen.push(row.i);
      }
      expect(seen).toEqual([0, 1, 2, 3, 4]);
      let count = 0;
      for await (const _row of warehouse.stream('SELECT range AS i FROM range(1000000000000)', [], { timeoutMs: 10_000, maxRows: 1e9 })) {
        if (++count === 3000) break;
      }
      expect(count).toBe(3000);
    });

    it('runs several queries at once', async () => {
      const results = await Promise.all(
        Array.from({ length: 8 }, (_, n) => warehouse.query('SELECT sum(range) AS s FROM range($1)', [n * 1000], FAST)),
      );
      expect(results.map((r) => r.rows[0].s)).toEqual(Array.from({ length: 8 }, (_, n) => ((n * 1000) * (n * 1000 - 1)) / 2 || null));
    });
  });

  describe('metadata', () => {
    it('lists tables and views with their columns', async () => {
      const relations = await warehouse.relations();
      expect(relations.map((r) => `${r.schema}.${r.name}:${r.kind}`)).toEqual([
        'main.events:table',
        'main.kinds:table',
        'main.secrets:table',
        'main.v_main:view',
      ]);
      const events = relations.find((r) => r.name === 'events')!;
      expect(events.columns).toEqual([
        { name: 'event_day', type: 'DATE', nullable: false },
        { name: 'app_name', type: 'VARCHAR', nullable: true },
        { name: 'os', type: 'VARCHAR', nullable: true },
        { name: 'uid', type: 'BIGINT', nullable: true },
        { name: 'playtime', type: 'DOUBLE', nullable: true },
      ]);
      expect(relations.find((r) => r.name === 'v_main')!.columns.map((c) => c.name)).toEqual(['event_day', 'os', 'dau']);
    });

    it('gives distinct values, most frequent first, and says when there are more', async () => {
      expect(await warehouse.distinctValues('events', 'app_name', 10)).toEqual({ values: ['main', 'lite'], more: false });
      expect(await warehouse.distinctValues('main.events', 'app_name', 1)).toEqual({ values: ['main'], more: true });
      const days = await warehouse.distinctValues('events', 'event_day', 3);
      expect(days).toEqual({ values: ['2024-01-01', '2024-01-02', '2024-01-03'], more: true });
    });

    it.each([
      ['"events"', 'os'],
      ['events', 'os" FROM secrets --'],
      ['a.b.c', 'os'],
      ['events', ''],
    ])('refuses the names %j / %j', async (relation, column) => {
      const error = await failure(warehouse.distinctValues(relation, column, 10));
      expect(error.code).toBe('QUERY_FAILED');
      expect(error.message).toMatch(/not a valid (identifier|relation name)/);
    });

    it.each([
      ['events; DROP TABLE secrets', 'os'],
      ['events', 'os; DROP TABLE secrets'],
      ['events', 'os or 1=1'],
    ])('reads %j / %j as one quoted name, which does not exist', async (relation, column) => {
      const error = await failure(warehouse.distinctValues(relation, column, 10));
      expect(error.code).toBe('QUERY_FAILED');
      expect(error.message).toMatch(/does not exist|not found/);
      expect((await warehouse.query('SELECT s FROM secrets', [], FAST)).rows).toEqual([{ s: 'keep me' }]);
    });

    it('counts rows', async () => {
      expect(await warehouse.rowCount('events')).toBe(300);
      expect(await warehouse.rowCount('main.v_main')).toBeGreaterThan(0);
    });

    it('refuses a bad limit', async () => {
      expect((await failure(warehouse.distinctValues('events', 'os', 0))).code).toBe('QUERY_FAILED');
      expect((await failure(warehouse.distinctValues('events', 'os', 1.5))).code).toBe('QUERY_FAILED');
    });

    it('uses $n placeholders', () => {
      expect([warehouse.dialect, warehouse.placeholder(1), warehouse.placeholder(12)]).toEqual(['duckdb', '$1', '$12']);
    });
  });
});

/** Starts another process that opens the file for writing and keeps it open. */
async function holdWriteLock(path: string): Promise<ChildProcess> {
  const api = require.resolve('@duckdb/node-api');
  const script = `
    const { DuckDBInstance } = require(${JSON.stringify(api)});
    DuckDBInstance.create(${JSON.stringify(path)}).then((db) => db.connect()).then(() => {
      process.stdout.write('locked\\n');
      setInterval(() => {}, 1000);
    });`;
  const child = spawn(process.execPath, ['-e', script], { stdio: ['ignore', 'pipe', 'inherit'] });
  await new Promise<void>((resolve, reject) => {
    child.stdout!.once('data', () => resolve());
    child.once('exit', (code) => reject(new Error(`lock holder exited with ${code}`)));
  });
  return child;
}
