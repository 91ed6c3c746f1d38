import { GRAINS } from '@chatbi/contracts';
import type { SqlDialectRules } from './sql-dialect';

export const postgresDialect: SqlDialectRules = {
  name: 'postgres',
  quote: (identifier) => `"${identifier.replace(/"/g, '""')}"`,
  placeholder: (index) => `$${index}`,
  grains: GRAINS,
  // integer / integer is integer division in PostgreSQL; a numeric left operand keeps the fraction.
  realDivision: '* 1.0 /',
};
