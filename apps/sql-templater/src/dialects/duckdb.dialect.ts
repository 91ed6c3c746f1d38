import { GRAINS } from '@chatbi/contracts';
import type { SqlDialectRules } from './sql-dialect';

export const duckdbDialect: SqlDialectRules = {
  name: 'duckdb',
  quote: (identifier) => `"${identifier.replace(/"/g, '""')}"`,
  placeholder: (index) => `$${index}`,
  grains: GRAINS,
  realDivision: '/',
};
