import type { SqlDialect } from '@chatbi/contracts';

/** How each dialect writes its positional parameters. */
export const PLACEHOLDER_STYLES: Record<SqlDialect, 'dollar-numbered' | 'question-mark'> = {
  duckdb: 'dollar-numbered',
  postgres: 'dollar-numbered',
  mysql: 'question-mark',
  sqlite: 'question-mark',
};

/** The placeholder for the index-th (1-based) positional parameter: $1 for DuckDB and PostgreSQL, ? for MySQL. */
export function placeholderFor(dialect: SqlDialect, index: number): string {
  if (!Number.isInteger(index) || index < 1) throw new RangeError(`parameter index must be 1 or more, got ${index}`);
  return PLACEHOLDER_STYLES[dialect] === 'dollar-numbered' ? `$${index}` : '?';
}
