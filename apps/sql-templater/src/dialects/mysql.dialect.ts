import { GRAINS } from '@chatbi/contracts';
import type { SqlDialectRules } from './sql-dialect';

/**
 * MySQL and MariaDB: backtick quoting and `?` placeholders, bound in order of appearance (mysql2's
 * execute()). `/` never divides integers as integers here (that is DIV), but keeps only
 * div_precision_increment decimals, which MySqlWarehouse raises for its sessions.
 */
export const mysqlDialect: SqlDialectRules = {
  name: 'mysql',
  quote: (identifier) => `\`${identifier.replace(/`/g, '``')}\``,
  placeholder: () => '?',
  grains: GRAINS,
  realDivision: '/',
};
