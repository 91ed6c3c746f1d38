import { categorySeries, displayKey, topSeries } from '../../src/chart/chartSeries';
import { chartKindsFor, chartSpecFor } from '../../src/chart/chartKinds';
import { metricsWithDeltas } from '../../src/chart/comparisons';
import { formatCell } from '../../src/chart/formatters';
import { niceScale } from '../../src/chart/niceTicks';
import { linePath } from '../../src/components/LineChart';
import { recordedAnswer } from '../helpers/fixtures';

describe('categorySeries', () => {
  it('keeps the row order of a time series and pivots a group-by into one series per value', () => {
    const { categories, series } = categorySeries(recordedAnswer('grouped-line'));
    expect(categories).toEqual(['2026-11-18', '2026-11-19', '2026-11-20']);
    expect(series.map((s) => s.name)).toEqual(['large_font', 'lite', 'main', 'white_label']);
    expect(series.find((s) => s.name === 'main')!.values).toEqual([153, 160, 167]);
  });

  it('leaves a gap where a group has no row and names series by metric and group when there are several metrics', () => {
    const data = categorySeries({
      chart: { kind: 'line', x: 'day', series: ['dau', 'new_users'], groupBy: ['os'] },
      rows: [
        { day: '2026-01-01', os: 'ios', dau: 10, new_users: 1 },
        { day: '2026-01-02', os: 'ios', dau: 12, new_users: '2' },
        { day: '2026-01-02', os: 'android', dau: 7, new_users: null },
      ],
    });
    expect(data.series).toEqual([
      { name: 'dau · ios', values: [10, 12] },
      { name: 'dau · android', values: [null, 7] },
      { name: 'new_users · ios', values: [1, 2] },
      { name: 'new_users · android', values: [null, null] },
    ]);
  });

  it('shows midnight timestamps as dates', () => {
    expect(displayKey('2026-11-14T00:00:00.000Z')).toBe('2026-11-14');
    expect(displayKey('2026-11-14T08:30:00Z')).toBe('2026-11-14T08:30:00Z');
    expect(displayKey(null)).toBe('(empty)');
  });
});

describe('metricsWithDeltas', () => {
  it('pairs each comparison column with its metric, period and output', () => {
    expect(metricsWithDeltas(recordedAnswer('number'))).toEqual([
      {
        metric: 'dau',
        value: 153,
        deltas: [
          { column: 'dau_dod', label: 'DoD', output: 'ratio', value: 0.05517241379310345, direction: 'up' },
          { column: 'dau_dod_diff', label: 'DoD', output: 'diff', value: 8, direction: 'up' },
          { column: 'dau_wow', label: 'WoW', output: 'ratio', value: -0.05555555555555555, direction: 'down' },
          { column: 'dau_wow_diff', label: 'WoW', output: 'diff', value: -9, direction: 'down' },
        ],
      },
    ]);
  });

  it('gives a comparison to the longest metric it starts with, and a missing previous period reads flat', () => {
    const result = metricsWithDeltas({
      columns: [
        { name: 'dau', type: 'BIGINT', role: 'metric' },
        { name: 'dau_new', type: 'BIGINT', role: 'metric' },
        { name: 'dau_new_yoy', type: 'DOUBLE', role: 'comparison' },
        { name: 'dau_mom', type: 'DOUBLE', role: 'comparison' },
      ],
      rows: [{ dau: 5, dau_new: 2, dau_new_yoy: null, dau_mom: 0 }],
    });
    expect(result.map((m) => [m.metric, m.deltas.map((d) => `${d.label}:${d.direction}`)])).toEqual([
      ['dau', ['MoM:flat']],
      ['dau_new', ['YoY:flat']],
    ]);
  });
});

describe('niceScale', () => {
  it('uses round steps that cover the values', () => {
    expect(niceScale([145, 203], { includeZero: false })).toEqual({ min: 140, max: 220, ticks: [140, 160, 180, 200, 220] });
  });

  it('starts bars at zero, also for negative values', () => {
    expect(niceScale([23, 39], { includeZero: true }).ticks).toEqual([0, 10, 20, 30, 40]);
    const negative = niceScale([-0.27, 0.05], { includeZero: true });
    expect(negative.min).toBeLessThanOrEqual(-0.27);
    expect(negative.ticks).toContain(0);
  });

  it('copes with one value and with none', () => {
    expect(niceScale([0], { includeZero: true }).ticks.length).toBeGreaterThan(1);
    expect(niceScale([], { includeZero: false }).ticks.length).toBeGreaterThan(1);
  });
});

describe('formatCell and linePath', () => {
  it('formats metrics, ratios and differences of comparisons, and empty cells', () => {
    expect(formatCell(1234567, { name: 'dau', type: 'BIGINT', role: 'metric' })).toBe('1,234,567');
    expect(formatCell('12.5', { name: 'avg', type: 'DECIMAL', role: 'metric' })).toBe('12.5');
    expect(formatCell(0.0437, { name: 'dau_dod', type: 'DOUBLE', role: 'comparison' })).toBe('+4.4%');
    expect(formatCell(-7, { name: 'dau_dod_diff', type: 'BIGINT', role: 'comparison' })).toBe('-7');
    expect(formatCell('2026', { name: 'year', type: 'VARCHAR', role: 'dimension' })).toBe('2026');
    expect(formatCell(null, { name: 'dau', type: 'BIGINT', role: 'metric' })).toBe('–');
  });

  it('breaks the line where a value is missing', () => {
    expect(linePath([1, 2, null, 4], (i) => i * 10, (v) => v)).toBe('M0.0,1.0L10.0,2.0M30.0,4.0');
  });
});

describe('topSeries', () => {
  const series = (n: number) => Array.from({ length: n }, (_, i) => ({ name: `c${i}`, values: [i, i + 1, null] as (number | null)[] }));
  const data = (n: number) => ({ categories: ['d1', 'd2', 'd3'], series: series(n) });

  it('draws every series when there are at most 8', () => {
    expect(topSeries(data(8), true)).toEqual({ ...data(8), folded: 0, other: false });
  });

  it('keeps the 8 largest by total and sums the rest into "other" for a metric that adds up', () => {
    const top = topSeries(data(30), true);
    expect(top.series.map((s) => s.name)).toEqual(['c29', 'c28', 'c27', 'c26', 'c25', 'c24', 'c23', 'c22', 'other (22)']);
    const rest = series(22);
    expect(top.series[8].values).toEqual([rest.reduce((s, x) => s + x.values[0]!, 0), rest.reduce((s, x) => s + x.values[1]!, 0), null]);
    expect(top.folded).toBe(22);
    expect(top.other).toBe(true);
  });

  it('only leaves the rest out for an average, which does not add up', () => {
    const top = topSeries(data(30), false);
    expect(top.series).toHaveLength(8);
    expect(top.series.some((s) => s.name.startsWith('other'))).toBe(false);
    expect(top).toMatchObject({ folded: 22, other: false });
  });
});

describe('chartKindsFor', () => {
  const columns = [
    { name: 'day', type: 'DATE', role: 'time' as const },
    { name: 'city', type: 'VARCHAR', role: 'dimension' as const },
    { name: 'dau', type: 'BIGINT', role: 'metric' as const },
  ];
  const rows = [
    { day: '2026-01-01', city: 'a', dau: 1 },
    { day: '2026-01-02', city: 'a', dau: 2 },
  ];

  it('offers line and bar for a table answer with an x and a metric, and builds their spec from the columns', () => {
    const answer = { chart: { kind: 'table' as const, series: ['dau'] }, columns, rows };
    expect(chartKindsFor(answer)).toEqual(['line', 'bar', 'table']);
    expect(chartSpecFor(answer, 'bar')).toEqual({ kind: 'bar', x: 'day', series: ['dau'], groupBy: ['city'] });
  });

  it('offers the big number for one row, and only the table when nothing can be plotted', () => {
    expect(chartKindsFor({ chart: { kind: 'number', series: ['dau'] }, columns: [columns[2]], rows: [{ dau: 3 }] })).toEqual(['number', 'table']);
    expect(chartKindsFor({ chart: { kind: 'table', series: [] }, columns: [columns[1]], rows })).toEqual(['table']);
  });

  it("keeps ChatBI's own spec when it drew a line", () => {
    const chart = { kind: 'line' as const, x: 'day', series: ['dau'], groupBy: ['city'] };
    expect(chartSpecFor({ chart, columns, rows }, 'bar')).toEqual({ ...chart, kind: 'bar' });
  });
});
