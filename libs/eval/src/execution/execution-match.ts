import { cellsEqual, compareCells, normalizeCell, type Cell, type ResultSet } from './result-set';

export interface ExecutionMatchOptions {
  /** The gold query orders its rows (a top-level ORDER BY): then row order must agree too. */
  ordered: boolean;
}

/**
 * Execution accuracy (EX): the prediction returns the gold's result. Rows are compared as a
 * multiset, or as a sequence when the gold orders them; columns are matched by content, in any
 * order (names do not count, as in Spider), and there must be as many as the gold has; numbers
 * agree within a relative 1e-6.
 */
export function executionMatch(pred: ResultSet, gold: ResultSet, options: ExecutionMatchOptions): boolean {
  if (pred.columns.length !== gold.columns.length || pred.rows.length !== gold.rows.length) return false;
  const p = normalizeRows(pred.rows);
  const g = normalizeRows(gold.rows);
  if (g.length === 0) return true;
  const width = gold.columns.length;
  const candidates = Array.from({ length: width }, (_, j) => {
    const goldColumn = sortedColumn(g, j);
    return Array.from({ length: width }, (_, k) => k).filter((k) => sameCells(sortedColumn(p, k), goldColumn));
  });
  const assignment: number[] = [];
  const taken = new Set<number>();
  const search = (j: number): boolean => {
    if (j === width) return rowsMatch(p.map((row) => assignment.map((k) => row[k])), g, options.ordered);
    for (const k of candidates[j]) {
      if (taken.has(k)) continue;
      taken.add(k);
      assignment[j] = k;
      if (search(j + 1)) return true;
      taken.delete(k);
    }
    return false;
  };
  return search(0);
}

export function normalizeRows(rows: unknown[][]): Cell[][] {
  return rows.map((r) => r.map(normalizeCell));
}

export function rowsMatch(pred: Cell[][], gold: Cell[][], ordered: boolean): boolean {
  if (pred.length !== gold.length) return false;
  const a = ordered ? pred : [...pred].sort(compareRows);
  const b = ordered ? gold : [...gold].sort(compareRows);
  return a.every((row, i) => sameCells(row, b[i]));
}

export function compareRows(a: Cell[], b: Cell[]): number {
  for (let i = 0; i < a.length; i++) {
    const c = compareCells(a[i], b[i]);
    if (c !== 0) return c;
  }
  return 0;
}

function sortedColumn(rows: Cell[][], j: number): Cell[] {
  return rows.map((r) => r[j]).sort(compareCells);
}

function sameCells(a: Cell[], b: Cell[]): boolean {
  return a.length === b.length && a.every((x, i) => cellsEqual(x, b[i]));
}

/** True when the statement orders its result: ORDER BY outside any parentheses and string literals. */
export function ordersResult(sql: string): boolean {
  let depth = 0;
  const text = sql.replace(/'(?:[^']|'')*'|"(?:[^"]|"")*"/g, "''").toLowerCase();
  let top = '';
  for (const ch of text) {
    if (ch === '(') depth++;
    else if (ch === ')') depth--;
    else if (depth === 0) top += ch;
  }
  return /\border\s+by\b/.test(top);
}
