import type { Grain, PlanCompare, PlanFilter, PlannerReport, PlanSemantic, TimeRange } from '@chatbi/contracts';
import type { RangeShift } from '@chatbi/language';

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
  /** "one more day back": move the previous range (a follow-up that names no range of its own). */
  shift?: RangeShift;
  grain?: Grain;
  /** A total or a top-N was asked for: no time grain unless one is named. */
  noGrain: boolean;
  compare: PlanCompare[];
  order?: { by?: string; dir: 'asc' | 'desc' };
  limit?: number;
  /** Per-row judgements of the view's text column ("complained about login"); the instruction is the question's own words. */
  semantic: PlanSemantic[];
  guesses: Guess[];
  unusedWords: string[];
}
