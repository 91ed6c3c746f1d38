import { copyFileSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import YAML from 'yaml';
import type { CatalogFile, ColumnDefinition, EnumValue, ViewDefinition } from '@chatbi/catalog';
import type { SpiderTablesEntry } from './spider-tables.reader';

/** Where each column of a catalog view comes from, to write a plan back as Spider-style SQL. */
export interface BootstrappedView {
  name: string;
  /** Tables of the view; the first is T1, the second T2. */
  tables: string[];
  /** For a join view: the key columns, "T1.a = T2.b". */
  join?: { left: string; right: string };
  /** Catalog column -> [table index, original column]. */
  columns: Record<string, [number, string]>;
  /** Catalog virtual column -> SQL over qualified columns. */
  virtual: Record<string, string>;
}

export interface BootstrappedCatalog {
  catalog: CatalogFile;
  /** CREATE VIEW statements for the join views, in SQLite. */
  ddl: string[];
  views: BootstrappedView[];
}

const MAX_ENUM_VALUES = 200;

/**
 * Drafts a catalog for a Spider database the way a DBA following ChatBI would: one view per
 * table, plus one view along each declared foreign key joining the two tables (single view
 * selection then answers questions that need that join). Roles come from the schema: keys are
 * ids, numbers are metrics (years are dimensions), text is a dimension whose distinct values
 * (up to 200) become enum values. Every view counts its rows (count(*)) as a virtual metric.
 */
export function bootstrapSpiderCatalog(entry: SpiderTablesEntry, sqliteFile: string): BootstrappedCatalog {
  const db = new Database(sqliteFile, { readonly: true, fileMustExist: true });
  try {
    const views: ViewDefinition[] = [];
    const mapped: BootstrappedView[] = [];
    const ddl: string[] = [];
    const keyColumns = new Set<number>([...entry.primary_keys.flat(), ...entry.foreign_keys.flat()]);
    const columnsOf = (t: number) => entry.column_names_original.map((c, i) => ({ i, table: c[0], name: c[1] })).filter((c) => c.table === t);

    entry.table_names_original.forEach((table, t) => {
      const viewName = identifier(table);
      const columns: ColumnDefinition[] = [];
      const origin: BootstrappedView['columns'] = {};
      for (const c of columnsOf(t)) {
        const name = identifier(c.name);
        columns.push(columnDefinition(db, entry, c.i, table, c.name, name, keyColumns));
        origin[name] = [0, c.name];
      }
      const count = `${viewName}_count`.slice(0, 63);
      views.push({
        name: viewName,
        source: table,
        description: `Table ${entry.table_names[t]} of the ${entry.db_id} database: one row per ${singular(entry.table_names[t])}.`,
        aliases: { en: unique([entry.table_names[t], table]), zh: [] },
        settings: {},
        columns,
        virtual_columns: [countColumn(count, entry.table_names[t])],
      });
      mapped.push({ name: viewName, tables: [table], columns: origin, virtual: { [count]: 'count(*)' } });
    });

    const used = new Set(views.map((v) => v.name));
    for (const [fromColumn, toColumn] of entry.foreign_keys) {
      const [ft, fc] = entry.column_names_original[fromColumn];
      const [tt, tc] = entry.column_names_original[toColumn];
      if (ft === tt) continue;
      const left = entry.table_names_original[ft];
      const right = entry.table_names_original[tt];
      let name = identifier(`${left}_${right}`);
      if (used.has(name)) name = identifier(`${left}_${right}_by_${fc}`);
      used.add(name);
      const leftNames = new Set(columnsOf(ft).map((c) => identifier(c.name)));
      const rightNames = new Set(columnsOf(tt).map((c) => identifier(c.name)));
      const columns: ColumnDefinition[] = [];
      const origin: BootstrappedView['columns'] = {};
      const select: string[] = [];
      for (const [side, t, others] of [[0, ft, rightNames], [1, tt, leftNames]] as const) {
        const table = entry.table_names_original[t];
        for (const c of columnsOf(t)) {
          if (side === 1 && c.i === toColumn) continue; // the key is already there from the left side
          const plain = identifier(c.name);
          const column = others.has(plain) && !(side === 0 && c.i === fromColumn) ? identifier(`${table}_${c.name}`) : plain;
          columns.push(columnDefinition(db, entry, c.i, table, c.name, column, keyColumns));
          origin[column] = [side, c.name];
          select.push(`T${side + 1}.${quote(c.name)} AS ${quote(column)}`);
        }
      }
      const count = `${name}_count`.slice(0, 63);
      views.push({
        name,
        source: name,
        description: `${entry.table_names[ft]} joined with ${entry.table_names[tt]} on ${entry.column_names[fromColumn][1]} (${entry.db_id}).`,
        aliases: { en: unique([`${entry.table_names[ft]} and ${entry.table_names[tt]}`, `${entry.table_names[ft]} with ${entry.table_names[tt]}`]), zh: [] },
        settings: {},
        columns,
        virtual_columns: [countColumn(count, entry.table_names[ft])],
      });
      ddl.push(
        `CREATE VIEW ${quote(name)} AS SELECT ${select.join(', ')} FROM ${quote(left)} AS T1 JOIN ${quote(right)} AS T2 ON T1.${quote(fc)} = T2.${quote(tc)}`,
      );
      mapped.push({ name, tables: [left, right], join: { left: `T1.${fc}`, right: `T2.${tc}` }, columns: origin, virtual: { [count]: 'count(*)' } });
    }
    return { catalog: { version: 1, settings: {}, views, relationships: [], access: [] }, ddl, views: mapped };
  } finally {
    db.close();
  }
}

/**
 * Copies the database into dir, creates the join views there (as the DBA would) and writes the
 * catalog YAML beside it. Returns the paths to start the embedded app with.
 */
export function prepareSpiderWarehouse(
  entry: SpiderTablesEntry,
  sqliteFile: string,
  dir: string,
): { warehouseFile: string; catalogDir: string; bootstrapped: BootstrappedCatalog } {
  const bootstrapped = bootstrapSpiderCatalog(entry, sqliteFile);
  const catalogDir = join(dir, 'catalog');
  mkdirSync(catalogDir, { recursive: true });
  const warehouseFile = join(dir, `${entry.db_id}.sqlite`);
  copyFileSync(sqliteFile, warehouseFile);
  const db = new Database(warehouseFile);
  try {
    for (const statement of bootstrapped.ddl) db.exec(statement);
  } finally {
    db.close();
  }
  writeFileSync(join(catalogDir, `${entry.db_id}.yaml`), YAML.stringify(bootstrapped.catalog, { lineWidth: 0 }));
  return { warehouseFile, catalogDir, bootstrapped };
}

function columnDefinition(
  db: Database.Database,
  entry: SpiderTablesEntry,
  index: number,
  table: string,
  original: string,
  name: string,
  keys: Set<number>,
): ColumnDefinition {
  const natural = entry.column_names[index][1];
  const type = entry.column_types[index];
  const tableNatural = entry.table_names[entry.column_names_original[index][0]];
  const aliases = { en: unique([natural, original.replace(/_/g, ' '), `${singular(tableNatural)} ${natural}`]).filter((a) => a.length <= 100), zh: [] };
  const description = `${natural} of the ${singular(tableNatural)}`;
  const isKey = keys.has(index) || /(^|_| )id$/i.test(original) || /^uid$/i.test(original);
  if (type === 'number' && !isKey && !/year/i.test(original)) {
    return { name, type: 'decimal', role: 'metric', description, aliases, agg: 'sum' };
  }
  if (type === 'number' && isKey) return { name, type: 'integer', role: 'id', description, aliases };
  const values = distinctValues(db, table, original);
  const kind = type === 'number' ? 'integer' : 'string';
  return {
    name,
    type: kind,
    role: 'dimension',
    description,
    aliases,
    ...(values.length > 0 && values.length <= MAX_ENUM_VALUES ? { values } : {}),
  };
}

function distinctValues(db: Database.Database, table: string, column: string): EnumValue[] {
  const rows = db
    .prepare(`SELECT DISTINCT ${quote(column)} AS v FROM ${quote(table)} WHERE ${quote(column)} IS NOT NULL LIMIT ${MAX_ENUM_VALUES + 1}`)
    .all() as { v: unknown }[];
  const out: EnumValue[] = [];
  for (const { v } of rows) {
    if (typeof v === 'number') out.push({ value: v, aliases: { en: [], zh: [] } });
    else if (typeof v === 'string' && v.trim().length > 0 && v.length <= 200) {
      const alias = v.trim();
      out.push({ value: v, aliases: { en: alias.length <= 100 ? [alias] : [], zh: [] } });
    }
  }
  return out.length > MAX_ENUM_VALUES ? [] : out;
}

function countColumn(key: string, tableNatural: string): ViewDefinition['virtual_columns'][number] {
  const plural = pluralOf(tableNatural);
  return {
    key,
    expr: 'count(*)',
    role: 'metric',
    type: 'integer',
    description: `Number of ${plural}`,
    aliases: { en: unique([`number of ${plural}`, `count of ${plural}`, `how many ${plural}`, `${singular(tableNatural)} count`]), zh: [] },
  };
}

/** A catalog identifier for a schema name: lower case, letters, digits and _. */
export function identifier(name: string): string {
  const clean = name.toLowerCase().replace(/[^a-z0-9_]+/g, '_').replace(/^_+|_+$/g, '') || 'x';
  return (/^[a-z_]/.test(clean) ? clean : `_${clean}`).slice(0, 63);
}

function quote(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}

function singular(word: string): string {
  return word.endsWith('ies') ? `${word.slice(0, -3)}y` : word.endsWith('s') ? word.slice(0, -1) : word;
}

function pluralOf(word: string): string {
  const one = singular(word);
  return one.endsWith('y') ? `${one.slice(0, -1)}ies` : `${one}s`;
}

function unique(items: string[]): string[] {
  return [...new Set(items.map((s) => s.trim()).filter((s) => s.length > 0))];
}
