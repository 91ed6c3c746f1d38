import { addDays, startOf } from '@chatbi/contracts';
import { phrase, type PhraseRule } from '../text/phrase-rule';
import { matchDatedRules, namedDates, type TimeCandidate, type TimeMeaning } from './time-candidate';

/**
 * Days of the week: "last Monday", "on Friday", "this Sunday", 上周一, 本周三, 周五, 星期天. Weeks
 * start on Monday. Weekends: "last weekend" and 上周末 are the Saturday and Sunday before the
 * current week, 上上周末 the one before; "this weekend" and 本周末 are the current week's, flagged
 * ahead until its Sunday has passed.
 */

const EN_DAYS: Record<string, number> = {
  monday: 0, tuesday: 1, wednesday: 2, thursday: 3, friday: 4, saturday: 5, sunday: 6,
};
const ZH_DAYS: Record<string, number> = { 一: 0, 二: 1, 三: 2, 四: 3, 五: 4, 六: 5, 日: 6, 天: 6 };
const EN_DAY = '(monday|tuesday|wednesday|thursday|friday|saturday|sunday)';
// 上周一共 is 上周 + 一共 ("last week in all"), not last Monday: 一 starting a word is no weekday.
const ZH_DAY = '(?:周|星期|礼拜)([一二三四五六日天])(?![共起下直样般定些律致切次])';

type Anchor = 'recent' | 'this week' | 'last week' | 'week before last';

const day = (today: string, index: number, anchor: Anchor): TimeMeaning => {
  const monday = startOf(today, 'week');
  let date: string;
  if (anchor === 'recent') {
    // The latest such day before today: on a Wednesday, "Monday" is two days ago and "Friday" last week's.
    date = addDays(monday, index);
    if (date >= today) date = addDays(date, -7);
  } else {
    const weeksBack = anchor === 'this week' ? 0 : anchor === 'last week' ? 1 : 2;
    date = addDays(monday, index - 7 * weeksBack);
  }
  return { kind: 'range', range: { kind: 'absolute', from: date, to: date } };
};

/** The Saturday and Sunday of the week `weeksBack` before the current one. */
const weekend = (today: string, weeksBack: number): TimeMeaning => {
  const saturday = addDays(startOf(today, 'week'), 5 - 7 * weeksBack);
  return namedDates({ from: saturday, to: addDays(saturday, 1) }, today);
};

// Each rule reads which day it names; the date follows from today, so the rules are compiled once.
const RULES: PhraseRule<(today: string) => TimeMeaning>[] = [
  { pattern: phrase(`(?:(?:on|for) )?(?:(last|previous|past|this) )?${EN_DAY}`), build: (m) => (today) => day(today, EN_DAYS[m[2]], m[1] === 'this' ? 'this week' : 'recent') },
  { pattern: phrase(`${EN_DAY} (?:of )?(last|this) week`), build: (m) => (today) => day(today, EN_DAYS[m[1]], m[2] === 'this' ? 'this week' : 'last week') },
  { pattern: phrase(`上上${ZH_DAY}`), build: (m) => (today) => day(today, ZH_DAYS[m[1]], 'week before last') },
  { pattern: phrase(`上个?${ZH_DAY}`), build: (m) => (today) => day(today, ZH_DAYS[m[1]], 'last week') },
  { pattern: phrase(`(?:本|这个?)${ZH_DAY}`), build: (m) => (today) => day(today, ZH_DAYS[m[1]], 'this week') },
  { pattern: phrase(ZH_DAY), build: (m) => (today) => day(today, ZH_DAYS[m[1]], 'recent') },
  { pattern: phrase('(?:(?:over|on|at|during) )?(?:the )?(?:last|previous|past|this past) weekend|(?:over|on|at|during) the weekend|上(?:1)?个?周末'), build: () => (today) => weekend(today, 1) },
  { pattern: phrase('(?:(?:over|on|at|during) )?the weekend before last|上上个?周末'), build: () => (today) => weekend(today, 2) },
  { pattern: phrase('(?:(?:over|on|at|during) )?this weekend|(?:本|这个?)周末'), build: () => (today) => weekend(today, 0) },
];

export function parseWeekdayExpressions(text: string, today: string): TimeCandidate[] {
  return matchDatedRules(text, RULES, today);
}
