import { ChatbiError } from '@chatbi/contracts';
import type { DistinctValues, RelationInfo, Warehouse } from './warehouse.interface';

export const MAX_DISTINCT_LIMIT = 100_000;

/**
 * distinctValues for every engine: the most frequent non-null values first, reading one more than
 * asked for to tell whether there are more. Identifiers arrive quoted by the caller's dialect.
 */
export async function readDistinctValues(
  warehouse: Pick<Warehouse, 'query'>,
  quoted: { column: string; relation: string },
  limit: number,
  timeoutMs: number,
): Promise<DistinctValues> {
  if (!Number.isInteger(limit) || limit < 1 || limit > MAX_DISTINCT_LIMIT) {
    throw new ChatbiError('QUERY_FAILED', `the limit for distinct values must be a whole number from 1 to ${MAX_DISTINCT_LIMIT}, got ${limit}`);
  }
  const { column, relation } = quoted;
  const result = await warehouse.query(
    `SELECT ${column} AS value FROM ${relation} WHERE ${column} IS NOT NULL GROUP BY ${column} ORDER BY count(*) DESC, ${column} LIMIT ${limit + 1}`,
    [],
    { timeoutMs, maxRows: limit + 1 },
  );
  const values = result.rows.map((r) => r.value);
  return { values: values.slice(0, limit), more: values.length > limit };
}

/** Folds information_schema rows (schema_name, table_name, table_type, column_name, data_type, is_nullable) into relations. */
export function relationsFromRows(rows: Record<string, unknown>[], typeName: (dataType: string) => string = (t) => t): RelationInfo[] {
  const byKey = new Map<string, RelationInfo>();
  for (const row of rows) {
    const schema = String(row.schema_name);
    const name = String(row.table_name);
    const key = `${schema}.${name}`;
    let relation = byKey.get(key);
    if (!relation) {
      relation = { schema, name, kind: row.table_type === 'VIEW' ? 'view' : 'table', columns: [] };
      byKey.set(key, relation);
    }
    relation.columns.push({ name: String(row.column_name), type: typeName(String(row.data_type)), nullable: row.is_nullable === 'YES' });
  }
  return [...byKey.values()];
}
