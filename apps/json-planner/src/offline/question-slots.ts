import type { Grain, PlanCompare, PlanFilter, PlannerReport, TimeRange } from '@chatbi/contracts';

export type Guess = PlannerReport['guesses'][number];

/** What one question names, already in the terms of one view; a follow-up overrides only these. */
export interface QuestionSlots {
  /** Metrics in order of mention; `viaCondition` when only a numeric condition names it. */
  metrics: { column: string; viaCondition: boolean }[];
  dimensions: string[];
  /** "by city instead": the dimensions replace those of the previous plan. */
  replaceDimensions: boolean;
  /** At most one filter per column and operator kind; columns and values come from the catalog. */
  filters: PlanFilter[];
  range?: TimeRange;
  grain?: Grain;
  /** A total or a top-N was asked for: no time grain unless one is named. */
  noGrain: boolean;
  compare: PlanCompare[];
  order?: { by?: string; dir: 'asc' | 'desc' };
  limit?: number;
  guesses: Guess[];
  unusedWords: string[];
}
