import type { Grain, PlanCompare, TimeRange } from '@chatbi/contracts';
import { normalizeText } from '../text/text-normalizer';
import { selectLongest, type TextSpan } from '../text/text-span';
import { parseComparisonExpressions } from './comparison-expression.parser';
import { parseDateExpressions } from './date-expression.parser';
import { parseFestivalExpressions } from './festival-expression.parser';
import { parseFutureExpressions } from './future-expression.parser';
import { parseGrainExpressions } from './grain-expression.parser';
import { parseHalfYearExpressions } from './half-year-expression.parser';
import { parsePeriodExpressions } from './period-expression.parser';
import { parseRelativeShifts } from './relative-shift.parser';
import { parseUnplacedTimeWords } from './unplaced-time.parser';
import { parseWeekdayExpressions } from './weekday-expression.parser';
import type { CompareKind, RangeShift, TimeCandidate, TimeMeaning } from './time-candidate';

/** What a phrase in `matches` was read as: future and unplaced words are reported apart. */
export type TimeMatchKind = Exclude<TimeMeaning['kind'], 'future' | 'unplaced'>;

export interface TimeMatch extends TextSpan {
  kind: TimeMatchKind;
}

/** A phrase naming time that has not (fully) passed, with its dates when the reader can place them. */
export interface FutureTime extends TextSpan {
  range?: TimeRange;
}

export interface TimeExpressions {
  /** The normalised text; every span indexes into it. */
  text: string;
  /** The first time range the text names. */
  range?: TimeRange;
  /** The first grain the text names. */
  grain?: Grain;
  /** Comparisons in order of mention, without repeats; output set when the text names one. */
  compare: PlanCompare[];
  /** A move of the range already in view ("one more day back"), for a follow-up that names no range. */
  shift?: RangeShift;
  /** The phrases used, in text order (output words only when there is a comparison). */
  matches: TimeMatch[];
  /**
   * Time not yet over, in text order. "next week", 明天, "what will ... be" name no range: refuse
   * or ask rather than default to one. A named period that has not fully passed (今年的双十一 in
   * October, "this weekend" on a Thursday, 下半年 in March) is also the `range`, to ask back about.
   */
  future: FutureTime[];
  /** Words that look like time but that the reader could not place ("Q5", 月底, 端午, "recently"), in text order. */
  unplaced: TextSpan[];
}

export interface TimeParseOptions {
  /** The text is already normalised (normalizeText); spans then index into it unchanged. */
  normalized?: boolean;
}

// On equal length a comparison ("vs last week") beats the range inside it, a range beats a grain,
// and any reading beats a word the reader cannot place.
const PRIORITY: Record<TimeMeaning['kind'], number> = { compare: 0, range: 1, shift: 1, future: 1, grain: 2, output: 3, unplaced: 4 };

const PREVIOUS_BY_UNIT: Record<Grain, CompareKind> = {
  hour: 'dod', day: 'dod', week: 'wow', month: 'mom', quarter: 'qoq', year: 'yoy',
};

/**
 * Finds the time range, grain and period comparisons a question names, in English and Chinese.
 * Dates without a year and relative phrases are resolved against `today` (YYYY-MM-DD), so the
 * result depends on nothing but its arguments.
 */
export function parseTimeExpressions(text: string, today: string, options: TimeParseOptions = {}): TimeExpressions {
  const normalized = options.normalized ? text : normalizeText(text);
  const candidates: TimeCandidate[] = [
    ...parseComparisonExpressions(normalized),
    ...parseDateExpressions(normalized, today),
    ...parsePeriodExpressions(normalized, today),
    ...parseWeekdayExpressions(normalized, today),
    ...parseFestivalExpressions(normalized, today),
    ...parseHalfYearExpressions(normalized, today),
    ...parseFutureExpressions(normalized, today),
    ...parseGrainExpressions(normalized),
    ...parseRelativeShifts(normalized),
    ...parseUnplacedTimeWords(normalized),
  ];
  const chosen = selectLongest(candidates, (a, b) => PRIORITY[a.value.kind] - PRIORITY[b.value.kind]);

  let range: TimeRange | undefined;
  let grain: Grain | undefined;
  let shift: RangeShift | undefined;
  const kinds: (CompareKind | 'previous')[] = [];
  const outputs = new Set<'ratio' | 'diff'>();
  const future: FutureTime[] = [];
  const unplaced: TextSpan[] = [];
  for (const c of chosen) {
    const v = c.value;
    const span = { start: c.start, end: c.end, text: c.text };
    if (v.kind === 'range') {
      range ??= v.range;
      if (v.ahead) future.push({ ...span, range: v.range });
    } else if (v.kind === 'future') future.push(v.range ? { ...span, range: v.range } : span);
    else if (v.kind === 'unplaced') unplaced.push(span);
    else if (v.kind === 'grain') grain ??= v.grain;
    else if (v.kind === 'compare') kinds.push(v.compare);
    else if (v.kind === 'shift') shift ??= v.shift;
    else outputs.add(v.output);
  }

  const previous = PREVIOUS_BY_UNIT[grain ?? (range && range.kind !== 'absolute' ? range.unit : 'day')];
  const output = outputs.size === 2 ? 'both' : outputs.size === 1 ? [...outputs][0] : undefined;
  const compare: PlanCompare[] = [];
  for (const k of kinds) {
    const kind = k === 'previous' ? previous : k;
    if (!compare.some((c) => c.kind === kind)) compare.push(output ? { kind, output } : { kind });
  }

  const matches: TimeMatch[] = [];
  for (const c of chosen) {
    const kind = c.value.kind;
    if (kind === 'future' || kind === 'unplaced' || (kind === 'output' && compare.length === 0)) continue;
    matches.push({ start: c.start, end: c.end, text: c.text, kind });
  }
  return { text: normalized, range, grain, compare, matches, future, unplaced, ...(shift ? { shift } : {}) };
}
