import Database from 'better-sqlite3';

/**
 * Table and column names of one Spider database, lower-cased, as the scorer resolves them. Built
 * from the SQLite file itself (tables in sqlite_master order), as Spider's scorer does.
 */
export class SpiderSchema {
  private readonly columnsByTable: Map<string, string[]>;

  constructor(tables: Record<string, string[]>) {
    this.columnsByTable = new Map(Object.entries(tables).map(([t, cs]) => [t.toLowerCase(), cs.map((c) => c.toLowerCase())]));
  }

  static fromSqliteFile(file: string): SpiderSchema {
    const db = new Database(file, { readonly: true, fileMustExist: true });
    try {
      const tables = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").all() as { name: string }[];
      const out: Record<string, string[]> = {};
      for (const { name } of tables) {
        const columns = db.prepare(`PRAGMA table_info("${name.replace(/"/g, '""')}")`).all() as { name: string }[];
        out[name.toLowerCase()] = columns.map((c) => c.name);
      }
      return new SpiderSchema(out);
    } finally {
      db.close();
    }
  }

  tables(): string[] {
    return [...this.columnsByTable.keys()];
  }

  hasTable(table: string): boolean {
    return this.columnsByTable.has(table);
  }

  hasColumn(table: string, column: string): boolean {
    return this.columnsByTable.get(table)?.includes(column) ?? false;
  }

  /** Columns of a table as ids ("__table.column__"). */
  columnIds(table: string): string[] {
    return (this.columnsByTable.get(table) ?? []).map((c) => columnId(table, c));
  }
}

export const ALL_COLUMNS = '__all__';

export function columnId(table: string, column: string): string {
  return `__${table.toLowerCase()}.${column.toLowerCase()}__`;
}

export function tableId(table: string): string {
  return `__${table.toLowerCase()}__`;
}
