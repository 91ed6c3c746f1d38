import { performance } from 'node:perf_hooks';
import { Client, Pool, type PoolConfig } from 'pg';
import { ChatbiError } from '@chatbi/contracts';
import { placeholderFor } from '../sql-placeholder.util';
import type { DistinctValues, QueryOptions, QueryResult, RelationInfo, Warehouse } from '../warehouse.interface';
import { PostgresCursor } from './postgres.cursor';
import { describeServer } from '../server-description';
import { toPostgresOpenError, toPostgresQueryError } from './postgres-error.mapper';
import { POSTGRES_TYPES } from './postgres-values';
import { assertSingleReadStatement } from './read-only-statement';
import { checkQueryOptions, collectRows, streamRows } from './row-cursor';
import { keyRowsFrom, readDistinctValues, readRowCount, relationsFromRows, type ColumnRow } from '../warehouse-metadata';

export interface PostgresOpenOptions {
  /** Connections kept open at most; default 4. */
  poolSize?: number;
  /** Timeout for relations() and distinctValues(); default 30 s. */
  metadataTimeoutMs?: number;
  /** Rows per FETCH while streaming; default 1000. */
  fetchRows?: number;
  /** How long to wait for a connection; default 10 s. */
  connectTimeoutMs?: number;
}


/**
 * The warehouse on PostgreSQL. Each statement runs in its own READ ONLY transaction with a
 * statement_timeout and is read through a server-side cursor, so a large answer never sits in
 * memory whole. Sessions run in UTC so that timestamps read the same on every engine.
 */
export class PostgresWarehouse implements Warehouse {
  readonly dialect = 'postgres' as const;
  private readonly active = new Set<PostgresCursor>();
  private closed = false;

  private constructor(
    private readonly pool: Pool,
    private readonly config: PoolConfig,
    readonly server: string,
    private readonly metadataTimeoutMs: number,
    private readonly fetchRows: number,
  ) {}

  static async open(url: string, options: PostgresOpenOptions = {}): Promise<PostgresWarehouse> {
    const server = describeServer(url);
    const config: PoolConfig = {
      connectionString: url,
      max: options.poolSize ?? 4,
      connectionTimeoutMillis: options.connectTimeoutMs ?? 10_000,
      options: '-c TimeZone=UTC',
      types: POSTGRES_TYPES,
      application_name: 'chatbi',
    };
    const pool = new Pool(config);
    // An idle connection the server drops is discarded by the pool; the next query opens another.
    pool.on('error', () => undefined);
    try {
      const client = await pool.connect();
      client.release();
    } catch (error) {
      await pool.end().catch(() => undefined);
      throw toPostgresOpenError(error, server);
    }
    return new PostgresWarehouse(pool, config, server, options.metadataTimeoutMs ?? 30_000, options.fetchRows ?? 1000);
  }

  /** PostgreSQL binds $1, $2 ... (1-based). */
  placeholder(index: number): string {
    return placeholderFor(this.dialect, index);
  }

  async query(sql: string, params: unknown[], options: QueryOptions): Promise<QueryResult> {
    const started = performance.now();
    return collectRows(await this.start(sql, params, options), options, started);
  }

  async *stream(sql: string, params: unknown[], options: QueryOptions): AsyncGenerator<Record<string, unknown>> {
    yield* streamRows(await this.start(sql, params, options), options, this.fetchRows);
  }

  /** Relations this role may read (has_table_privilege), partitions left out (their parent stands for them). */
  async relations(): Promise<RelationInfo[]> {
    const all = { timeoutMs: this.metadataTimeoutMs, maxRows: Number.MAX_SAFE_INTEGER };
    const columns = await this.query(
      `SELECT n.nspname AS schema_name, c.relname AS table_name,
              CASE WHEN c.relkind IN ('v', 'm') THEN 'VIEW' ELSE 'BASE TABLE' END AS table_type,
              a.attname AS column_name, format_type(a.atttypid, a.atttypmod) AS data_type,
              CASE WHEN a.attnotnull THEN 'NO' ELSE 'YES' END AS is_nullable,
              obj_description(c.oid, 'pg_class') AS table_comment, col_description(c.oid, a.attnum) AS column_comment
         FROM pg_class c
         JOIN pg_namespace n ON n.oid = c.relnamespace
         JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped
        WHERE c.relkind IN ('r', 'p', 'v', 'm', 'f') AND NOT c.relispartition
          AND n.nspname NOT IN ('pg_catalog', 'information_schema') AND n.nspname NOT LIKE 'pg\\_%'
          AND has_table_privilege(c.oid, 'SELECT')
        ORDER BY n.nspname, c.relname, a.attnum`,
      [],
      all,
    );
    const keys = await this.query(
      `SELECT n.nspname AS schema_name, c.relname AS table_name, CASE con.contype WHEN 'p' THEN 'primary' ELSE 'foreign' END AS kind,
              (SELECT json_agg(a.attname ORDER BY k.i)::text FROM unnest(con.conkey) WITH ORDINALITY k(num, i)
                 JOIN pg_attribute a ON a.attrelid = con.conrelid AND a.attnum = k.num) AS column_names,
              fn.nspname AS ref_schema, fc.relname AS ref_table,
              (SELECT json_agg(a.attname ORDER BY k.i)::text FROM unnest(con.confkey) WITH ORDINALITY k(num, i)
                 JOIN pg_attribute a ON a.attrelid = con.confrelid AND a.attnum = k.num) AS ref_column_names
         FROM pg_constraint con
         JOIN pg_class c ON c.oid = con.conrelid
         JOIN pg_namespace n ON n.oid = c.relnamespace
         LEFT JOIN pg_class fc ON fc.oid = con.confrelid
         LEFT JOIN pg_namespace fn ON fn.oid = fc.relnamespace
        WHERE con.contype IN ('p', 'f') AND n.nspname NOT IN ('pg_catalog', 'information_schema')`,
      [],
      all,
    );
    return relationsFromRows(columns.rows as unknown as ColumnRow[], keyRowsFrom(keys.rows), (t) => t.toUpperCase());
  }

  async distinctValues(relation: string, column: string, limit: number): Promise<DistinctValues> {
    return readDistinctValues(this, relation, column, limit, this.metadataTimeoutMs);
  }

  async rowCount(relation: string): Promise<number> {
    return readRowCount(this, relation, this.metadataTimeoutMs);
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    const closing = new ChatbiError('WAREHOUSE_UNAVAILABLE', `the warehouse ${this.server} was closed while the query ran`);
    for (const cursor of this.active) cursor.abort(closing);
    await Promise.all([...this.active].map((c) => c.close().catch(() => undefined)));
    await this.pool.end();
  }

  private async start(sql: string, params: unknown[], options: QueryOptions): Promise<PostgresCursor> {
    checkQueryOptions(options);
    assertSingleReadStatement(sql, { backslashEscapes: false });
    if (!Array.isArray(params)) throw new ChatbiError('QUERY_FAILED', 'parameters must be an array');
    if (this.closed) throw new ChatbiError('WAREHOUSE_UNAVAILABLE', `the warehouse ${this.server} is closed`);
    let client;
    try {
      client = await this.pool.connect();
    } catch (error) {
      throw toPostgresQueryError(error, options.timeoutMs, this.server);
    }
    const cursor = new PostgresCursor(client, options.timeoutMs, {
      server: this.server,
      fetchRows: this.fetchRows,
      cancelBackend: (pid) => this.cancelBackend(pid),
      onClose: (c) => this.active.delete(c),
    });
    this.active.add(cursor);
    await cursor.start(sql, params);
    return cursor;
  }

  /** From a connection of its own: the pool may be busy with the very statements to cancel. */
  private async cancelBackend(pid: number): Promise<void> {
    const client = new Client({ ...this.config, types: undefined });
    try {
      await client.connect();
      await client.query('SELECT pg_cancel_backend($1)', [pid]);
    } finally {
      await client.end().catch(() => undefined);
    }
  }
}
