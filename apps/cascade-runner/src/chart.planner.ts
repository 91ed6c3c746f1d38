import type { ChartSpec, Plan, ResultColumn } from '@chatbi/contracts';

/**
 * Picks how an answer is drawn: a line over time, bars across categories, one number (with its
 * comparison deltas) for a single total, a table otherwise.
 */
export function chartFor(plan: Plan, columns: ResultColumn[], rowCount: number): ChartSpec {
  const time = columns.find((c) => c.role === 'time');
  const dimensions = columns.filter((c) => c.role === 'dimension').map((c) => c.name);
  const metrics = columns.filter((c) => c.role === 'metric').map((c) => c.name);
  if (time && rowCount > 1 && dimensions.length <= 1) {
    return { kind: 'line', x: time.name, series: metrics, ...(dimensions.length ? { groupBy: dimensions } : {}) };
  }
  if (!time && dimensions.length === 1 && rowCount > 1) return { kind: 'bar', x: dimensions[0], series: metrics };
  if (!time && dimensions.length === 0 && rowCount === 1) {
    return { kind: 'number', series: [...metrics, ...columns.filter((c) => c.role === 'comparison').map((c) => c.name)] };
  }
  return { kind: 'table', series: metrics };
}
