import type { CatalogView } from '@chatbi/catalog';
import type { PlanInput, PlanMetric, TimeRange } from '@chatbi/contracts';
import { defaultGrain, seriesGrain } from './default-grain';
import type { QuestionSlots, SlotMetric } from './question-slots';
import { viewCountMetric } from './view-count.metric';
import { holdsEntityRows } from './entity-rows';

/** A plan for a complete question from its slots alone. */
export function buildPlan(slots: QuestionSlots, view: CatalogView, today: string, contextRange?: TimeRange): PlanInput {
  const named = slots.metrics.map(planMetric);
  // "how many feedback messages by category", 各反馈类型分别有多少条: counting with no metric named counts the view's rows;
  // "top 5 search queries" ranks by the view's default metric (the catalog's choice), else by its rows.
  const counted =
    named.length === 0 && slots.asksCount ? viewCountMetric(view) : named.length === 0 && slots.order ? (view.defaultMetric ?? viewCountMetric(view)) : undefined;
  const metrics = counted ? [{ column: counted }] : named;
  const plan: PlanInput = {
    view: view.name,
    metrics,
    dimensions: slots.dimensions,
    filters: slots.filters,
    compare: [],
    order: [],
  };
  const timeColumn = view.columns.find((c) => c.role === 'time');
  if (timeColumn) {
    // With no time named: the conversation's period, else the view's default period (the catalog's choice), else every row.
    // A listing of a column's values with no period named lists every value the column has.
    const range = slots.range ?? contextRange ?? (slots.listColumns?.length ? undefined : view.defaultRange);
    // "last month's revenue, month over month": one named period against the one before, no series.
    const wholePeriodCompared = range?.kind === 'point' && slots.compare.length > 0;
    const oneFigure = slots.noGrain || slots.groupsOnly || wholePeriodCompared;
    const shaped = slots.series ? seriesGrain : defaultGrain;
    const grain = slots.grain ?? (oneFigure || !range ? undefined : shaped(range, today, view.dataLatencyDays));
    plan.time = { column: timeColumn.name, ...(range ? { range } : {}), ...(grain ? { grain } : {}) };
    // The question's own output words ("how much did it change": the difference and the ratio) are more specific than
    // the time parser's reading of a bare "change" (a ratio); a bare "compare" only fills in where the time phrase says nothing.
    const asked = slots.compareOutput;
    plan.compare = slots.compare.map((c) => (asked && (asked !== 'all' || !c.output) ? { ...c, output: asked } : c));
  }
  if (slots.listColumns?.length) {
    // Rows of an entity (a row key, no dates) are listed as they are; values of a fact table's columns once each.
    plan.rows = { columns: slots.listColumns, distinct: Boolean(slots.listDistinct) || !holdsEntityRows(view) };
    plan.metrics = [];
    plan.dimensions = [];
    plan.compare = [];
    if (plan.time) delete plan.time.grain;
  }
  if (slots.order && metrics.length > 0 && !plan.rows) {
    plan.order = [{ by: slots.order.by ?? outputName(metrics[0]), dir: slots.order.dir }];
  }
  // Rows are put in the order of the column the question sorts them by.
  if (slots.order?.by && plan.rows) plan.order = [{ by: slots.order.by, dir: slots.order.dir }];
  if (slots.limit !== undefined) plan.limit = slots.limit;
  if (slots.semantic.length > 0) plan.semantic = slots.semantic;
  return plan;
}

/** A slot metric as the plan writes it. */
export function planMetric({ viaCondition: _, ...metric }: SlotMetric): PlanMetric {
  return metric;
}

/** The answer column a metric comes out as (the plan's order names it). */
export function outputName(m: Pick<PlanMetric, 'column' | 'as' | 'agg'>): string {
  return m.as ?? (m.agg ? `${m.agg}_${m.column}` : m.column);
}
