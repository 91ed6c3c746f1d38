/** A query result as the evaluation compares it: column names in order and rows of values. */
export interface ResultSet {
  columns: string[];
  rows: unknown[][];
}

/** Relative tolerance for numbers: floats computed by different plans differ in the last bits. */
export const NUMERIC_TOLERANCE = 1e-6;

export type Cell = number | string | null;

/**
 * One value in comparable form: numbers (and numeric strings, as warehouses return big integers
 * and decimals) as numbers, booleans as 0/1, dates and timestamps as 'YYYY-MM-DD[ HH:MM:SS]'
 * text, everything else as text.
 */
export function normalizeCell(value: unknown): Cell {
  if (value === null || value === undefined) return null;
  if (typeof value === 'number') return Number.isFinite(value) ? value : String(value);
  if (typeof value === 'bigint') return Number(value);
  if (typeof value === 'boolean') return value ? 1 : 0;
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  if (typeof value === 'string') {
    const s = value.trim();
    if (/^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/.test(s)) return Number(s);
    const ts = /^(\d{4}-\d{2}-\d{2})[T ](\d{2}:\d{2}:\d{2})(?:\.0+)?(?:Z|[+-]00(?::?00)?)?$/.exec(s);
    if (ts) return ts[2] === '00:00:00' ? ts[1] : `${ts[1]} ${ts[2]}`;
    return value;
  }
  return JSON.stringify(value);
}

export function cellsEqual(a: Cell, b: Cell): boolean {
  if (a === null || b === null) return a === b;
  if (typeof a === 'number' && typeof b === 'number') {
    return Math.abs(a - b) <= NUMERIC_TOLERANCE * Math.max(1, Math.abs(a), Math.abs(b));
  }
  return a === b;
}

/** Orders cells: nulls first, then numbers, then text. */
export function compareCells(a: Cell, b: Cell): number {
  if (a === b) return 0;
  if (a === null) return -1;
  if (b === null) return 1;
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  if (typeof a === 'number') return -1;
  if (typeof b === 'number') return 1;
  return a < b ? -1 : 1;
}

export function fromObjects(columns: string[], rows: Record<string, unknown>[]): ResultSet {
  return { columns, rows: rows.map((r) => columns.map((c) => r[c])) };
}
