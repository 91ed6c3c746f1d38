import { ChatbiError } from '@chatbi/contracts';
import { duckdbDialect } from './duckdb.dialect';
import { mysqlDialect } from './mysql.dialect';
import { postgresDialect } from './postgres.dialect';
import type { SqlDialectRules } from './sql-dialect';
import { sqliteDialect } from './sqlite.dialect';

/** Every dialect with templates, by name: the warehouse URL's dialect picks one. */
export const SQL_DIALECTS: ReadonlyMap<string, SqlDialectRules> = new Map(
  [duckdbDialect, postgresDialect, mysqlDialect, sqliteDialect].map((d) => [d.name, d]),
);

export function sqlDialectFor(name: string): SqlDialectRules {
  const dialect = SQL_DIALECTS.get(name);
  if (!dialect) throw new ChatbiError('INTERNAL', `there are no SQL templates for the ${name} dialect`);
  return dialect;
}
