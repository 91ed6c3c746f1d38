import { compareRows, normalizeRows } from './execution-match';
import { cellsEqual, type Cell, type ResultSet } from './result-set';

/** What a result column is to UEX: a key (time bucket or dimension) or a metric value. */
export type ColumnRole = 'key' | 'metric';

export interface RoledResultSet extends ResultSet {
  roles: ColumnRole[];
}

export type UsefulnessReason = 'useful' | 'failed' | 'empty' | 'different_slice' | 'no_metric' | 'metric_mismatch';

export interface Usefulness {
  useful: boolean;
  reason: UsefulnessReason;
  /** Prediction metric column -> the gold column it equals, for the useful ones. */
  matchedMetrics: Record<string, string>;
}

/**
 * Useful execution accuracy (UEX), the paper's metric made automatic. A prediction is useful when
 *   1. it executed;
 *   2. it returns rows whenever the gold does (an empty gold needs an empty answer);
 *   3. it covers the gold's slice: its key columns (time buckets, dimensions) pair one-to-one
 *      with the gold's, and the two results hold the same set of key tuples — the same days or
 *      periods, the same dimension values, hence the gold's time range, grain and dimension
 *      filters (with no key columns on either side, both are one total);
 *   4. its metric columns (metrics and comparisons) are a non-empty subset of the gold's: each
 *      one equals a different gold metric column on every key tuple, within a relative 1e-6.
 *      Equal values over the same keys are what show that the gold's value filters and time
 *      range were applied; a missing metric is forgiven (the paper's "interaction metrics" asked,
 *      likes and shares answered), an extra or wrong one is not.
 * Order and column names do not matter. EX implies UEX when roles agree; UEX does not imply EX.
 */
export function usefulExecution(pred: RoledResultSet | { error: string }, gold: RoledResultSet): Usefulness {
  const none = (reason: UsefulnessReason): Usefulness => ({ useful: false, reason, matchedMetrics: {} });
  if ('error' in pred) return none('failed');
  const p = normalizeRows(pred.rows);
  const g = normalizeRows(gold.rows);
  if (g.length > 0 && p.length === 0) return none('empty');
  if (g.length === 0) return p.length === 0 ? { useful: true, reason: 'useful', matchedMetrics: {} } : none('different_slice');

  const pKeys = indexesOf(pred.roles, 'key');
  const gKeys = indexesOf(gold.roles, 'key');
  const pMetrics = indexesOf(pred.roles, 'metric');
  const gMetrics = indexesOf(gold.roles, 'metric');
  if (pMetrics.length === 0) return none('no_metric');
  if (pKeys.length !== gKeys.length) return none('different_slice');

  for (const order of permutations(pKeys)) {
    const pIndex = indexByKey(p, order);
    const gIndex = indexByKey(g, gKeys);
    if (!pIndex || !gIndex || !sameKeySets(pIndex, gIndex)) continue;
    const keys = [...gIndex.keys()];
    const column = (rows: Map<string, Cell[]>, j: number) => keys.map((k) => rows.get(k)![j]);
    const matched = matchMetrics(
      pMetrics.map((j) => column(pIndex, j)),
      gMetrics.map((j) => column(gIndex, j)),
    );
    if (!matched) return none('metric_mismatch');
    const names: Record<string, string> = {};
    matched.forEach((gi, pi) => (names[pred.columns[pMetrics[pi]]] = gold.columns[gMetrics[gi]]));
    return { useful: true, reason: 'useful', matchedMetrics: names };
  }
  return none('different_slice');
}

function indexesOf(roles: ColumnRole[], role: ColumnRole): number[] {
  return roles.flatMap((r, i) => (r === role ? [i] : []));
}

/** Rows by their key tuple; undefined when a key tuple repeats (the keys do not identify rows). */
function indexByKey(rows: Cell[][], keys: number[]): Map<string, Cell[]> | undefined {
  const out = new Map<string, Cell[]>();
  for (const row of rows) {
    const key = JSON.stringify(keys.map((k) => canonicalKey(row[k])));
    if (out.has(key)) return undefined;
    out.set(key, row);
  }
  return out;
}

function canonicalKey(cell: Cell): Cell {
  return typeof cell === 'number' ? Number(cell.toPrecision(12)) : cell;
}

function sameKeySets(a: Map<string, Cell[]>, b: Map<string, Cell[]>): boolean {
  return a.size === b.size && [...a.keys()].every((k) => b.has(k));
}

/** An injective map from each prediction column to an equal gold column, or undefined. */
function matchMetrics(pred: Cell[][], gold: Cell[][]): number[] | undefined {
  const equal = (a: Cell[], b: Cell[]) => a.every((x, i) => cellsEqual(x, b[i]));
  const options = pred.map((pc) => gold.flatMap((gc, j) => (equal(pc, gc) ? [j] : [])));
  const chosen: number[] = [];
  const used = new Set<number>();
  const search = (i: number): boolean => {
    if (i === pred.length) return true;
    for (const j of options[i]) {
      if (used.has(j)) continue;
      used.add(j);
      chosen[i] = j;
      if (search(i + 1)) return true;
      used.delete(j);
    }
    return false;
  };
  return search(0) ? chosen : undefined;
}

function* permutations(items: number[]): Generator<number[]> {
  if (items.length <= 1) {
    yield items;
    return;
  }
  for (let i = 0; i < items.length; i++) {
    for (const rest of permutations([...items.slice(0, i), ...items.slice(i + 1)])) yield [items[i], ...rest];
  }
}

/** Sorts rows for display and stable comparison. */
export function sortRows(rows: Cell[][]): Cell[][] {
  return [...rows].sort(compareRows);
}
