import { DuckDBInstance } from '@duckdb/node-api';
import { DuckDbConnectionPool } from './duckdb-connection.pool';
import { DuckDbWarehouse } from './duckdb.warehouse';

describe('DuckDbConnectionPool', () => {
  let instance: DuckDBInstance;
  beforeAll(async () => {
    instance = await DuckDBInstance.create(':memory:');
  });
  afterAll(() => instance.closeSync());

  it('lends a released connection again with the statements it prepared', async () => {
    const pool = new DuckDbConnectionPool(() => instance.connect(), { maxIdle: 2, maxStatements: 8 });
    const first = await pool.acquire();
    const statement = await pool.prepare(first, 'SELECT $1::INTEGER + 1 AS n');
    pool.release(first, true);
    const again = await pool.acquire();
    expect(again).toBe(first);
    expect(await pool.prepare(again, 'SELECT $1::INTEGER + 1 AS n')).toBe(statement);
    pool.release(again, true);
    pool.close();
    expect(pool.idleCount).toBe(0);
  });

  it('closes a connection released as not reusable, and keeps at most maxIdle', async () => {
    const pool = new DuckDbConnectionPool(() => instance.connect(), { maxIdle: 1, maxStatements: 8 });
    const [a, b] = [await pool.acquire(), await pool.acquire()];
    pool.release(a, false);
    expect(pool.idleCount).toBe(0);
    await expect(a.connection.run('SELECT 1')).rejects.toThrow();
    pool.release(b, true);
    const [c, d] = [await pool.acquire(), await pool.acquire()];
    expect(c).toBe(b);
    pool.release(c, true);
    pool.release(d, true);
    expect(pool.idleCount).toBe(1);
    pool.close();
  });

  it('keeps the most recently used statements, up to maxStatements, and frees the others', async () => {
    const pool = new DuckDbConnectionPool(() => instance.connect(), { maxIdle: 1, maxStatements: 2 });
    const pooled = await pool.acquire();
    const one = await pool.prepare(pooled, 'SELECT 1');
    await pool.prepare(pooled, 'SELECT 2');
    expect(await pool.prepare(pooled, 'SELECT 1')).toBe(one); // now the most recent
    await pool.prepare(pooled, 'SELECT 3'); // evicts SELECT 2
    expect([...pooled.statements.keys()]).toEqual(['SELECT 1', 'SELECT 3']);
    pool.release(pooled, false);
  });
});

describe('DuckDbWarehouse with pooled connections', () => {
  let warehouse: DuckDbWarehouse;
  const FAST = { timeoutMs: 10_000, maxRows: 100 };
  beforeAll(async () => {
    warehouse = await DuckDbWarehouse.open(':memory:', { readOnly: false });
    await warehouse.query('CREATE TABLE t AS SELECT range AS i, range % 3 AS k FROM range(10)', [], FAST);
  });
  afterAll(() => warehouse.close());

  it('runs the same SQL again with other values, and sees the table change between runs', async () => {
    const sql = 'SELECT count(*) AS n FROM t WHERE k = $1';
    expect((await warehouse.query(sql, [0], FAST)).rows).toEqual([{ n: 4 }]);
    expect((await warehouse.query(sql, [1], FAST)).rows).toEqual([{ n: 3 }]);
    await warehouse.query('INSERT INTO t VALUES (100, 1)', [], FAST);
    expect((await warehouse.query(sql, [1], FAST)).rows).toEqual([{ n: 4 }]);
    await warehouse.query('DROP TABLE t', [], FAST);
    await warehouse.query("CREATE TABLE t AS SELECT 'x' AS k, 1 AS i", [], FAST);
    await expect(warehouse.query(sql, [1], FAST)).rejects.toThrow();
    expect((await warehouse.query('SELECT count(*) AS n FROM t WHERE k = $1', ['x'], FAST)).rows).toEqual([{ n: 1 }]);
  });

  it('works on after a statement that was interrupted or failed, with the same SQL', async () => {
    const slow = 'SELECT count(*) AS n FROM range(100000000000) a WHERE a.range % $1 = 7';
    await expect(warehouse.query(slow, [13], { timeoutMs: 200, maxRows: 10 })).rejects.toMatchObject({ code: 'QUERY_TIMEOUT' });
    const quick = 'SELECT count(*) AS n FROM range(1000) a WHERE a.range % $1 = 7';
    expect((await warehouse.query(quick, [13], FAST)).rows).toEqual([{ n: 77 }]);
    await expect(warehouse.query('SELECT 1 / $1::VARCHAR', [0], FAST)).rejects.toThrow();
    expect((await warehouse.query(quick, [13], FAST)).rows).toEqual([{ n: 77 }]);
  });

  it('a stream left early lends its connection to the next statement, which runs normally', async () => {
    for await (const row of warehouse.stream('SELECT range AS i FROM range(1000000)', [], { timeoutMs: 10_000, maxRows: 3 })) {
      expect(row.i).toBeDefined();
      break;
    }
    expect((await warehouse.query('SELECT sum(range) AS s FROM range(10)', [], FAST)).rows).toEqual([{ s: 45 }]);
  });
});
