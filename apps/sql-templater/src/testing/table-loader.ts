import type { DuckDBConnection } from '@duckdb/node-api';
import type { Client } from 'pg';
import type { Connection } from 'mysql2/promise';
import { ChatbiError, type SqlDialect } from '@chatbi/contracts';

export type ColumnKind = 'date' | 'timestamp' | 'string' | 'integer' | 'decimal' | 'boolean';

export interface TableSpec {
  name: string;
  columns: { name: string; type: ColumnKind }[];
}

/** A writable connection for loading test data (the warehouses themselves are read-only). */
export interface TableWriter {
  dialect: Exclude<SqlDialect, 'sqlite'>;
  exec(sql: string, params?: unknown[]): Promise<void>;
  /** A faster bulk path, when the engine has one. */
  append?(table: TableSpec, rows: readonly Record<string, unknown>[]): Promise<void>;
}

export function duckdbWriter(connection: DuckDBConnection): TableWriter {
  return {
    dialect: 'duckdb',
    async exec(sql, params = []) {
      await connection.run(sql, params as never);
    },
    // The appender is far faster than INSERT statements; it casts text to the column's type.
    async append(table, rows) {
      const appender = await connection.createAppender(table.name);
      for (const row of rows) {
        for (const column of table.columns) {
          const value = row[column.name];
          if (value === null || value === undefined) appender.appendNull();
          else if (typeof value === 'boolean') appender.appendBoolean(value);
          else if (column.type === 'integer') appender.appendBigInt(BigInt(value as number));
          else appender.appendVarchar(String(value));
        }
        appender.endRow();
      }
      appender.closeSync();
    },
  };
}

export function postgresWriter(client: Client): TableWriter {
  return {
    dialect: 'postgres',
    async exec(sql, params = []) {
      await client.query(sql, params);
    },
  };
}

export function mysqlWriter(connection: Connection): TableWriter {
  return {
    dialect: 'mysql',
    async exec(sql, params = []) {
      await connection.query(sql, params);
    },
  };
}

const TYPES: Record<TableWriter['dialect'], Record<ColumnKind, string>> = {
  duckdb: { date: 'DATE', timestamp: 'TIMESTAMP', string: 'VARCHAR', integer: 'BIGINT', decimal: 'DECIMAL(18,4)', boolean: 'BOOLEAN' },
  postgres: { date: 'DATE', timestamp: 'TIMESTAMP', string: 'TEXT', integer: 'BIGINT', decimal: 'NUMERIC(18,4)', boolean: 'BOOLEAN' },
  // Binary, no-pad collation: strings compare and sort by code point, trailing spaces count, as on the other engines.
  mysql: {
    date: 'DATE',
    timestamp: 'DATETIME',
    string: 'VARCHAR(255) CHARACTER SET utf8mb4 COLLATE utf8mb4_nopad_bin',
    integer: 'BIGINT',
    decimal: 'DECIMAL(18,4)',
    boolean: 'BOOLEAN',
  },
};

function quote(dialect: TableWriter['dialect'], name: string): string {
  // Fixture names may have spaces and capitals, as warehouses do; never quotes.
  if (!/^[A-Za-z_][A-Za-z0-9_ ]*$/.test(name)) throw new ChatbiError('INTERNAL', `not a fixture identifier: ${name}`);
  return dialect === 'mysql' ? `\`${name}\`` : `"${name}"`;
}

/** Creates the table and inserts the rows with bound parameters, in batches. */
export async function createAndLoad(writer: TableWriter, table: TableSpec, rows: readonly Record<string, unknown>[]): Promise<void> {
  const q = (name: string) => quote(writer.dialect, name);
  const columns = table.columns.map((c) => `${q(c.name)} ${TYPES[writer.dialect][c.type]}`).join(', ');
  await writer.exec(`CREATE TABLE ${q(table.name)} (${columns})`);
  if (writer.append) return writer.append(table, rows);
  const perRow = table.columns.length;
  const batch = Math.max(1, Math.floor(4_000 / perRow));
  for (let start = 0; start < rows.length; start += batch) {
    const slice = rows.slice(start, start + batch);
    const params: unknown[] = [];
    const tuples = slice.map((row) => {
      const marks = table.columns.map((c) => {
        params.push(c.type === 'timestamp' ? plainTimestamp(row[c.name]) : (row[c.name] ?? null));
        return writer.dialect === 'mysql' ? '?' : `$${params.length}`;
      });
      return `(${marks.join(', ')})`;
    });
    await writer.exec(`INSERT INTO ${q(table.name)} VALUES ${tuples.join(', ')}`, params);
  }
}

/** '2026-02-25T00:16:00.000Z' (as warehouses answer) -> '2026-02-25 00:16:00.000', which every engine reads as a TIMESTAMP. */
function plainTimestamp(value: unknown): unknown {
  return typeof value === 'string' ? value.replace('T', ' ').replace(/Z$/, '') : (value ?? null);
}
