import { addDays, shift, startOf, type PeriodUnit, type TimeRange } from '@chatbi/contracts';
import { COUNT_PATTERN, parseCount } from '../text/number-words';
import { matchRules, phrase, type PhraseRule } from '../text/phrase-rule';
import { EN_UNIT, EN_UNITS, ZH_UNIT, ZH_UNITS } from './period-units';
import { matchDatedRules, type DatedRule, type TimeCandidate, type TimeMeaning } from './time-candidate';

/**
 * Periods relative to today: "the last 7 days", 近三天, "last week", 本月, "year to date", 昨天, and
 * the chat shorthand for them: l7d, 7d, yday, lw, lm, "past wk", "prev month", mtd, ytd (year to
 * date, as BI tools use it). "The last n quarters" are the n complete quarters before the current
 * one, as dates: a quarter counted back from the middle of one is rarely what is meant.
 */

const LEAD = '(?:(?:over|during|in|for|within|of) )?(?:the )?';
const COUNT = `(${COUNT_PATTERN})`;

const inBounds = (n: number | undefined): n is number => n !== undefined && n >= 1 && n <= 3660;
const last = (n: number | undefined, unit: PeriodUnit): TimeMeaning | undefined =>
  inBounds(n) && unit !== 'quarter' ? { kind: 'range', range: { kind: 'last', n, unit } } : undefined;
const point = (unit: PeriodUnit, offset: number): TimeMeaning => ({ kind: 'range', range: { kind: 'point', unit, offset } });
const toDate = (unit: PeriodUnit): TimeMeaning | undefined =>
  unit === 'day' ? point('day', 0) : { kind: 'range', range: { kind: 'to_date', unit } as TimeRange };

const fixed = (source: string, meaning: TimeMeaning): PhraseRule<TimeMeaning> => ({ pattern: phrase(source), build: () => meaning });

const SHORT_UNITS: Record<string, PeriodUnit> = { d: 'day', w: 'week', m: 'month', q: 'quarter', y: 'year' };
const LAST_WORD = '(?:last|past|previous|prev|prior|recent|most recent|latest|trailing)';
/** 本月至今, 这个月到目前为止: the period so far. */
const SO_FAR = '(?:以来|至今|到目前(?:为止)?|到现在(?:为止)?|截至目前|截止目前|迄今(?:为止)?)?';

const RULES: PhraseRule<TimeMeaning>[] = [
  {
    pattern: phrase(`${LEAD}${LAST_WORD} ${COUNT} ${EN_UNIT}`),
    build: (m) => last(parseCount(m[1]), EN_UNITS[m[2]]),
  },
  // l7d, last7d, past 4w, l3m: the last n units.
  { pattern: phrase('(?:l|last|past|prev|trailing)\\s*(\\d{1,4})\\s*([dwmy])'), build: (m) => last(Number(m[1]), SHORT_UNITS[m[2]]) },
  // 7d, 30d: only the usual windows, since 3d and 4d are also films.
  { pattern: phrase('(7|14|28|30|60|90|180|365)d(?!\\s*(?:retention|retained|留存))'), build: (m) => last(Number(m[1]), 'day') },
  { pattern: phrase(`${LEAD}${LAST_WORD} fortnight`), build: () => last(2, 'week') },
  // "over 5 days", "within 2 weeks": the last n units, read before "over 5" can pass for a number condition.
  {
    pattern: phrase(`(?:over|during|within|for) (?:the )?${COUNT} ${EN_UNIT}(?! ago)`),
    build: (m) => last(parseCount(m[1]), EN_UNITS[m[2]]),
  },
  {
    pattern: phrase(`${COUNT} ${EN_UNIT} ago`),
    build: (m) => {
      const n = parseCount(m[1]);
      return n !== undefined && n <= 3660 ? point(EN_UNITS[m[2]], -n) : undefined;
    },
  },
  {
    pattern: phrase(`${LEAD}(past|recent|trailing|last|previous|prev|prior) (day|week|wk|month|mo|mth|quarter|qtr|year|yr)`),
    build: (m) => {
      const unit = EN_UNITS[m[2]];
      // "last week" is the previous calendar week; "past week" is the 7 days up to the latest day.
      if (unit === 'day' || /past|recent|trailing/.test(m[1])) return last(1, unit);
      return point(unit, -1);
    },
  },
  { pattern: phrase(`${LEAD}(week|month|quarter|year) before last`), build: (m) => point(EN_UNITS[m[1]], -2) },
  fixed('(?:the )?day before yesterday', point('day', -2)),
  fixed('yesterday|yday|yest|ystd', point('day', -1)),
  { pattern: phrase('(lw|lm|lq|ly)'), build: (m) => point(SHORT_UNITS[m[1][1]], -1) },
  fixed('(?:so far )?today', point('day', 0)),
  {
    pattern: phrase(`${LEAD}(?:so far )?(?:this|current|the current) (week|month|quarter|year)(?: to date| so far)?`),
    build: (m) => toDate(EN_UNITS[m[1]]),
  },
  { pattern: phrase(`${LEAD}(week|month|quarter|year)[-\\s]to[-\\s]date`), build: (m) => toDate(EN_UNITS[m[1]]) },
  {
    pattern: phrase('(wtd|mtd|qtd|ytd)'),
    build: (m) => toDate(({ w: 'week', m: 'month', q: 'quarter', y: 'year' } as const)[m[1][0] as 'w']),
  },
  {
    pattern: phrase(`(?:最近|近|过去|前|这)\\s*(\\d{1,4})\\s*个?\\s*${ZH_UNIT}(?:内|以来|里)?`),
    build: (m) => last(Number(m[1]), ZH_UNITS[m[2]]),
  },
  { pattern: phrase(`(\\d{1,4})\\s*个?\\s*(?:天|日)(?:内|以来)`), build: (m) => last(Number(m[1]), 'day') },
  {
    pattern: phrase(`(\\d{1,4})\\s*个?\\s*${ZH_UNIT}(?:之)?前`),
    build: (m) => (Number(m[1]) <= 3660 ? point(ZH_UNITS[m[2]], -Number(m[1])) : undefined),
  },
  { pattern: phrase(`(?:最近|近|过去)\\s*${ZH_UNIT}`), build: (m) => last(1, ZH_UNITS[m[1]]) },
  fixed('今天|今日|当天|当日', point('day', 0)),
  fixed('昨天|昨日', point('day', -1)),
  fixed('前天|前日', point('day', -2)),
  fixed('大前天', point('day', -3)),
  fixed(`(?:本周|这周|这1周|这个?星期|本星期|这个?礼拜)${SO_FAR}|周初至今`, toDate('week')!),
  // 上上周, 上上个月, 上上上周: as many periods back as 上s.
  { pattern: phrase('(上{2,})个?(周|星期|礼拜|月|季度|季)'), build: (m) => point(ZH_UNITS[m[2]], -m[1].length) },
  fixed('上(?:1)?(?:个)?(?:周|星期|礼拜)', point('week', -1)),
  fixed(`(?:本月|这个?月|当月)${SO_FAR}|月初至今|月初以来`, toDate('month')!),
  fixed('上(?:1)?个?月', point('month', -1)),
  fixed(`(?:本季度|这个?季度|本季|当季)${SO_FAR}`, toDate('quarter')!),
  fixed('上(?:1)?个?季度|上季', point('quarter', -1)),
  fixed(`(?:今年|本年度?|当年)${SO_FAR}|年初至今|年初以来`, toDate('year')!),
  fixed('去年|上(?:1)?年', point('year', -1)),
  fixed('前年', point('year', -2)),
];

/** The n whole quarters before the current one. */
const completeQuarters = (n: number | undefined) => (today: string): TimeMeaning | undefined => {
  if (!inBounds(n)) return undefined;
  const current = startOf(today, 'quarter');
  return { kind: 'range', range: { kind: 'absolute', from: shift(current, 'quarter', -n), to: addDays(current, -1) } };
};

const QUARTERS = '(?:quarters?|qtrs?)';
const QUARTER_RULES: DatedRule[] = [
  { pattern: phrase(`${LEAD}${LAST_WORD} ${COUNT} ${QUARTERS}`), build: (m) => completeQuarters(parseCount(m[1])) },
  { pattern: phrase(`(?:over|during|within|for) (?:the )?${COUNT} ${QUARTERS}(?! ago)`), build: (m) => completeQuarters(parseCount(m[1])) },
  { pattern: phrase('(?:l|last|past|prev|trailing)\\s*(\\d{1,4})\\s*q'), build: (m) => completeQuarters(Number(m[1])) },
  { pattern: phrase('(?:最近|近|过去|前)\\s*(\\d{1,4})\\s*个?\\s*季度?(?:内|以来|里)?'), build: (m) => completeQuarters(Number(m[1])) },
];

export function parsePeriodExpressions(text: string, today: string): TimeCandidate[] {
  return [...matchRules(text, RULES), ...matchDatedRules(text, QUARTER_RULES, today)];
}
