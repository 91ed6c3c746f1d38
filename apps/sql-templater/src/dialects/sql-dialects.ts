import { ChatbiError } from '@chatbi/contracts';
import { duckdbDialect } from './duckdb.dialect';
import { mysqlDialect } from './mysql.dialect';
import { postgresDialect } from './postgres.dialect';
import type { SqlDialectRules } from './sql-dialect';

/** The dialects whose templates are tested on their engines here, by name. */
export const SQL_DIALECTS: ReadonlyMap<string, SqlDialectRules> = new Map(
  [duckdbDialect, postgresDialect, mysqlDialect].map((d) => [d.name, d]),
);

export function sqlDialectFor(name: string): SqlDialectRules {
  const dialect = SQL_DIALECTS.get(name);
  if (!dialect) throw new ChatbiError('INTERNAL', `there are no SQL templates for the ${name} dialect`);
  return dialect;
}
