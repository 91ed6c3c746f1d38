import type { Catalog, CatalogView } from '@chatbi/catalog';
import type { ViewSelectedMessage } from '@chatbi/contracts';
import type { PlannerInput } from './planner';

/**
 * What a planner is asked for a question whose view is selected: a follow-up as asked, with the
 * previous plan to change; a complete question as resolved, with the conversation's period when
 * it names none.
 */
export function plannerInputOf(message: ViewSelectedMessage, view: CatalogView, catalog: Catalog, today: string): PlannerInput {
  const previousPlan = message.previousPlan;
  return {
    question: previousPlan ? message.question : message.resolvedQuestion,
    view,
    catalog,
    previousPlan,
    ...(message.contextRange && !previousPlan ? { contextRange: message.contextRange } : {}),
    today,
  };
}
