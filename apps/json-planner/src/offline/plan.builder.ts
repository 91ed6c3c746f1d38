import type { CatalogView } from '@chatbi/catalog';
import type { PlanInput } from '@chatbi/contracts';
import { defaultGrain } from './default-grain';
import type { QuestionSlots } from './question-slots';

/** With no time named, a question is about the last 7 days. */
export const DEFAULT_RANGE = { kind: 'last', n: 7, unit: 'day' } as const;

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
    const range = slots.range ?? DEFAULT_RANGE;
    // "last month's revenue, month over month": one named period against the one before, no series.
    const wholePeriodCompared = range.kind === 'point' && slots.compare.length > 0;
    const grain = slots.grain ?? (slots.noGrain || wholePeriodCompared ? undefined : defaultGrain(range, today, view.dataLatencyDays));
    plan.time = { column: timeColumn.name, range, ...(grain ? { grain } : {}) };
    plan.compare = slots.compare;
  }
  if (slots.order && metrics.length > 0) {
    plan.order = [{ by: slots.order.by ?? metrics[0].column, dir: slots.order.dir }];
  }
  if (slots.limit !== undefined) plan.limit = slots.limit;
  if (slots.semantic.length > 0) plan.semantic = slots.semantic;
  return plan;
}
