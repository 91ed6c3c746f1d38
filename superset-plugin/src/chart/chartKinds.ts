import type { AskAnswer, ChartKind, ChartSpec } from '../api/answerTypes';

type Shape = Pick<AskAnswer, 'chart' | 'columns' | 'rows'>;

/**
 * The ways an answer can be drawn: ChatBI's own choice first, a line or bars where there is an x
 * (a time or dimension column) and a metric, a big number for a single row, and always the table.
 */
export function chartKindsFor(answer: Shape): ChartKind[] {
  const kinds = new Set<ChartKind>([answer.chart.kind]);
  if (plottedSpec(answer)) {
    kinds.add('line');
    kinds.add('bar');
  }
  if (answer.rows.length === 1 && answer.columns.some((c) => c.role === 'metric')) kinds.add('number');
  kinds.add('table');
  return (['line', 'bar', 'number', 'table'] as const).filter((k) => kinds.has(k));
}

/** The chart spec for a kind: ChatBI's own when it drew that kind of plot, else one built from the columns. */
export function chartSpecFor(answer: Shape, kind: ChartKind): ChartSpec {
  if (kind === 'line' || kind === 'bar') return { ...(plottedSpec(answer) ?? answer.chart), kind };
  return { ...answer.chart, kind };
}

function plottedSpec(answer: Shape): ChartSpec | undefined {
  if (answer.chart.x && answer.chart.series.length > 0) return answer.chart;
  const x = answer.columns.find((c) => c.role === 'time') ?? answer.columns.find((c) => c.role === 'dimension');
  const series = answer.columns.filter((c) => c.role === 'metric').map((c) => c.name);
  if (!x || series.length === 0 || answer.rows.length < 2) return undefined;
  const groupBy = answer.columns.filter((c) => c.role === 'dimension' && c.name !== x.name).map((c) => c.name);
  return { kind: answer.chart.kind, x: x.name, series, ...(groupBy.length > 0 ? { groupBy } : {}) };
}
