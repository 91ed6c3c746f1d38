import type { Grain, PlanCompare, TimeRange } from '@chatbi/contracts';
import type { PhraseMatch } from '../text/phrase-rule';

export type CompareKind = PlanCompare['kind'];
export type CompareOutput = 'ratio' | 'diff';

/** What one time-related phrase means; `previous` is 环比, resolved against the grain later. */
export type TimeMeaning =
  | { kind: 'range'; range: TimeRange }
  | { kind: 'grain'; grain: Grain }
  | { kind: 'compare'; compare: CompareKind | 'previous' }
  | { kind: 'output'; output: CompareOutput };

export type TimeCandidate = PhraseMatch<TimeMeaning>;
