import type { ColumnType } from '../catalog-file.schema';

/**
 * Guesses from a warehouse type name and a column name. These are drafting heuristics: every guess
 * lands in YAML that a DBA reviews, so they favour the common BI naming habits over completeness.
 */

/** Maps an engine type name (DuckDB, PostgreSQL or MySQL spelling) to a catalog type; undefined when unsupported. */
export function catalogTypeOf(warehouseType: string): ColumnType | undefined {
  const t = warehouseType.trim().toUpperCase();
  if (/\[\]$|^(STRUCT|MAP|UNION|LIST|ARRAY)\b/.test(t)) return undefined;
  if (t === 'DATE') return 'date';
  if (/^(TIMESTAMP|DATETIME)/.test(t)) return 'timestamp';
  if (/^(BOOL|BOOLEAN)$/.test(t)) return 'boolean';
  if (/^(TINYINT|SMALLINT|MEDIUMINT|INTEGER|INT|BIGINT|HUGEINT|UTINYINT|USMALLINT|UINTEGER|UBIGINT|UHUGEINT|INT[248]|SMALLSERIAL|SERIAL|BIGSERIAL)\b/.test(t)) {
    return 'integer';
  }
  if (/^(DECIMAL|NUMERIC|REAL|FLOAT|FLOAT4|FLOAT8|DOUBLE)\b/.test(t)) return 'decimal';
  if (/^(VARCHAR|CHAR|CHARACTER|TEXT|STRING|BPCHAR|ENUM|UUID|CITEXT|NVARCHAR|NCHAR|TINYTEXT|MEDIUMTEXT|LONGTEXT)\b/.test(t)) return 'string';
  return undefined;
}

/** uid, id, user_id, device_key ... */
export function looksLikeId(name: string): boolean {
  return /^(id|uid|uuid|guid|pk|key)$/.test(name) || /_(id|uid|uuid|key|pk)$/.test(name);
}

/** Free text that a semantic operator might read rather than a category to group by. */
export function looksLikeText(name: string): boolean {
  return /(text|content|comment|feedback|message|msg|desc|description|body|title|query|keyword|review|remark|note|summary|reason|url)/.test(name);
}

/** Ratios and averages that must not be summed. */
export function looksLikeRate(name: string): boolean {
  return /(rate|ratio|pct|percent|avg|average|mean|per_)/.test(name);
}

const PREFERRED_TIME_NAMES = ['event_day', 'date', 'dt', 'day', 'event_date', 'ds', 'p_date', 'stat_date', 'report_date'];

/** Higher is a better time column: well-known partition-day names first, dates before timestamps. */
export function timeColumnScore(name: string, type: 'date' | 'timestamp'): number {
  const preferred = PREFERRED_TIME_NAMES.indexOf(name);
  const byName = preferred >= 0 ? 100 - preferred : /(day|date)|(^|_)dt$/.test(name) ? 50 : 0;
  return byName + (type === 'date' ? 10 : 0);
}
