import { addDays, shift, startOf, type PeriodUnit, type TimeRange } from '@chatbi/contracts';
import { COUNT_PATTERN, parseCount } from '../text/number-words';
import { phrase, type PhraseRule } from '../text/phrase-rule';
import { EN_UNIT, EN_UNITS, ZH_UNIT, ZH_UNITS } from './period-units';
import { matchDatedRules, type TimeCandidate, type TimeMeaning } from './time-candidate';

/**
 * Time still to come, which no data covers: "tomorrow", "next week", 下个月, 明年, "the next 7
 * days", 下周一, 下周末, and questions about the future ("what will DAU be", 会是多少). Each is read as
 * `future`, with its dates where they are plain, so that the caller can refuse it rather than fall
 * back to a default range.
 */

type Read = (today: string) => TimeMeaning;

const span = (from: string, to: string): TimeRange => ({ kind: 'absolute', from, to });
const future = (range?: (today: string) => TimeRange): Read => (today) => (range ? { kind: 'future', range: range(today) } : { kind: 'future' });

/** The whole period k units after the current one. */
const periodAhead = (unit: PeriodUnit, k: number) => future((today) => {
  const from = startOf(shift(startOf(today, unit), unit, k), unit);
  return span(from, addDays(shift(from, unit, 1), -1));
});
const daysAhead = (k: number) => future((today) => span(addDays(today, k), addDays(today, k)));
/** From today through n units on. */
const coming = (n: number | undefined, unit: PeriodUnit): Read | undefined =>
  n !== undefined && n >= 1 && n <= 3660 ? future((today) => span(today, addDays(shift(today, unit, n), -1))) : undefined;
/** A day of next week, 0 for Monday; 5 and 6 together are next weekend. */
const nextWeekDays = (first: number, last: number) => future((today) => {
  const monday = addDays(startOf(today, 'week'), 7);
  return span(addDays(monday, first), addDays(monday, last));
});

const EN_DAYS: Record<string, number> = { monday: 0, tuesday: 1, wednesday: 2, thursday: 3, friday: 4, saturday: 5, sunday: 6 };
const ZH_DAYS: Record<string, number> = { 一: 0, 二: 1, 三: 2, 四: 3, 五: 4, 六: 5, 日: 6, 天: 6 };
const COUNT = `(${COUNT_PATTERN})`;

const RULES: PhraseRule<Read>[] = [
  { pattern: phrase('(?:the )?day after tomorrow'), build: () => daysAhead(2) },
  { pattern: phrase('tomorrow|tmrw?|tmr'), build: () => daysAhead(1) },
  { pattern: phrase(`(?:the )?(?:next|coming|upcoming) ${EN_UNIT}`), build: (m) => periodAhead(EN_UNITS[m[1]], 1) },
  { pattern: phrase(`(?:the )?${EN_UNIT} after next`), build: (m) => periodAhead(EN_UNITS[m[1]], 2) },
  { pattern: phrase(`(?:(?:in|over|during|for|within) )?(?:the )?(?:next|coming|upcoming) ${COUNT} ${EN_UNIT}`), build: (m) => coming(parseCount(m[1]), EN_UNITS[m[2]]) },
  { pattern: phrase(`${COUNT} ${EN_UNIT} (?:from now|from today|ahead)`), build: (m) => coming(parseCount(m[1]), EN_UNITS[m[2]]) },
  { pattern: phrase('(?:next|this coming) (monday|tuesday|wednesday|thursday|friday|saturday|sunday)'), build: (m) => nextWeekDays(EN_DAYS[m[1]], EN_DAYS[m[1]]) },
  { pattern: phrase('(?:next|the coming) weekend'), build: () => nextWeekDays(5, 6) },
  // Not "forecast" or 预测 alone: a metric may be called that.
  { pattern: phrase("what will|what['’]ll|will (?:it |they |we |that |this |there )?be|going to be|expected to (?:be|reach|hit)"), build: () => future() },
  { pattern: phrase('大后天'), build: () => daysAhead(3) },
  { pattern: phrase('后天'), build: () => daysAhead(2) },
  { pattern: phrase('明天|明日|明儿'), build: () => daysAhead(1) },
  { pattern: phrase('下下个?(周|星期|礼拜|月|季度)'), build: (m) => periodAhead(ZH_UNITS[m[1]], 2) },
  { pattern: phrase('下(?:1)?个?(周|星期|礼拜|月|季度|季)'), build: (m) => periodAhead(ZH_UNITS[m[1]], 1) },
  { pattern: phrase('下(?:1)?个?(?:周|星期|礼拜)([一二三四五六日天])'), build: (m) => nextWeekDays(ZH_DAYS[m[1]], ZH_DAYS[m[1]]) },
  { pattern: phrase('下(?:1)?个?周末'), build: () => nextWeekDays(5, 6) },
  { pattern: phrase('明年|来年'), build: () => periodAhead('year', 1) },
  { pattern: phrase('后年'), build: () => periodAhead('year', 2) },
  { pattern: phrase(`(?:未来|接下来的?|今后)\\s*(\\d{1,4})\\s*个?\\s*${ZH_UNIT}`), build: (m) => coming(Number(m[1]), ZH_UNITS[m[2]]) },
  { pattern: phrase('将会|会是多少|会有多少|会达到多少'), build: () => future() },
];

export function parseFutureExpressions(text: string, today: string): TimeCandidate[] {
  return matchDatedRules(text, RULES, today);
}
