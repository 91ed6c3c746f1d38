import { performance } from 'node:perf_hooks';
import { Client, Pool, type PoolConfig } from 'pg';
import { ChatbiError } from '@chatbi/contracts';
import { quoteIdentifier, quoteRelation } from '../sql-identifier.util';
import { placeholderFor } from '../sql-placeholder.util';
import type { DistinctValues, QueryOptions, QueryResult, RelationInfo, Warehouse } from '../warehouse.interface';
import { PostgresCursor } from './postgres.cursor';
import { describeServer } from '../server-description';
import { toPostgresOpenError, toPostgresQueryError } from './postgres-error.mapper';
import { POSTGRES_TYPES } from './postgres-values';
import { assertSingleReadStatement } from './read-only-statement';
import { checkQueryOptions, collectRows, streamRows } from './row-cursor';
import { readDistinctValues, relationsFromRows } from '../warehouse-metadata';

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

  async relations(): Promise<RelationInfo[]> {
    const result = await this.query(
      `SELECT t.table_schema AS schema_name, t.table_name, t.table_type, c.column_name, c.data_type, c.is_nullable
         FROM information_schema.tables t
         JOIN information_schema.columns c ON c.table_schema = t.table_schema AND c.table_name = t.table_name
        WHERE t.table_schema NOT IN ('information_schema', 'pg_catalog', 'pg_toast')
        ORDER BY t.table_schema, t.table_name, c.ordinal_position`,
      [],
      { timeoutMs: this.metadataTimeoutMs, maxRows: Number.MAX_SAFE_INTEGER },
    );
    return relationsFromRows(result.rows, (t) => t.toUpperCase());
  }

  async distinctValues(relation: string, column: string, limit: number): Promise<DistinctValues> {
    return readDistinctValues(this, { column: quoteIdentifier(column), relation: quoteRelation(relation) }, limit, this.metadataTimeoutMs);
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
