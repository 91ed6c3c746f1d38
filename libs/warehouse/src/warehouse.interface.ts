import type { SqlDialect } from '@chatbi/contracts';

export interface QueryOptions {
  /** Wall time for the whole statement, from prepare until the last row is read or the stream is closed. */
  timeoutMs: number;
  /** Rows returned at most; the warehouse stops reading the result there. */
  maxRows: number;
}

export interface WarehouseColumn {
  name: string;
  /** The engine's own type name, e.g. DATE, BIGINT, DECIMAL(18,2), VARCHAR. */
  type: string;
}

export interface QueryResult {
  columns: WarehouseColumn[];
  /** Values are JSON-friendly: dates 'YYYY-MM-DD', timestamps ISO strings, big integers as strings. */
  rows: Record<string, unknown>[];
  /** True when the result had more than maxRows rows. */
  truncated: boolean;
  elapsedMs: number;
}

export interface RelationColumn {
  /** As the warehouse spells it (any case, spaces). */
  name: string;
  type: string;
  nullable: boolean;
  /** The column's comment, where the engine keeps them (not SQLite). */
  comment?: string;
}

/** A declared foreign key: columns of this relation referencing columns of another, pairwise. */
export interface ForeignKeyInfo {
  columns: string[];
  references: { schema: string; name: string; columns: string[] };
}

export interface RelationInfo {
  schema: string;
  name: string;
  kind: 'table' | 'view';
  comment?: string;
  /** The declared primary key's columns in key order; empty when there is none (views, keyless tables). */
  primaryKey: string[];
  foreignKeys: ForeignKeyInfo[];
  columns: RelationColumn[];
}

export interface DistinctValues {
  /** Most frequent first, nulls left out. */
  values: unknown[];
  /** True when the column has more distinct values than were asked for. */
  more: boolean;
}

/**
 * One warehouse, whatever the engine. SQL is read-only and parameters are positional and bound by
 * the engine: write the n-th parameter (1-based) as placeholderFor(dialect, n) — $1, $2 ... for
 * DuckDB and PostgreSQL, ? for MySQL — and never paste values into SQL.
 */
export interface Warehouse {
  readonly dialect: SqlDialect;
  /** Collects stream() up to maxRows; truncated tells whether rows were left. */
  query(sql: string, params: unknown[], options: QueryOptions): Promise<QueryResult>;
  /** Rows one at a time as the engine produces them; stops after maxRows. Break early to cancel. */
  stream(sql: string, params: unknown[], options: QueryOptions): AsyncIterable<Record<string, unknown>>;
  /** Tables and views of the warehouse (system schemas left out) with their columns, keys and comments. */
  relations(): Promise<RelationInfo[]>;
  /** Distinct non-null values of relation.column (relation "name" or "schema.name", as the warehouse spells them); names are validated and quoted. */
  distinctValues(relation: string, column: string, limit: number): Promise<DistinctValues>;
  /** Rows of the relation ("name" or "schema.name"). */
  rowCount(relation: string): Promise<number>;
  close(): Promise<void>;
}

/** Nest injection token for the Warehouse. */
export const WAREHOUSE = Symbol('WAREHOUSE');
