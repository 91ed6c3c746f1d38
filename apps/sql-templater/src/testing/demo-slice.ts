import { resolve } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { addDays } from '@chatbi/contracts';
import { ensureDemoWorld } from '@chatbi/demo-world';
import { defaultTemplatesDir } from '../templates-dir';
import type { ColumnKind, TableSpec } from './table-loader';

/** The small demo world the templater's tests run on, generated once and kept in .data/. */
export const DEMO_END_DATE = '2025-06-30';
export const DEMO_TODAY = addDays(DEMO_END_DATE, 1);
// The repository's .data/, from the source or the compiled copy (the shipped templates sit at a known place in it).
export const DEMO_WORLD_FILE = resolve(defaultTemplatesDir(), '..', '..', '..', '..', '.data', 'templater-tests', `demo-small-${DEMO_END_DATE}.duckdb`);

export async function ensureSmallDemoWorld(): Promise<string> {
  await ensureDemoWorld({ file: DEMO_WORLD_FILE, endDate: DEMO_END_DATE, size: 'small' });
  return DEMO_WORLD_FILE;
}

/**
 * Copies the last `days` days of some demo tables into a new DuckDB file, so that every engine
 * holds exactly the same rows; returns each table's layout for creating it elsewhere.
 */
export async function writeDemoSlice(target: string, tables: string[], days: number): Promise<{ tables: TableSpec[]; firstDay: string }> {
  const source = await ensureSmallDemoWorld();
  const firstDay = addDays(DEMO_END_DATE, -(days - 1));
  const instance = await DuckDBInstance.create(target);
  const connection = await instance.connect();
  const specs: TableSpec[] = [];
  try {
    await connection.run(`ATTACH '${source.replace(/'/g, "''")}' AS demo (READ_ONLY)`);
    for (const table of tables) {
      if (!/^[a-z_]+$/.test(table)) throw new Error(`not a demo table: ${table}`);
      await connection.run(`CREATE TABLE ${table} AS SELECT * FROM demo.main.${table} WHERE event_day >= DATE '${firstDay}'`);
      const columns = (await connection.runAndReadAll(`SELECT column_name, data_type FROM information_schema.columns WHERE table_catalog = current_database() AND table_name = '${table}' ORDER BY ordinal_position`)).getRowObjectsJson();
      specs.push({ name: table, columns: columns.map((c) => ({ name: String(c.column_name), type: kindOf(String(c.data_type)) })) });
    }
    await connection.run('DETACH demo');
    await connection.run('CHECKPOINT');
  } finally {
    connection.closeSync();
    instance.closeSync();
  }
  return { tables: specs, firstDay };
}

function kindOf(type: string): ColumnKind {
  if (type === 'DATE') return 'date';
  if (type.startsWith('TIMESTAMP')) return 'timestamp';
  if (type === 'BOOLEAN') return 'boolean';
  if (/^(TINYINT|SMALLINT|INTEGER|BIGINT|HUGEINT)$/.test(type)) return 'integer';
  if (/^(DECIMAL|DOUBLE|FLOAT|REAL)/.test(type)) return 'decimal';
  return 'string';
}
