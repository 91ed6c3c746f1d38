import type { CatalogColumn, CatalogView } from '@chatbi/catalog';
import type { Aggregation, PlanFilter } from '@chatbi/contracts';
import {
  findAggregationWords,
  findListingWords,
  findRatioPhrases,
  spansOverlap,
  type PerPeriodPhrase,
  type RatioPhrase,
  type TextSpan,
} from '@chatbi/language';
import type { ResolvedMention } from './mention-meaning.resolver';
import { isFillerGap, near } from './phrase-distance';
import type { SlotMetric } from './question-slots';

const NUMERIC_TYPES = new Set(['integer', 'decimal']);

export interface MetricWordsInput {
  /** The normalised question; spans index into it. */
  text: string;
  /** The question with catalog terms, time phrases and other phrases blanked out. */
  phraseText: string;
  read: ResolvedMention[];
  view: CatalogView;
  metrics: SlotMetric[];
  filters: PlanFilter[];
  /** Per-day averages and peaks the question names ("average daily", 日均), found with its time phrases. */
  perPeriod: readonly PerPeriodPhrase[];
  /** Ranking phrases: a superlative inside one ranks rows, it is not an aggregation. */
  ranking: readonly TextSpan[];
  /** Metric terms that are a ratio's head word here ("share of"): share phrases the linker took for metrics. */
  ratioHeads: readonly TextSpan[];
  used: TextSpan[];
}

export interface MetricWordsReading {
  metrics: SlotMetric[];
  filters: PlanFilter[];
  /** Mentions that became metrics ("number of distinct creators"): not dimensions any more. */
  consumed: Set<ResolvedMention>;
  /** A count is asked for ("how many", 多少条). */
  asksCount: boolean;
  /** Two aggregates made one (a rate, a share). */
  composed: boolean;
  /** An aggregation was asked for a metric or a column ("average DAU", "the highest price"): one figure per group. */
  aggregated: boolean;
  /** A share was asked for with nothing here to take it of ("what share of all plays is that?"): the previous answer's, in a conversation. */
  shareOfPrevious: boolean;
}

/**
 * The words around metrics that change what is aggregated: an asked aggregation ("the highest
 * price", "average rating", "number of distinct creators"), a per-day roll-up ("average daily
 * searches", 日均DAU), and rates and shares made of two aggregates ("crashes per thousand DAU",
 * "what share of plays came from iOS", 新用户占活跃用户的比例).
 */
export function readMetricWords(input: MetricWordsInput): MetricWordsReading {
  const { text, phraseText, read, used } = input;
  let metrics = input.metrics.map((m) => ({ ...m }));
  let filters = [...input.filters];
  const consumed = new Set<ResolvedMention>();
  let aggregated = false;
  // "show the distinct names of ...", "what are the different cities": in a listing, a bare distinct word lists each value once.
  const listing = findListingWords(input.text) !== undefined;
  const aggregationWords = findAggregationWords(phraseText).filter(
    (w) => !input.ranking.some((r) => spansOverlap(r, w)) && !(listing && /^(?:distinct|different|unique)$/.test(w.text.trim())),
  );
  const asksCount = aggregationWords.some((w) => w.agg === 'count' || w.agg === 'count_distinct');

  for (const word of aggregationWords) {
    if (word.records) {
      used.push(word);
      continue;
    }
    const target = mentionNextTo(text, word, read);
    if (!target) continue;
    if (target.meaning.type === 'metric') {
      const at = metrics.findIndex((m) => m.column === (target.meaning as { column: string }).column);
      const column = columnOf(input.view, metrics[at]?.column);
      if (at < 0 || !column) continue;
      const changed = askedAggregation(metrics[at], column, word.agg, input.view);
      if (changed) {
        metrics[at] = changed;
        used.push(word);
        aggregated = true;
      }
      continue;
    }
    // "number of distinct creators", "how many cities", "the latest date": a column that is not a metric, counted or taken at its extreme.
    const column = countableColumn(target, input.view);
    if (!column) continue;
    const agg = wordOnColumn(word.agg, column);
    if (!agg) continue;
    if (!metrics.some((m) => m.column === column.name && m.agg === agg)) metrics.push({ column: column.name, agg, as: `${agg}_${column.name}`, viaCondition: false });
    consumed.add(target);
    used.push(word);
    aggregated = true;
  }

  const per = input.perPeriod[0];
  if (per && input.view.columns.some((c) => c.role === 'time')) {
    metrics = metrics.map((m) => (m.per || m.over || m.agg ? m : { ...m, per: { grain: per.grain, agg: per.agg } }));
  }

  let composed = false;
  const ratios = [...findRatioPhrases(phraseText), ...input.ratioHeads.map((h) => ({ ...h, kind: 'share' as const }))].sort((a, b) => a.start - b.start);
  for (const ratio of ratios) {
    const result = composeRatio(ratio, read, metrics, filters);
    if (!result) continue;
    metrics = result.metrics;
    filters = result.filters;
    used.push(ratio);
    composed = true;
    break;
  }
  const shareOfPrevious = !composed && ratios.some((r) => r.kind === 'share') && filters.every((f) => !read.some((g) => g.meaning.type === 'value' && (g.meaning as { column: string }).column === f.column));
  if (shareOfPrevious) used.push(...ratios.filter((r) => r.kind === 'share'));
  return { metrics, filters, consumed, asksCount, composed, aggregated, shareOfPrevious };
}

/** The mention an aggregation word is about: right after it ("average rating"), else right before it ("评分的平均值"). */
function mentionNextTo(text: string, word: TextSpan, read: readonly ResolvedMention[]): ResolvedMention | undefined {
  const after = read.find((g) => near(word.end, g.start) && isFillerGap(text.slice(word.end, g.start)));
  if (after) return after;
  return [...read].reverse().find((g) => near(g.end, word.start) && /^\s*(?:的|'s)?\s*$/.test(text.slice(g.end, word.start)));
}

/** An asked aggregation on a metric: a physical metric takes it; a computed one is taken per day (peak DAU, average DAU). */
function askedAggregation(m: SlotMetric, column: CatalogColumn, agg: Aggregation, view: CatalogView): SlotMetric | undefined {
  if (agg === 'count' || agg === 'sum' || agg === 'count_distinct') return undefined;
  if (column.kind === 'physical') return agg === column.agg ? m : { ...m, agg, as: `${agg}_${column.name}` };
  if (!view.columns.some((c) => c.role === 'time')) return undefined;
  return { ...m, per: { grain: 'day', agg: agg === 'avg' ? 'avg' : agg } };
}

/** The column of a mention that can be counted or taken at an extreme: an id first, then a dimension, a time or text column. */
function countableColumn(g: ResolvedMention, view: CatalogView): CatalogColumn | undefined {
  if (g.meaning.type === 'value' || g.meaning.type === 'metric') return undefined;
  const columns = g.mentions
    .filter((m) => m.kind === 'column' && m.view === view.name)
    .map((m) => view.columns.find((c) => c.name === m.column)!)
    .filter(Boolean);
  const rank = (c: CatalogColumn) => ['id', 'dimension', 'time', 'text'].indexOf(c.role);
  return columns.filter((c) => rank(c) >= 0).sort((a, b) => rank(a) - rank(b))[0];
}

function wordOnColumn(agg: Aggregation, column: CatalogColumn): Aggregation | undefined {
  if (agg === 'count' || agg === 'count_distinct') return 'count_distinct';
  if (agg === 'min' || agg === 'max') return column.role === 'text' ? undefined : agg;
  if (agg === 'avg' || agg === 'sum') return NUMERIC_TYPES.has(column.type) ? agg : undefined;
  return undefined;
}

/**
 * A rate or a share: two metrics around "per" / 占 make one ("crashes per thousand DAU": crashes
 * over DAU times 1000); one metric with a value the words single out makes that subset's share of
 * the whole ("share of plays from iOS": plays on iOS over all plays), and the value is no longer a
 * filter of the whole answer.
 */
function composeRatio(
  ratio: RatioPhrase,
  read: readonly ResolvedMention[],
  metrics: SlotMetric[],
  filters: PlanFilter[],
): { metrics: SlotMetric[]; filters: PlanFilter[] } | undefined {
  const named = metrics.filter((m) => !m.viaCondition && !m.over);
  const scale = ratio.scale !== undefined ? { scale: ratio.scale } : {};
  if (named.length >= 2) {
    const metricMentions = read.filter((g) => g.meaning.type === 'metric');
    const before = [...metricMentions].reverse().find((g) => g.end <= ratio.start);
    const after = metricMentions.find((g) => g.start >= ratio.end);
    if (!before || !after) return undefined;
    const columnAt = (g: ResolvedMention) => (g.meaning as { column: string }).column;
    // "share of A among B", A占B: the first named is the part; "A per B": A over B.
    const [part, whole] = [columnAt(before), columnAt(after)];
    if (part === whole) return undefined;
    const partMetric = named.find((m) => m.column === part)!;
    const wholeMetric = named.find((m) => m.column === whole)!;
    const ratioMetric: SlotMetric = {
      ...partMetric,
      over: { column: whole, ...(wholeMetric.agg ? { agg: wholeMetric.agg } : {}), ...(wholeMetric.where ? { where: wholeMetric.where } : {}) },
      ...scale,
      as: `${part}_per_${whole}`.slice(0, 63),
    };
    return { metrics: [ratioMetric, ...metrics.filter((m) => m !== partMetric && m !== wholeMetric)], filters };
  }
  if (ratio.kind !== 'share' || named.length !== 1) return undefined;
  // The subset: the values named (nearest to the share words first); other columns' values stay filters of the whole.
  const values = read.filter((g) => g.meaning.type === 'value');
  if (values.length === 0) return undefined;
  const distance = (g: TextSpan) => Math.min(Math.abs(g.start - ratio.end), Math.abs(ratio.start - g.end));
  const nearest = [...values].sort((a, b) => distance(a) - distance(b))[0];
  const subsetColumn = (nearest.meaning as { column: string }).column;
  const subset = filters.filter((f) => f.column === subsetColumn);
  if (subset.length === 0) return undefined;
  const metric = named[0];
  const share: SlotMetric = {
    ...metric,
    where: [...(metric.where ?? []), ...subset],
    over: { column: metric.column, ...(metric.agg ? { agg: metric.agg } : {}) },
    ...scale,
    as: `${metric.column}_share`,
  };
  return { metrics: metrics.map((m) => (m === metric ? share : m)), filters: filters.filter((f) => !subset.includes(f)) };
}

function columnOf(view: CatalogView, name: string | undefined): CatalogColumn | undefined {
  return name === undefined ? undefined : view.columns.find((c) => c.name === name);
}
