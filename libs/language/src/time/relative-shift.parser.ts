import type { PeriodUnit } from '@chatbi/contracts';
import { COUNT_PATTERN, parseCount } from '../text/number-words';
import { matchRules, phrase, type PhraseRule } from '../text/phrase-rule';
import { EN_UNIT, EN_UNITS, ZH_UNIT, ZH_UNITS } from './period-units';
import type { TimeCandidate, TimeMeaning } from './time-candidate';

/**
 * Moves of the range already in view, in a follow-up: 再往前一天, 往后推一周, 再早一个月, 一周前呢,
 * 前一天呢, "one more day back", "a week earlier", "go back another month", "the day before that",
 * "and the week before?", "same for the previous week", "what about the previous month". They name
 * no range of their own (前一天 alone would read as "the last day", "the previous month" as last
 * month); the planner shifts the previous one. A follow-up that names a period (上上周呢) is a
 * range, not a move. "For the same period" is a move by nothing: it keeps the range in view.
 */

const COUNT = `(${COUNT_PATTERN}|another)`;

const move = (count: string | undefined, unit: PeriodUnit, direction: -1 | 1): TimeMeaning | undefined => {
  const n = count === undefined || count === 'another' ? 1 : parseCount(count);
  return n !== undefined && n >= 1 && n <= 3660 ? { kind: 'shift', shift: { unit, n: direction * n } } : undefined;
};

const RULES: PhraseRule<TimeMeaning>[] = [
  { pattern: phrase(`再?往(前|后)推?\\s*(\\d{1,4})?\\s*个?\\s*${ZH_UNIT}`), build: (m) => move(m[2], ZH_UNITS[m[3]], m[1] === '前' ? -1 : 1) },
  { pattern: phrase(`再(早|晚)\\s*(\\d{1,4})?\\s*个?\\s*${ZH_UNIT}`), build: (m) => move(m[2], ZH_UNITS[m[3]], m[1] === '早' ? -1 : 1) },
  { pattern: phrase(`${COUNT} more ${EN_UNIT} (back|earlier|later|forward)`), build: (m) => move(m[1], EN_UNITS[m[2]], /back|earlier/.test(m[3]) ? -1 : 1) },
  { pattern: phrase(`${COUNT} ${EN_UNIT} (earlier|later)`), build: (m) => move(m[1], EN_UNITS[m[2]], m[3] === 'earlier' ? -1 : 1) },
  { pattern: phrase(`(?:go|going|move|step) (back|forward) (?:by )?${COUNT} ${EN_UNIT}`), build: (m) => move(m[2], EN_UNITS[m[3]], m[1] === 'back' ? -1 : 1) },
  { pattern: phrase(`the (day|week|month|quarter|year) (before|after) that`), build: (m) => move(undefined, EN_UNITS[m[1]], m[2] === 'before' ? -1 : 1) },
  // "and the week before?", ending the question: a bare "the week before" may lead on ("the week before the launch").
  { pattern: phrase(`(?:(?:and|then|what about|how about) )?the (day|week|month|quarter|year) (before|after)(?=\\s*[?,.!]*\\s*$)`), build: (m) => move(undefined, EN_UNITS[m[1]], m[2] === 'before' ? -1 : 1) },
  {
    pattern: phrase(`(?:same (?:for|with)|(?:what|how) about|and|then) (?:the )?(previous|prior|preceding|following) (day|week|month|quarter|year)`),
    build: (m) => move(undefined, EN_UNITS[m[2]], /previous|prior|preceding/.test(m[1]) ? -1 : 1),
  },
  { pattern: phrase(`(\\d{1,4})\\s*个?\\s*${ZH_UNIT}(?:之)?前呢`), build: (m) => move(m[1], ZH_UNITS[m[2]], -1) },
  { pattern: phrase(`前\\s*(\\d{1,4})\\s*个?\\s*${ZH_UNIT}呢`), build: (m) => move(m[1], ZH_UNITS[m[2]], -1) },
  // "for the same period", "in that time", 这段时间: the range already in view, unmoved.
  { pattern: phrase('(?:for|in|over|during|from) (?:the same|that|this same) (?:period|time|time frame|timeframe|stretch|range|dates|days|week|month|quarter|year)'), build: () => same },
  { pattern: phrase('(?:同一|同样的|这段|那段)(?:时期|时间段|时间|期间)'), build: () => same },
  // "上周同一天呢", "去年同期呢", "the same day last year?": the dates in view, one week (month, year) back.
  {
    pattern: phrase(`(上个?(?:周|星期|礼拜)|上个?月|去年)的?(?:同一天|同一日|同日|同天|同期|这一天|那一天|这天|那天)(?=\\s*(?:呢|的|[?？!。.]|$))`),
    build: (m) => move(undefined, /月/.test(m[1]) ? 'month' : /年/.test(m[1]) ? 'year' : 'week', -1),
  },
  {
    pattern: phrase(`(?:(?:and|what about|how about) )?(?:on )?the same (?:day|date|period|days|dates) (?:last|a|one|the previous|of last) (week|month|year)(?: ago| before)?(?=\\s*[?,.!]*\\s*$)`),
    build: (m) => move(undefined, EN_UNITS[m[1]], -1),
  },
];

const same: TimeMeaning = { kind: 'shift', shift: { unit: 'day', n: 0 } };

export function parseRelativeShifts(text: string): TimeCandidate[] {
  return matchRules(text, RULES);
}
