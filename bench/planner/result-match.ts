/**
 * Execution match of an answer against the gold query's result, as in execution accuracy (EX):
 * the rows are compared as multisets (order ignored), every gold column must be matched by a
 * distinct answer column (names ignored, since the answer names columns after the catalog and the
 * gold SQL after its author), and the answer may carry extra columns (a comparison's difference
 * next to its ratio) but not extra rows. Numbers are equal to 6 significant digits, numeric strings
 * (DuckDB's big integers) count as numbers, and a month written YYYY-MM as its first day.
 */

export interface ResultTable {
  columns: string[];
  rows: Record<string, unknown>[];
}

const SIGNIFICANT_DIGITS = 6;
const MAX_ASSIGNMENTS = 5_000;

export function resultsMatch(answer: ResultTable, gold: ResultTable): boolean {
  if (answer.rows.length !== gold.rows.length) return false;
  const goldColumns = gold.columns.map((c) => gold.rows.map((r) => canonical(r[c])));
  const answerColumns = answer.columns.map((c) => answer.rows.map((r) => canonical(r[c])));
  if (goldColumns.length > answerColumns.length) return false;
  if (gold.rows.length === 0) return true;
  // Candidates per gold column: answer columns holding the same multiset of values.
  const bag = (values: string[]) => [...values].sort().join('\u0001');
  const answerBags = answerColumns.map(bag);
  const candidates = goldColumns.map((g) => {
    const key = bag(g);
    return answerBags.flatMap((b, i) => (b === key ? [i] : []));
  });
  if (candidates.some((c) => c.length === 0)) return false;
  const goldRows = bag(gold.rows.map((_, r) => goldColumns.map((col) => col[r]).join('\u0002')));
  let tried = 0;
  const assign = (j: number, used: number[]): boolean => {
    if (j === goldColumns.length) {
      tried++;
      return bag(answer.rows.map((_, r) => used.map((k) => answerColumns[k][r]).join('\u0002'))) === goldRows;
    }
    for (const k of candidates[j]) {
      if (used.includes(k)) continue;
      if (assign(j + 1, [...used, k])) return true;
      if (tried > MAX_ASSIGNMENTS) return false;
    }
    return false;
  };
  return assign(0, []);
}

export function canonical(value: unknown): string {
  if (value === null || value === undefined) return 'null';
  if (typeof value === 'bigint') return `n:${numberKey(Number(value))}`;
  if (typeof value === 'number') return `n:${numberKey(value)}`;
  if (typeof value === 'boolean') return `b:${value}`;
  if (value instanceof Date) return `s:${value.toISOString().slice(0, 10)}`;
  const text = String(value);
  if (/^-?\d+(?:\.\d+)?(?:e[-+]?\d+)?$/i.test(text)) return `n:${numberKey(Number(text))}`;
  if (/^\d{4}-\d{2}$/.test(text)) return `s:${text}-01`;
  const dateTime = /^(\d{4}-\d{2}-\d{2})[T ]00:00:00(?:\.0+)?Z?$/.exec(text);
  if (dateTime) return `s:${dateTime[1]}`;
  return `s:${text}`;
}

function numberKey(n: number): string {
  if (!Number.isFinite(n)) return String(n);
  if (n === 0) return '0';
  return String(Number(n.toPrecision(SIGNIFICANT_DIGITS)));
}
