import { existsSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import Database from 'better-sqlite3';
import { ChatbiError } from '@chatbi/contracts';
import { isQuotableName, quoteName, quoteRelation } from '../sql-identifier.util';
import type { DistinctValues, QueryOptions, QueryResult, RelationInfo, Warehouse, WarehouseColumn } from '../warehouse.interface';
import { readDistinctValues, readRowCount } from '../warehouse-metadata';

/** Rows read between two looks at the clock. */
const CLOCK_EVERY = 256;

/**
 * A read-only warehouse on a SQLite file (Spider's databases, small departmental stores). The file
 * is opened read-only and only statements that return rows are accepted. better-sqlite3 runs
 * synchronously, so the timeout is checked between rows: a single step that runs long (a huge
 * sort) finishes before the timeout can stop the statement.
 */
export class SqliteWarehouse implements Warehouse {
  readonly dialect = 'sqlite' as const;
  private closed = false;

  private constructor(
    private readonly db: Database.Database,
    readonly file: string,
  ) {}

  static async open(file: string): Promise<SqliteWarehouse> {
    if (!existsSync(file)) {
      throw new ChatbiError('WAREHOUSE_UNAVAILABLE', `the SQLite warehouse ${file} does not exist (a read-only warehouse is never created)`);
    }
    try {
      const db = new Database(file, { readonly: true, fileMustExist: true });
      db.pragma('query_only = ON');
      db.prepare('SELECT count(*) FROM sqlite_master').get();
      return new SqliteWarehouse(db, file);
    } catch (error) {
      throw new ChatbiError('WAREHOUSE_UNAVAILABLE', `the SQLite warehouse ${file} could not be opened: ${message(error)}`);
    }
  }

  async query(sql: string, params: unknown[], options: QueryOptions): Promise<QueryResult> {
    const started = performance.now();
    const rows: Record<string, unknown>[] = [];
    let truncated = false;
    const { statement, columns } = this.prepare(sql, params, options);
    for (const row of this.iterate(statement, params, options, started)) {
      if (rows.length === options.maxRows) {
        truncated = true;
        break;
      }
      rows.push(row);
    }
    return { columns, rows, truncated, elapsedMs: Math.round(performance.now() - started) };
  }

  async *stream(sql: string, params: unknown[], options: QueryOptions): AsyncGenerator<Record<string, unknown>> {
    const started = performance.now();
    const { statement } = this.prepare(sql, params, options);
    let sent = 0;
    for (const row of this.iterate(statement, params, options, started)) {
      if (sent === options.maxRows) return;
      sent++;
      yield row;
    }
  }

  async relations(): Promise<RelationInfo[]> {
    this.assertOpen();
    const relations = this.db
      .prepare("SELECT name, type FROM sqlite_master WHERE type IN ('table', 'view') AND name NOT LIKE 'sqlite_%' ORDER BY name")
      .all() as { name: string; type: 'table' | 'view' }[];
    const actualName = new Map(relations.map((r) => [r.name.toLowerCase(), r.name]));
    const columnsOf = this.db.prepare('SELECT name, type, "notnull" AS not_null, pk FROM pragma_table_info(?) ORDER BY cid');
    const foreignKeysOf = this.db.prepare('SELECT id, seq, "table" AS target, "from" AS source, "to" AS referenced FROM pragma_foreign_key_list(?) ORDER BY id, seq');
    const infos = relations.map((r): RelationInfo => {
      const columns = columnsOf.all(r.name) as { name: string; type: string; not_null: number; pk: number }[];
      return {
        schema: 'main',
        name: r.name,
        kind: r.type,
        primaryKey: columns.filter((c) => c.pk > 0).sort((a, b) => a.pk - b.pk).map((c) => c.name),
        foreignKeys: [],
        columns: columns.map((c) => ({ name: c.name, type: c.type || this.storedType(r.name, c.name), nullable: c.not_null === 0 })),
      };
    });
    const byName = new Map(infos.map((i) => [i.name, i]));
    for (const info of infos) {
      const rows = foreignKeysOf.all(info.name) as { id: number; seq: number; target: string; source: string; referenced: string | null }[];
      const grouped = new Map<number, typeof rows>();
      for (const row of rows) grouped.set(row.id, [...(grouped.get(row.id) ?? []), row]);
      for (const group of grouped.values()) {
        // SQLite matches names without regard to case, and REFERENCES t without columns means t's primary key.
        const target = byName.get(actualName.get(group[0].target.toLowerCase()) ?? group[0].target);
        if (!target) continue;
        const referenced = group.every((g) => g.referenced) ? group.map((g) => g.referenced!) : target.primaryKey;
        const columns = group.map((g) => g.source);
        if (referenced.length !== columns.length) continue;
        info.foreignKeys.push({ columns, references: { schema: 'main', name: target.name, columns: referenced.map((c) => target.columns.find((t) => t.name.toLowerCase() === c.toLowerCase())?.name ?? c) } });
      }
    }
    return infos;
  }

  async distinctValues(relation: string, column: string, limit: number): Promise<DistinctValues> {
    return readDistinctValues(this, relation, column, limit, 30_000);
  }

  async rowCount(relation: string): Promise<number> {
    return readRowCount(this, relation, 30_000);
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.db.close();
  }

  private prepare(sql: string, params: unknown[], options: QueryOptions): { statement: Database.Statement; columns: WarehouseColumn[] } {
    this.assertOpen();
    if (!options || !(options.timeoutMs > 0)) throw new ChatbiError('QUERY_FAILED', `timeoutMs must be a positive number of milliseconds, got ${options?.timeoutMs}`);
    if (!(Number.isInteger(options.maxRows) && options.maxRows >= 0)) {
      throw new ChatbiError('QUERY_FAILED', `maxRows must be a whole number of 0 or more, got ${options.maxRows}`);
    }
    if (typeof sql !== 'string' || sql.trim() === '') throw new ChatbiError('QUERY_FAILED', 'the SQL statement is empty');
    if (!Array.isArray(params)) throw new ChatbiError('QUERY_FAILED', 'parameters must be an array');
    let statement: Database.Statement;
    try {
      statement = this.db.prepare(sql);
    } catch (error) {
      throw new ChatbiError('QUERY_FAILED', `the warehouse could not run the query: ${message(error)}`);
    }
    if (!statement.reader || !statement.readonly) {
      throw new ChatbiError('QUERY_FAILED', 'the warehouse is read-only, only statements that read rows can run');
    }
    const columns = statement.columns().map((c) => ({ name: c.name, type: c.type ?? 'ANY' }));
    return { statement, columns };
  }

  private *iterate(statement: Database.Statement, params: unknown[], options: QueryOptions, started: number): Generator<Record<string, unknown>> {
    let iterator: IterableIterator<unknown>;
    try {
      iterator = statement.iterate(...params.map(toSqliteValue));
    } catch (error) {
      throw new ChatbiError('QUERY_FAILED', `the warehouse could not run the query: ${message(error)}`);
    }
    let n = 0;
    try {
      for (;;) {
        let next: IteratorResult<unknown>;
        try {
          next = iterator.next();
        } catch (error) {
          throw new ChatbiError('QUERY_FAILED', `the warehouse could not run the query: ${message(error)}`);
        }
        if (next.done) return;
        if (++n % CLOCK_EVERY === 0 && performance.now() - started > options.timeoutMs) {
          throw new ChatbiError('QUERY_TIMEOUT', `the query ran longer than ${options.timeoutMs} ms and was stopped; narrow it down with filters`, {
            timeoutMs: options.timeoutMs,
          });
        }
        yield toJsonFriendly(next.value as Record<string, unknown>);
      }
    } finally {
      iterator.return?.();
    }
  }

  /** A column declared without a type: the storage class most of its values have (SQLite types values, not columns). */
  private storedType(relation: string, column: string): string {
    if (!isQuotableName(relation) || !isQuotableName(column)) return 'ANY';
    const q = quoteName(column, 'sqlite');
    try {
      const row = this.db
        .prepare(`SELECT upper(typeof(${q})) AS t FROM ${quoteRelation(relation, 'sqlite')} WHERE ${q} IS NOT NULL GROUP BY 1 ORDER BY count(*) DESC LIMIT 1`)
        .get() as { t: string } | undefined;
      return row?.t ?? 'ANY';
    } catch {
      // A view over a table that is gone: its columns stay untyped (and are left out of drafts).
      return 'ANY';
    }
  }

  private assertOpen(): void {
    if (this.closed) throw new ChatbiError('WAREHOUSE_UNAVAILABLE', `the warehouse ${this.file} is closed`);
  }
}

function toSqliteValue(value: unknown): unknown {
  if (typeof value === 'boolean') return value ? 1 : 0;
  if (value instanceof Date) return value.toISOString();
  return value;
}

function toJsonFriendly(row: Record<string, unknown>): Record<string, unknown> {
  for (const [k, v] of Object.entries(row)) {
    if (typeof v === 'bigint') row[k] = Number.isSafeInteger(Number(v)) ? Number(v) : v.toString();
    else if (Buffer.isBuffer(v)) row[k] = v.toString('base64');
  }
  return row;
}

function message(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
