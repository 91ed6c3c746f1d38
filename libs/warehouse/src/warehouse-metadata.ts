import { ChatbiError } from '@chatbi/contracts';
import { quoteName, quoteRelation } from './sql-identifier.util';
import type { DistinctValues, RelationInfo, Warehouse } from './warehouse.interface';

export const MAX_DISTINCT_LIMIT = 100_000;

/**
 * distinctValues for every engine: the most frequent non-null values first, reading one more than
 * asked for to tell whether there are more. Names are quoted for the warehouse's dialect.
 */
export async function readDistinctValues(
  warehouse: Pick<Warehouse, 'query' | 'dialect'>,
  relation: string,
  column: string,
  limit: number,
  timeoutMs: number,
): Promise<DistinctValues> {
  if (!Number.isInteger(limit) || limit < 1 || limit > MAX_DISTINCT_LIMIT) {
    throw new ChatbiError('QUERY_FAILED', `the limit for distinct values must be a whole number from 1 to ${MAX_DISTINCT_LIMIT}, got ${limit}`);
  }
  const q = quoteName(column, warehouse.dialect);
  const from = quoteRelation(relation, warehouse.dialect);
  const result = await warehouse.query(
    `SELECT ${q} AS value FROM ${from} WHERE ${q} IS NOT NULL GROUP BY ${q} ORDER BY count(*) DESC, ${q} LIMIT ${limit + 1}`,
    [],
    { timeoutMs, maxRows: limit + 1 },
  );
  const values = result.rows.map((r) => r.value);
  return { values: values.slice(0, limit), more: values.length > limit };
}

/** rowCount for every engine. */
export async function readRowCount(warehouse: Pick<Warehouse, 'query' | 'dialect'>, relation: string, timeoutMs: number): Promise<number> {
  const result = await warehouse.query(`SELECT count(*) AS n FROM ${quoteRelation(relation, warehouse.dialect)}`, [], { timeoutMs, maxRows: 1 });
  return Number(result.rows[0]?.n ?? 0);
}

/** One column of a relation as the engines' catalogs list them. */
export interface ColumnRow {
  schema_name: unknown;
  table_name: unknown;
  /** 'VIEW' for views, anything else is a table. */
  table_type: unknown;
  column_name: unknown;
  data_type: unknown;
  /** 'YES' or true when nullable. */
  is_nullable: unknown;
  table_comment?: unknown;
  column_comment?: unknown;
}

/** One primary or foreign key constraint, its columns in key order. */
export interface KeyRow {
  schema: string;
  table: string;
  kind: 'primary' | 'foreign';
  columns: string[];
  references?: { schema: string; name: string; columns: string[] };
}

/** Folds the column rows (in ordinal order) and the key constraints into relations. */
export function relationsFromRows(rows: readonly ColumnRow[], keys: readonly KeyRow[], typeName: (dataType: string) => string = (t) => t): RelationInfo[] {
  const byKey = new Map<string, RelationInfo>();
  for (const row of rows) {
    const schema = String(row.schema_name);
    const name = String(row.table_name);
    const key = `${schema}.${name}`;
    let relation = byKey.get(key);
    if (!relation) {
      relation = {
        schema,
        name,
        kind: row.table_type === 'VIEW' ? 'view' : 'table',
        ...commentOf(row.table_comment),
        primaryKey: [],
        foreignKeys: [],
        columns: [],
      };
      byKey.set(key, relation);
    }
    relation.columns.push({
      name: String(row.column_name),
      type: typeName(String(row.data_type)),
      nullable: row.is_nullable === 'YES' || row.is_nullable === true,
      ...commentOf(row.column_comment),
    });
  }
  for (const k of keys) {
    const relation = byKey.get(`${k.schema}.${k.table}`);
    if (!relation || k.columns.length === 0) continue;
    if (k.kind === 'primary') relation.primaryKey = [...k.columns];
    else if (k.references && k.references.columns.length === k.columns.length) {
      relation.foreignKeys.push({ columns: [...k.columns], references: { ...k.references, columns: [...k.references.columns] } });
    }
  }
  return [...byKey.values()];
}

function commentOf(value: unknown): { comment?: string } {
  return typeof value === 'string' && value.trim() !== '' ? { comment: value.trim() } : {};
}

/**
 * Key constraints from a metadata query that names its columns schema_name, table_name, kind
 * ('primary' or 'foreign'), column_names, ref_schema, ref_table and ref_column_names (lists, or
 * JSON text of them).
 */
export function keyRowsFrom(rows: readonly Record<string, unknown>[]): KeyRow[] {
  return rows.map((k) => ({
    schema: String(k.schema_name),
    table: String(k.table_name),
    kind: k.kind === 'primary' ? 'primary' : 'foreign',
    columns: namesFromJson(k.column_names),
    ...(k.ref_table ? { references: { schema: String(k.ref_schema), name: String(k.ref_table), columns: namesFromJson(k.ref_column_names) } } : {}),
  }));
}

/** Key column lists as lists or as JSON text ('["a","b"]') -> ['a', 'b']. */
function namesFromJson(value: unknown): string[] {
  if (Array.isArray(value)) return value.map(String);
  if (typeof value !== 'string' || value === '') return [];
  const parsed: unknown = JSON.parse(value);
  return Array.isArray(parsed) ? parsed.map(String) : [];
}
