import type { Grain, PeriodUnit } from '@chatbi/contracts';
import type { SqlDialectRules } from './sql-dialect';

export const duckdbDialect: SqlDialectRules = {
  name: 'duckdb',
  quote: (identifier) => `"${identifier.replace(/"/g, '""')}"`,
  placeholder: (index) => `$${index}`,
  dateParam: (placeholder) => `CAST(${placeholder} AS DATE)`,
  bucket(grain: Grain, expression: string): string {
    if (grain === 'day') return `CAST(${expression} AS DATE)`;
    if (grain === 'hour') return `date_trunc('hour', ${expression})`;
    return `CAST(date_trunc('${grain}', ${expression}) AS DATE)`;
  },
  addInterval(expression: string, n: number, unit: PeriodUnit): string {
    const [count, part] = unit === 'week' ? [7 * n, 'DAY'] : unit === 'quarter' ? [3 * n, 'MONTH'] : [n, unit.toUpperCase()];
    return `(${expression} + INTERVAL ${count} ${part})`;
  },
  nullSafeEquals: (left, right) => `${left} IS NOT DISTINCT FROM ${right}`,
};
