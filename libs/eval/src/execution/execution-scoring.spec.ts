import { executionMatch, ordersResult } from './execution-match';
import { usefulExecution, type RoledResultSet } from './useful-execution';

const gold = {
  columns: ['event_day', 'dau', 'likes'],
  rows: [
    ['2026-03-01', 10, 5],
    ['2026-03-02', 12, 7.5],
  ],
};

describe('execution accuracy (EX)', () => {
  it('compares rows as a multiset, columns by content in any order, numbers with tolerance', () => {
    const pred = { columns: ['likes', 'd', 'x'], rows: [['7.5000000001', '2026-03-02', '12'], [5, '2026-03-01T00:00:00Z', 10]] };
    expect(executionMatch(pred, gold, { ordered: false })).toBe(true);
    expect(executionMatch(pred, gold, { ordered: true })).toBe(false);
  });

  it('needs the same number of columns and rows and equal values', () => {
    expect(executionMatch({ columns: ['a', 'b'], rows: gold.rows.map((r) => r.slice(0, 2)) }, gold, { ordered: false })).toBe(false);
    expect(executionMatch({ ...gold, rows: [gold.rows[0]] }, gold, { ordered: false })).toBe(false);
    expect(executionMatch({ ...gold, rows: [gold.rows[0], ['2026-03-02', 12, 7.6]] }, gold, { ordered: false })).toBe(false);
    expect(executionMatch({ ...gold, rows: [gold.rows[0], gold.rows[0]] }, gold, { ordered: false })).toBe(false);
  });

  it('tells whether the gold orders its rows (ORDER BY at the top level only)', () => {
    expect(ordersResult('SELECT a FROM t ORDER BY a')).toBe(true);
    expect(ordersResult("SELECT a FROM (SELECT a FROM t ORDER BY a) WHERE b = 'order by'")).toBe(false);
  });
});

describe('useful execution accuracy (UEX)', () => {
  const g: RoledResultSet = { ...gold, roles: ['key', 'metric', 'metric'] };
  const pred = (columns: string[], rows: unknown[][], roles: RoledResultSet['roles']): RoledResultSet => ({ columns, rows, roles });

  it('accepts a subset of the gold metrics over the same keys (the paper\'s interaction metrics)', () => {
    const p = pred(['day', 'likes'], [['2026-03-02', 7.5], ['2026-03-01', 5]], ['key', 'metric']);
    expect(usefulExecution(p, g)).toEqual({ useful: true, reason: 'useful', matchedMetrics: { likes: 'likes' } });
    expect(executionMatch(p, gold, { ordered: false })).toBe(false);
  });

  it('refuses a failed, empty or metric-less answer', () => {
    expect(usefulExecution({ error: 'QUERY_FAILED' }, g).reason).toBe('failed');
    expect(usefulExecution(pred(['day', 'dau'], [], ['key', 'metric']), g).reason).toBe('empty');
    expect(usefulExecution(pred(['day'], [['2026-03-01'], ['2026-03-02']], ['key']), g).reason).toBe('no_metric');
  });

  it('refuses another time range, grain or dimension slice (different key tuples)', () => {
    const otherDays = pred(['day', 'dau'], [['2026-03-02', 12], ['2026-03-03', 9]], ['key', 'metric']);
    expect(usefulExecution(otherDays, g).reason).toBe('different_slice');
    const total = pred(['dau'], [[22]], ['metric']);
    expect(usefulExecution(total, g).reason).toBe('different_slice');
    const extraKey = pred(['day', 'os', 'dau'], [['2026-03-01', 'ios', 10], ['2026-03-02', 'ios', 12]], ['key', 'key', 'metric']);
    expect(usefulExecution(extraKey, g).reason).toBe('different_slice');
  });

  it('refuses values that differ (a missed filter) and metrics the gold lacks', () => {
    const unfiltered = pred(['day', 'dau'], [['2026-03-01', 40], ['2026-03-02', 12]], ['key', 'metric']);
    expect(usefulExecution(unfiltered, g).reason).toBe('metric_mismatch');
    const extra = pred(['day', 'dau', 'shares'], [['2026-03-01', 10, 1], ['2026-03-02', 12, 2]], ['key', 'metric', 'metric']);
    expect(usefulExecution(extra, g).reason).toBe('metric_mismatch');
  });

  it('compares totals without keys, and needs an empty answer for an empty gold', () => {
    const total: RoledResultSet = { columns: ['dau'], rows: [[22]], roles: ['metric'] };
    expect(usefulExecution(pred(['x'], [['22.0000000001']], ['metric']), total).useful).toBe(true);
    const empty: RoledResultSet = { columns: ['dau'], rows: [], roles: ['metric'] };
    expect(usefulExecution(pred(['x'], [[1]], ['metric']), empty).useful).toBe(false);
    expect(usefulExecution(pred(['x'], [], ['metric']), empty).useful).toBe(true);
  });
});
