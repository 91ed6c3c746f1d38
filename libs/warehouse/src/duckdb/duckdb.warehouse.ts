import { performance } from 'node:perf_hooks';
import { DuckDBInstance } from '@duckdb/node-api';
import { ChatbiError } from '@chatbi/contracts';
import { placeholderFor } from '../sql-placeholder.util';
import type {
  DistinctValues,
  QueryOptions,
  QueryResult,
  RelationInfo,
  Warehouse,
} from '../warehouse.interface';
import { DuckDbConnectionPool, type PooledConnection } from './duckdb-connection.pool';
import { DuckDbCursor } from './duckdb.cursor';
import { toOpenError } from './duckdb-error.mapper';
import { keyRowsFrom, readDistinctValues, readRowCount, relationsFromRows, type ColumnRow } from '../warehouse-metadata';

export interface DuckDbOpenOptions {
  /** Default true: the file is opened with access_mode READ_ONLY and only SELECT statements run. */
  readOnly?: boolean;
  /** Extra DuckDB settings, e.g. { threads: '4', memory_limit: '2GB' }. */
  config?: Record<string, string>;
  /** Timeout for relations() and distinctValues(); default 30 s. */
  metadataTimeoutMs?: number;
}


/**
 * The warehouse on a DuckDB file. Every running statement has a connection to itself, so
 * statements run concurrently and a timeout interrupts only its own statement; connections and
 * their prepared statements are kept for the next statements (DuckDbConnectionPool).
 *
 * A division by zero gives NULL, as in MySQL (whose flavour ChatBI's SQL follows), rather than
 * IEEE 754's Infinity or NaN: the database opens with ieee_floating_point_ops = false, whatever the
 * config says. The templates rely on it (a change ratio against a 0 is NULL).
 */
/**
 * A query reads the warehouse file and nothing else: no other files (read_text, read_csv, glob,
 * FROM '/path.csv', COPY), no network, no extensions loaded on demand, and no SET that could turn
 * any of it back on. Set once the file is open (at creation they would also bar DuckDB from its
 * own write-ahead log), for the whole instance.
 */
const LOCK_DOWN = [
  'SET autoinstall_known_extensions = false',
  'SET autoload_known_extensions = false',
  'SET enable_external_access = false',
  'SET lock_configuration = true',
];

export class DuckDbWarehouse implements Warehouse {
  readonly dialect = 'duckdb' as const;
  private readonly active = new Set<DuckDbCursor>();
  private readonly pool: DuckDbConnectionPool;
  private closed = false;

  private constructor(
    private readonly instance: DuckDBInstance,
    readonly file: string,
    readonly readOnly: boolean,
    private readonly metadataTimeoutMs: number,
  ) {
    this.pool = new DuckDbConnectionPool(() => this.instance.connect());
  }

  static async open(file: string, options: DuckDbOpenOptions = {}): Promise<DuckDbWarehouse> {
    const readOnly = options.readOnly ?? true;
    let instance: DuckDBInstance;
    try {
      instance = await DuckDBInstance.create(file, {
        ...options.config,
        access_mode: readOnly ? 'READ_ONLY' : 'READ_WRITE',
        ieee_floating_point_ops: 'false',
      });
      const connection = await instance.connect();
      try {
        for (const statement of LOCK_DOWN) await connection.run(statement);
      } finally {
        connection.closeSync();
      }
    } catch (error) {
      throw toOpenError(error, file, readOnly);
    }
    return new DuckDbWarehouse(instance, file, readOnly, options.metadataTimeoutMs ?? 30_000);
  }

  /** DuckDB binds $1, $2 ... (1-based). */
  placeholder(index: number): string {
    return placeholderFor(this.dialect, index);
  }

  async query(sql: string, params: unknown[], options: QueryOptions): Promise<QueryResult> {
    const started = performance.now();
    const cursor = await this.start(sql, params, options);
    try {
      const rows: Record<string, unknown>[] = [];
      let truncated = false;
      for (let chunk = await cursor.next(); chunk; chunk = await cursor.next()) {
        const room = options.maxRows - rows.length;
        if (chunk.length > room) {
          rows.push(...chunk.slice(0, room));
          truncated = true;
          break;
        }
        rows.push(...chunk);
        if (rows.length === options.maxRows) {
          // Exactly full: one more chunk tells whether anything was left.
          truncated = (await cursor.next()) !== null;
          break;
        }
      }
      return { columns: cursor.columns, rows, truncated, elapsedMs: Math.round(performance.now() - started) };
    } finally {
      cursor.close();
    }
  }

  async *stream(sql: string, params: unknown[], options: QueryOptions): AsyncGenerator<Record<string, unknown>> {
    const cursor = await this.start(sql, params, options);
    try {
      let sent = 0;
      while (sent < options.maxRows) {
        const chunk = await cursor.next();
        if (!chunk) return;
        for (const row of chunk.slice(0, options.maxRows - sent)) {
          sent++;
          yield row;
        }
      }
    } finally {
      cursor.close();
    }
  }

  async relations(): Promise<RelationInfo[]> {
    const all = { timeoutMs: this.metadataTimeoutMs, maxRows: Number.MAX_SAFE_INTEGER };
    const columns = await this.query(
      `SELECT c.schema_name, c.table_name, CASE WHEN v.view_name IS NULL THEN 'BASE TABLE' ELSE 'VIEW' END AS table_type,
              c.column_name, c.data_type, c.is_nullable, coalesce(t.comment, v.comment) AS table_comment, c.comment AS column_comment
         FROM duckdb_columns() c
         LEFT JOIN duckdb_tables() t ON t.database_name = c.database_name AND t.schema_name = c.schema_name AND t.table_name = c.table_name
         LEFT JOIN duckdb_views() v ON v.database_name = c.database_name AND v.schema_name = c.schema_name AND v.view_name = c.table_name
        WHERE c.database_name = current_database() AND NOT c.internal
          AND c.schema_name NOT IN ('information_schema', 'pg_catalog')
        ORDER BY c.schema_name, c.table_name, c.column_index`,
      [],
      all,
    );
    // DuckDB's foreign keys stay within one schema.
    const keys = await this.query(
      `SELECT schema_name, table_name, CASE constraint_type WHEN 'PRIMARY KEY' THEN 'primary' ELSE 'foreign' END AS kind,
              constraint_column_names AS column_names, schema_name AS ref_schema, referenced_table AS ref_table,
              referenced_column_names AS ref_column_names
         FROM duckdb_constraints()
        WHERE database_name = current_database() AND constraint_type IN ('PRIMARY KEY', 'FOREIGN KEY')`,
      [],
      all,
    );
    return relationsFromRows(columns.rows as unknown as ColumnRow[], keyRowsFrom(keys.rows));
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
    const closing = new ChatbiError('WAREHOUSE_UNAVAILABLE', `the warehouse ${this.file} was closed while the query ran`);
    for (const cursor of this.active) cursor.abort(closing);
    this.pool.close();
    // Connections still draining keep the database alive until they disconnect.
    this.instance.closeSync();
  }

  private async start(sql: string, params: unknown[], options: QueryOptions): Promise<DuckDbCursor> {
    checkOptions(options);
    if (typeof sql !== 'string' || sql.trim() === '') throw new ChatbiError('QUERY_FAILED', 'the SQL statement is empty');
    if (!Array.isArray(params)) throw new ChatbiError('QUERY_FAILED', 'parameters must be an array');
    const pooled = await this.connect();
    const cursor = new DuckDbCursor(this.pool, pooled, options.timeoutMs, (c) => this.active.delete(c));
    this.active.add(cursor);
    await cursor.start(sql, params, this.readOnly);
    return cursor;
  }

  private async connect(): Promise<PooledConnection> {
    if (this.closed) throw new ChatbiError('WAREHOUSE_UNAVAILABLE', `the warehouse ${this.file} is closed`);
    try {
      return await this.pool.acquire();
    } catch (error) {
      throw toOpenError(error, this.file, this.readOnly);
    }
  }
}

function checkOptions(options: QueryOptions): void {
  if (!options || !(options.timeoutMs > 0) || !Number.isFinite(options.timeoutMs)) {
    throw new ChatbiError('QUERY_FAILED', `timeoutMs must be a positive number of milliseconds, got ${options?.timeoutMs}`);
  }
  if (!(Number.isInteger(options.maxRows) && options.maxRows >= 0)) {
    throw new ChatbiError('QUERY_FAILED', `maxRows must be a whole number of 0 or more, got ${options.maxRows}`);
  }
}
