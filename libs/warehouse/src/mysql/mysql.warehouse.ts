import { performance } from 'node:perf_hooks';
import { createConnection, createPool, type Pool, type PoolConnection, type PoolOptions } from 'mysql2';
import { ChatbiError } from '@chatbi/contracts';
import { checkQueryOptions, collectRows, streamRows } from '../postgres/row-cursor';
import { assertSingleReadStatement } from '../postgres/read-only-statement';
import { describeServer } from '../server-description';
import { placeholderFor } from '../sql-placeholder.util';
import type { DistinctValues, QueryOptions, QueryResult, RelationInfo, Warehouse } from '../warehouse.interface';
import { MySqlCursor, type MySqlFlavour } from './mysql.cursor';
import { toMySqlOpenError, toMySqlQueryError } from './mysql-error.mapper';
import { readDistinctValues, readRowCount, relationsFromRows, type ColumnRow, type KeyRow } from '../warehouse-metadata';

export interface MySqlOpenOptions {
  /** Connections kept open at most; default 4. */
  poolSize?: number;
  /** Timeout for relations() and distinctValues(); default 30 s. */
  metadataTimeoutMs?: number;
  /** How long to wait for a connection; default 10 s. */
  connectTimeoutMs?: number;
}

const STREAM_CHUNK_ROWS = 1000;

/**
 * The warehouse on MySQL or MariaDB (mysql2). Each statement is a server-side prepared statement
 * in its own READ ONLY transaction with a server-side time limit, streamed row by row. Sessions
 * run in UTC, and with div_precision_increment 30 so that `/` and avg() keep the precision the
 * other engines give (MySQL keeps 4 decimals by default).
 */
export class MySqlWarehouse implements Warehouse {
  readonly dialect = 'mysql' as const;
  private readonly active = new Set<MySqlCursor>();
  private closed = false;

  private constructor(
    private readonly pool: Pool,
    private readonly config: PoolOptions,
    readonly server: string,
    readonly flavour: MySqlFlavour,
    private readonly metadataTimeoutMs: number,
  ) {}

  static async open(url: string, options: MySqlOpenOptions = {}): Promise<MySqlWarehouse> {
    const server = describeServer(url);
    const config: PoolOptions = {
      uri: url,
      connectionLimit: options.poolSize ?? 4,
      connectTimeout: options.connectTimeoutMs ?? 10_000,
      dateStrings: true,
      decimalNumbers: true,
      supportBigNumbers: true,
      bigNumberStrings: false,
      timezone: 'Z',
      charset: 'utf8mb4',
      multipleStatements: false,
      maxPreparedStatements: 256,
    };
    const pool = createPool(config);
    pool.on('connection', (connection) => {
      connection.query("SET SESSION time_zone = '+00:00', div_precision_increment = 30");
    });
    let flavour: MySqlFlavour;
    try {
      const version = await new Promise<string>((resolve, reject) =>
        pool.query('SELECT VERSION() AS v', (error, rows) => (error ? reject(error) : resolve(String((rows as { v: string }[])[0].v)))),
      );
      flavour = /mariadb/i.test(version) ? 'mariadb' : 'mysql';
    } catch (error) {
      await new Promise<void>((resolve) => pool.end(() => resolve()));
      throw toMySqlOpenError(error, server);
    }
    return new MySqlWarehouse(pool, config, server, flavour, options.metadataTimeoutMs ?? 30_000);
  }

  /** MySQL binds ? in order of appearance. */
  placeholder(index: number): string {
    return placeholderFor(this.dialect, index);
  }

  async query(sql: string, params: unknown[], options: QueryOptions): Promise<QueryResult> {
    const started = performance.now();
    return collectRows(await this.start(sql, params, options), options, started);
  }

  async *stream(sql: string, params: unknown[], options: QueryOptions): AsyncGenerator<Record<string, unknown>> {
    yield* streamRows(await this.start(sql, params, options), options, STREAM_CHUNK_ROWS);
  }

  async relations(): Promise<RelationInfo[]> {
    const all = { timeoutMs: this.metadataTimeoutMs, maxRows: Number.MAX_SAFE_INTEGER };
    const columns = await this.query(
      `SELECT c.table_schema AS schema_name, c.table_name AS table_name, t.table_type AS table_type,
              c.column_name AS column_name, c.column_type AS data_type, c.is_nullable AS is_nullable,
              CASE WHEN t.table_type = 'VIEW' THEN NULL ELSE t.table_comment END AS table_comment, c.column_comment AS column_comment
         FROM information_schema.columns c
         JOIN information_schema.tables t ON t.table_schema = c.table_schema AND t.table_name = c.table_name
        WHERE c.table_schema = DATABASE()
        ORDER BY c.table_schema, c.table_name, c.ordinal_position`,
      [],
      all,
    );
    const keyColumns = await this.query(
      `SELECT table_schema AS schema_name, table_name AS table_name, constraint_name AS constraint_name, column_name AS column_name,
              referenced_table_schema AS ref_schema, referenced_table_name AS ref_table, referenced_column_name AS ref_column
         FROM information_schema.key_column_usage
        WHERE table_schema = DATABASE() AND (constraint_name = 'PRIMARY' OR referenced_table_name IS NOT NULL)
        ORDER BY table_name, constraint_name, ordinal_position`,
      [],
      all,
    );
    const keys = new Map<string, KeyRow>();
    for (const k of keyColumns.rows) {
      const id = JSON.stringify([k.schema_name, k.table_name, k.constraint_name]);
      let key = keys.get(id);
      if (!key) {
        const primary = k.constraint_name === 'PRIMARY';
        key = {
          schema: String(k.schema_name),
          table: String(k.table_name),
          kind: primary ? 'primary' : 'foreign',
          columns: [],
          ...(primary ? {} : { references: { schema: String(k.ref_schema), name: String(k.ref_table), columns: [] } }),
        };
        keys.set(id, key);
      }
      key.columns.push(String(k.column_name));
      key.references?.columns.push(String(k.ref_column));
    }
    return relationsFromRows(columns.rows as unknown as ColumnRow[], [...keys.values()], (t) => t.toUpperCase());
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
    await new Promise<void>((resolve) => this.pool.end(() => resolve()));
  }

  private async start(sql: string, params: unknown[], options: QueryOptions): Promise<MySqlCursor> {
    checkQueryOptions(options);
    assertSingleReadStatement(sql, { backslashEscapes: true });
    if (!Array.isArray(params)) throw new ChatbiError('QUERY_FAILED', 'parameters must be an array');
    if (this.closed) throw new ChatbiError('WAREHOUSE_UNAVAILABLE', `the warehouse ${this.server} is closed`);
    let connection: PoolConnection;
    try {
      connection = await new Promise<PoolConnection>((resolve, reject) =>
        this.pool.getConnection((error, c) => (error ? reject(error) : resolve(c))),
      );
    } catch (error) {
      throw toMySqlQueryError(error, options.timeoutMs, this.server);
    }
    const cursor = new MySqlCursor(connection, options.timeoutMs, {
      server: this.server,
      flavour: this.flavour,
      killQuery: (threadId) => this.killQuery(threadId),
      onClose: (c) => this.active.delete(c),
    });
    this.active.add(cursor);
    await cursor.start(sql, params);
    return cursor;
  }

  /** From a connection of its own: the pool may be busy with the very statements to stop. */
  private killQuery(threadId: number): Promise<void> {
    const connection = createConnection({ uri: this.config.uri, connectTimeout: this.config.connectTimeout });
    connection.on('error', () => undefined);
    return new Promise<void>((resolve) => {
      connection.query(`KILL QUERY ${Math.floor(threadId)}`, () => connection.end(() => resolve()));
    });
  }
}
