import type { CatalogView } from '@chatbi/catalog';
import type { PlanInput } from '@chatbi/contracts';
import { defaultGrain } from './default-grain';
import type { QuestionSlots } from './question-slots';

/** A plan for a complete question from its slots alone. */
export function buildPlan(slots: QuestionSlots, view: CatalogView, today: string): PlanInput {
  const metrics = slots.metrics.map((m) => ({ column: m.column }));
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
    // With no time named, the view's default period (the catalog's choice), else every row.
    const range = slots.range ?? view.defaultRange;
    // "last month's revenue, month over month": one named period against the one before, no series.
    const wholePeriodCompared = range?.kind === 'point' && slots.compare.length > 0;
    const grain = slots.grain ?? (slots.noGrain || wholePeriodCompared || !range ? undefined : defaultGrain(range, today, view.dataLatencyDays));
    plan.time = { column: timeColumn.name, ...(range ? { range } : {}), ...(grain ? { grain } : {}) };
    plan.compare = slots.compare;
  }
  if (slots.order && metrics.length > 0) {
    plan.order = [{ by: slots.order.by ?? metrics[0].column, dir: slots.order.dir }];
  }
  if (slots.limit !== undefined) plan.limit = slots.limit;
  if (slots.semantic.length > 0) plan.semantic = slots.semantic;
  return plan;
}
