import type { Grain, PeriodUnit, SqlDialect } from '@chatbi/contracts';

/** What differs between warehouses when a plan becomes SQL. Templates hold the rest. */
export interface SqlDialectRules {
  readonly name: SqlDialect;
  quote(identifier: string): string;
  placeholder(index: number): string;
  /** A bound parameter compared with a date column. */
  dateParam(placeholder: string): string;
  /** The first instant of the grain's bucket holding the expression, as a date (or timestamp for hours). */
  bucket(grain: Grain, expression: string): string;
  /** The expression moved forward by n units, calendar-aware; bucket() the result to get a date. */
  addInterval(expression: string, n: number, unit: PeriodUnit): string;
  /** How NULLs compare as equal when matching dimension values across periods. */
  nullSafeEquals(left: string, right: string): string;
}
