import type { AskAnswer, ResultRow } from '../api/answerTypes';

export interface ChartSeries {
  /** The metric, or "metric · group" when the answer is grouped by a dimension. */
  name: string;
  /** One value per category, in category order; null where the answer has no row. */
  values: (number | null)[];
}

export interface CategorySeries {
  categories: string[];
  series: ChartSeries[];
}

/**
 * Pivots the rows of a line or bar answer: categories along x (in the order of the rows, which
 * ChatBI orders by time), one series per metric and group-by value.
 */
export function categorySeries(answer: Pick<AskAnswer, 'chart' | 'rows'>): CategorySeries {
  const { chart, rows } = answer;
  const x = chart.x;
  if (!x) return { categories: [], series: [] };
  const groupBy = chart.groupBy ?? [];
  const categories: string[] = [];
  const categoryIndex = new Map<string, number>();
  const groups: string[] = [];
  const groupSeen = new Set<string>();
  for (const row of rows) {
    const category = displayKey(row[x]);
    if (!categoryIndex.has(category)) {
      categoryIndex.set(category, categories.length);
      categories.push(category);
    }
    const group = groupKey(row, groupBy);
    if (!groupSeen.has(group)) {
      groupSeen.add(group);
      groups.push(group);
    }
  }
  const series: ChartSeries[] = [];
  for (const metric of chart.series) {
    for (const group of groups) {
      const values: (number | null)[] = categories.map(() => null);
      for (const row of rows) {
        if (groupKey(row, groupBy) !== group) continue;
        values[categoryIndex.get(displayKey(row[x]))!] = toNumber(row[metric]);
      }
      const name = group ? (chart.series.length > 1 ? `${metric} · ${group}` : group) : metric;
      series.push({ name, values });
    }
  }
  return { categories, series };
}

function groupKey(row: ResultRow, groupBy: string[]): string {
  return groupBy.map((column) => displayKey(row[column])).join(' · ');
}

/** How a category or group value reads on an axis: dates without a midnight time part. */
export function displayKey(value: unknown): string {
  if (value === null || value === undefined) return '(empty)';
  const text = String(value);
  return /^\d{4}-\d{2}-\d{2}T00:00:00(\.0+)?Z?$/.test(text) ? text.slice(0, 10) : text;
}

export function toNumber(value: unknown): number | null {
  if (value === null || value === undefined || value === '') return null;
  const n = typeof value === 'number' ? value : Number(value);
  return Number.isFinite(n) ? n : null;
}

/** More series than this and a chart shows the largest ones, the rest folded into "other". */
export const MAX_SERIES = 8;

export interface TopSeries extends CategorySeries {
  /** How many series were folded away (0 when all are drawn). */
  folded: number;
  /** Whether the folded series were summed into an "other" series (only for metrics that add up). */
  other: boolean;
}

/**
 * Keeps the MAX_SERIES series with the largest totals, largest first. The rest become one "other"
 * series, their sum per category, when the metric adds up (sums, counts); an average or ratio does
 * not, so then they are only left out (the table still has them).
 */
export function topSeries(data: CategorySeries, additive: boolean, limit = MAX_SERIES): TopSeries {
  if (data.series.length <= limit) return { ...data, folded: 0, other: false };
  const total = (s: ChartSeries) => s.values.reduce<number>((sum, v) => sum + (v ?? 0), 0);
  const ranked = [...data.series].sort((a, b) => total(b) - total(a));
  const kept = ranked.slice(0, limit);
  const rest = ranked.slice(limit);
  if (!additive) return { categories: data.categories, series: kept, folded: rest.length, other: false };
  const values = data.categories.map((_, i) => {
    const present = rest.map((s) => s.values[i]).filter((v): v is number => v !== null);
    return present.length > 0 ? present.reduce((sum, v) => sum + v, 0) : null;
  });
  return { categories: data.categories, series: [...kept, { name: `other (${rest.length})`, values }], folded: rest.length, other: true };
}
