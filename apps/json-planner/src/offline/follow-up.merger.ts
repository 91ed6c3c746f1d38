import type { CatalogView } from '@chatbi/catalog';
import type { Plan, PlanFilter, PlanInput } from '@chatbi/contracts';
import { defaultGrain, seriesGrain } from './default-grain';
import { shiftRange } from './range-shift';
import { outputName, planMetric } from './plan.builder';
import type { QuestionSlots } from './question-slots';

/**
 * A follow-up ("what about the lite app?", "by city instead", 天津呢?) starts from the previous
 * plan and overrides exactly the slots it names: a value of a filtered column replaces the old
 * value, a named metric replaces the metrics, a range replaces the range, comparisons and
 * dimensions are added (dimensions replaced with "instead"), a top-N replaces the order, and a
 * move ("one more day back") shifts the previous range.
 */
export function mergeFollowUp(previous: Plan, slots: QuestionSlots, view: CatalogView, today: string): PlanInput {
  const named = slots.metrics.filter((m) => !m.viaCondition).map(planMetric);
  const viaCondition = slots.metrics.filter((m) => m.viaCondition).map(planMetric);
  const metrics = uniqueBy([...(named.length > 0 ? named : previous.metrics), ...viaCondition], outputName);

  // 重庆 is a city and a province: after a city, "what about 重庆?" means the city.
  const inView = new Set(previous.filters.map((f) => f.column));
  const namedFilters = slots.filters.map((f) => {
    const other = inView.has(f.column) ? undefined : slots.valueColumns[f.column]?.find((c) => inView.has(c));
    return other ? { ...f, column: other } : f;
  });
  const replaced = new Set(namedFilters.map((f) => f.column));
  let filters: PlanFilter[] = [...previous.filters.filter((f) => !replaced.has(f.column)), ...namedFilters];
  // "and more than 2000?": the condition on a metric in view takes the new bound.
  for (const bound of slots.orphanConditions) {
    const metricColumns = new Set(previous.metrics.map((m) => m.column));
    const at = filters.findIndex((f) => metricColumns.has(f.column) && f.op !== '=' && f.op !== 'in');
    if (at >= 0) filters = filters.map((f, i) => (i === at ? { ...f, op: bound.op, value: bound.value } : f));
    else if (previous.metrics[0]) filters.push({ column: previous.metrics[0].column, op: bound.op, value: bound.value });
  }

  const dimensions =
    slots.replaceDimensions && slots.dimensions.length > 0 ? slots.dimensions : unique([...previous.dimensions, ...slots.dimensions]);

  const plan: PlanInput = { ...previous, metrics, filters, dimensions };
  // "what share of all plays is that?": the previous answer's values become the subset of a share of the whole.
  const subset = previous.filters.filter((f) => (f.op === '=' || f.op === 'in') && view.columns.find((c) => c.name === f.column)?.role === 'dimension');
  if (slots.shareOfPrevious && subset.length > 0 && metrics.length === 1 && !metrics[0].over) {
    const m = metrics[0];
    plan.metrics = [{ column: m.column, ...(m.agg ? { agg: m.agg } : {}), where: subset, over: { column: m.column, ...(m.agg ? { agg: m.agg } : {}) }, as: `${m.column}_share` }];
    plan.filters = filters.filter((f) => !subset.includes(f));
  }
  if (previous.time) {
    const shifted = !slots.range && slots.shift && previous.time.range ? shiftRange(previous.time.range, slots.shift, today, view.dataLatencyDays) : undefined;
    const range = slots.range ?? shifted ?? previous.time.range;
    let grain = previous.time.grain;
    if (slots.grain) grain = slots.grain;
    else if (slots.noGrain) grain = undefined;
    else if (slots.range) {
      const wasTopOrTotal = previous.time.grain === undefined && (previous.limit !== undefined || previous.order.length > 0);
      // A new period keeps the answer's shape: a series stays a series over it.
      const shaped = previous.time.grain || slots.series ? seriesGrain : defaultGrain;
      grain = wasTopOrTotal ? undefined : shaped(slots.range, today, view.dataLatencyDays);
    }
    plan.time = { column: previous.time.column, ...(range ? { range } : {}), ...(grain ? { grain } : {}) };
    const compare = [...previous.compare];
    for (const c of slots.compare) {
      const at = compare.findIndex((p) => p.kind === c.kind);
      if (at >= 0) compare[at] = c;
      else compare.push(c);
    }
    plan.compare = compare;
  }

  if (slots.order) {
    plan.order = [{ by: slots.order.by ?? (metrics[0] ? outputName(metrics[0]) : ''), dir: slots.order.dir }];
    // "and the lowest?" turns the ranking around and keeps its length; "now top 10" gives a new one.
    plan.limit = slots.limit ?? previous.limit;
  }
  // An order by a metric that the follow-up replaced follows the new first metric.
  const outputs = new Set([...metrics.map(outputName), ...dimensions]);
  plan.order = (plan.order ?? []).map((o) => (outputs.has(o.by) || !metrics[0] ? o : { ...o, by: outputName(metrics[0]) }));
  if (plan.limit === undefined) delete plan.limit;
  // A follow-up naming its own judgement ("what about those complaining about ads?") replaces the previous one.
  if (slots.semantic.length > 0) plan.semantic = slots.semantic;
  return plan;
}

function unique<T>(items: T[]): T[] {
  return [...new Set(items)];
}

function uniqueBy<T>(items: T[], key: (item: T) => string): T[] {
  const seen = new Set<string>();
  return items.filter((item) => {
    const k = key(item);
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}
