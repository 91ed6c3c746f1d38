import type { CompareOutput, Grain, PlanCompare, PlanFilter, PlanMetric, PlannerReport, PlanSemantic, TimeRange } from '@chatbi/contracts';
import type { RangeShift } from '@chatbi/language';

export type Guess = PlannerReport['guesses'][number];

/** A metric as the question asks for it; `viaCondition` when only a numeric condition names it. */
export type SlotMetric = PlanMetric & { viaCondition: boolean };

/** What one question names, already in the terms of one view; a follow-up overrides only these. */
export interface QuestionSlots {
  /** Metrics in order of mention, with the aggregation, subset, ratio or per-day roll-up the words ask for. */
  metrics: SlotMetric[];
  /** "how many", 多少条: a count is asked for; with no metric named, the view's rows are counted. */
  asksCount: boolean;
  dimensions: string[];
  /** "by city instead": the dimensions replace those of the previous plan. */
  replaceDimensions: boolean;
  /** At most one filter per column and operator kind; columns and values come from the catalog. */
  filters: PlanFilter[];
  range?: TimeRange;
  /** "one more day back": move the previous range (a follow-up that names no range of its own). */
  shift?: RangeShift;
  grain?: Grain;
  /** One figure for the range was asked for (a total, a count, a ranking, a per-day average, a rate): no time grain unless one is named. */
  noGrain: boolean;
  /** A series was asked for in words ("trend", 走势) though no grain was named. */
  series: boolean;
  /** Groups were named with no series word ("clicks last month by OS"): one figure per group, unless a follow-up adds them to a series. */
  groupsOnly: boolean;
  compare: PlanCompare[];
  /** What a comparison answers, from its words (a difference, a ratio, both values), when they say. */
  compareOutput?: CompareOutput;
  /** "new question:", 换个问题: the question stands alone whatever came before. */
  newTopic: boolean;
  /** "what share of all plays is that?": the previous answer as a share of the whole (its value filters become the subset). */
  shareOfPrevious: boolean;
  /** The scale the share words ask for (100 for "percent"). */
  shareScale?: number;
  /** A question about causes or the future, which no query answers. */
  unanswerable?: { reason: 'cause' | 'future'; phrase: string };
  /** A listing question ("the names and cities of our airports"): the columns of the rows it asks for. */
  listColumns?: string[];
  /** "the distinct names of ...": each listed combination once, whatever the rows are. */
  listDistinct?: boolean;
  order?: { by?: string; dir: 'asc' | 'desc' };
  limit?: number;
  /** Per-row judgements of the view's text column ("complained about login"); the instruction is the question's own words. */
  semantic: PlanSemantic[];
  guesses: Guess[];
  unusedWords: string[];
  /** Words next to a dimension's name that are none of its values ("the TV app"). */
  unplacedValues: string[];
  /** Values that are also values of other columns (重庆: a city and a province), by the column read: a follow-up keeps to the column in view. */
  valueColumns: Record<string, string[]>;
  /** Numeric conditions the question names with no metric ("and more than 2000?"): the previous condition's new bound. */
  orphanConditions: { op: PlanFilter['op']; value: PlanFilter['value'] }[];
}
