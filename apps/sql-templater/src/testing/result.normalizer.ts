/**
 * Engines answer the same numbers in different types (BIGINT as a string when large, NUMERIC,
 * DECIMAL with more digits, DOUBLE): rows are compared as plain values, numbers within a relative
 * tolerance that floating-point summation order explains.
 */
export type Cell = string | number | boolean | null;

export function normalizeRows(rows: readonly Record<string, unknown>[], columns: readonly string[]): Cell[][] {
  return rows.map((row) => columns.map((c) => normalizeValue(row[c])));
}

export function normalizeValue(value: unknown): Cell {
  if (value === null || value === undefined) return null;
  if (typeof value === 'number' || typeof value === 'boolean') return value;
  if (typeof value === 'bigint') return Number(value);
  if (typeof value === 'string' && /^-?\d+(\.\d+)?$/.test(value) && value.length > 15) return Number(value);
  return String(value);
}

/** The first difference between two answers, or null when they agree. */
export function firstDifference(expected: Cell[][], actual: Cell[][], columns: readonly string[], relTolerance = 1e-9): string | null {
  if (expected.length !== actual.length) return `${actual.length} rows instead of ${expected.length}`;
  for (let r = 0; r < expected.length; r++) {
    for (let c = 0; c < columns.length; c++) {
      const a = expected[r][c];
      const b = actual[r][c];
      const same =
        typeof a === 'number' && typeof b === 'number'
          ? Math.abs(a - b) <= relTolerance * Math.max(1, Math.abs(a), Math.abs(b))
          : a === b;
      if (!same) return `row ${r}, column ${columns[c]}: ${JSON.stringify(b)} instead of ${JSON.stringify(a)}`;
    }
  }
  return null;
}
