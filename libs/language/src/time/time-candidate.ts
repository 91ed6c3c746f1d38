import type { DateSpan, Grain, PeriodUnit, PlanCompare, TimeRange } from '@chatbi/contracts';
import { matchRules, type PhraseMatch, type PhraseRule } from '../text/phrase-rule';

export type CompareKind = PlanCompare['kind'];
export type CompareOutput = 'ratio' | 'diff';

/**
 * What one time-related phrase means; `previous` is 环比, resolved against the grain later. A range
 * is `ahead` when the named period has not fully passed (今年的双十一 in October). `future` names
 * time still to come ("next week", 明天), with its dates where they are known; `unplaced` looks
 * like a time word the reader cannot place ("Q5", 端午).
 */
export type TimeMeaning =
  | { kind: 'range'; range: TimeRange; ahead?: boolean }
  | { kind: 'future'; range?: TimeRange }
  | { kind: 'unplaced' }
  | { kind: 'grain'; grain: Grain }
  | { kind: 'compare'; compare: CompareKind | 'previous' }
  | { kind: 'output'; output: CompareOutput }
  | { kind: 'shift'; shift: RangeShift };

/** Move the range already in view by n units (negative: earlier), as a follow-up asks ("one more day back"). */
export interface RangeShift {
  unit: PeriodUnit;
  n: number;
}

export type TimeCandidate = PhraseMatch<TimeMeaning>;

/** A named period's dates, flagged ahead unless its last day is before today. */
export function namedDates(span: DateSpan, today: string): TimeMeaning {
  const range: TimeRange = { kind: 'absolute', from: span.from, to: span.to };
  return span.to >= today ? { kind: 'range', range, ahead: true } : { kind: 'range', range };
}

/** Rules whose meaning depends on today, compiled once: each match is read for this today, and dropped when it reads as nothing. */
export type DatedRule = PhraseRule<(today: string) => TimeMeaning | undefined>;

export function matchDatedRules(text: string, rules: readonly DatedRule[], today: string): TimeCandidate[] {
  const out: TimeCandidate[] = [];
  for (const m of matchRules(text, rules)) {
    const value = m.value(today);
    if (value) out.push({ ...m, value });
  }
  return out;
}
