import { GRAINS } from '@chatbi/contracts';
import type { SqlDialectRules } from './sql-dialect';

/**
 * SQLite (Spider's databases): dates are ISO text ('YYYY-MM-DD'), which compares in calendar
 * order, and date arithmetic is date(value, modifier...) in the sqlite templates. Parameters are
 * positional '?', bound in the order the templates write them.
 */
export const sqliteDialect: SqlDialectRules = {
  name: 'sqlite',
  quote: (identifier) => `"${identifier.replace(/"/g, '""')}"`,
  placeholder: () => '?',
  grains: GRAINS,
  // integer / integer truncates in SQLite; a real left operand keeps the fraction.
  realDivision: '* 1.0 /',
};
