import type { AskAnswer } from '../api/answerTypes';
import { toNumber } from './chartSeries';

const PERIOD_LABELS: Record<string, string> = { dod: 'DoD', wow: 'WoW', mom: 'MoM', qoq: 'QoQ', yoy: 'YoY' };

export interface Delta {
  column: string;
  /** DoD, WoW, MoM, QoQ or YoY. */
  label: string;
  /** ratio: (current - previous) / previous; diff: current - previous. */
  output: 'ratio' | 'diff';
  value: number | null;
  direction: 'up' | 'down' | 'flat';
}

export interface MetricWithDeltas {
  metric: string;
  value: number | null;
  deltas: Delta[];
}

/**
 * A single-number answer: each metric with its comparison columns. ChatBI names them
 * <metric>_<period> (ratio) and <metric>_<period>_diff (difference).
 */
export function metricsWithDeltas(answer: Pick<AskAnswer, 'columns' | 'rows'>): MetricWithDeltas[] {
  const row = answer.rows[0] ?? {};
  const metrics = answer.columns.filter((c) => c.role === 'metric').map((c) => c.name);
  const comparisons = answer.columns.filter((c) => c.role === 'comparison').map((c) => c.name);
  return metrics.map((metric) => ({
    metric,
    value: toNumber(row[metric]),
    deltas: comparisons.flatMap((column) => {
      const parsed = parseComparison(column, metric, metrics);
      if (!parsed) return [];
      const value = toNumber(row[column]);
      const direction = value === null || value === 0 ? 'flat' : value > 0 ? 'up' : 'down';
      return [{ column, ...parsed, value, direction } satisfies Delta];
    }),
  }));
}

function parseComparison(column: string, metric: string, metrics: string[]): Pick<Delta, 'label' | 'output'> | undefined {
  // The longest metric name that prefixes the column owns it (dau vs dau_new).
  const owner = metrics.filter((m) => column.startsWith(`${m}_`)).sort((a, b) => b.length - a.length)[0];
  if (owner !== metric) return undefined;
  const rest = column.slice(metric.length + 1);
  const [period, suffix] = rest.split('_');
  if (!PERIOD_LABELS[period] || (suffix !== undefined && suffix !== 'diff')) return undefined;
  return { label: PERIOD_LABELS[period], output: suffix === 'diff' ? 'diff' : 'ratio' };
}
