import type { Catalog, CatalogView } from '@chatbi/catalog';
import type { Plan, PlannerReport, TimeRange } from '@chatbi/contracts';

export interface PlannerInput {
  /** The complete question (or the follow-up, when previousPlan is given). */
  question: string;
  /** The one view the plan may use; a planner sees only its columns. */
  view: CatalogView;
  catalog: Catalog;
  /** The plan of the latest complete question, for follow-ups: slots the question names override it. */
  previousPlan?: Plan;
  /** A question that stands alone and names no period, asked in a conversation: the conversation's period. */
  contextRange?: TimeRange;
  /** Today's date (YYYY-MM-DD) in the warehouse's calendar. */
  today: string;
}

export interface PlannerOutput {
  plan: Plan;
  report: PlannerReport;
  /** Said with the answer: e.g. that the Claude planner failed and the offline planner answered. */
  warnings?: string[];
}

/** Turns a question and one view into a JSON plan. Throws ChatbiError when it cannot. */
export interface Planner {
  readonly name: string;
  plan(input: PlannerInput): Promise<PlannerOutput>;
}

export const PLANNER = Symbol('PLANNER');
