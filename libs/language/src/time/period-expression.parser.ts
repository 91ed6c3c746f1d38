import type { PeriodUnit, TimeRange } from '@chatbi/contracts';
import { COUNT_PATTERN, parseCount } from '../text/number-words';
import { matchRules, phrase, type PhraseRule } from '../text/phrase-rule';
import { EN_UNIT, EN_UNITS, ZH_UNIT, ZH_UNITS } from './period-units';
import type { TimeCandidate, TimeMeaning } from './time-candidate';

/** Periods relative to today: "the last 7 days", 近三天, "last week", 本月, "year to date", 昨天. */

const LEAD = '(?:(?:over|during|in|for|within|of) )?(?:the )?';
const COUNT = `(${COUNT_PATTERN})`;

const last = (n: number | undefined, unit: PeriodUnit): TimeMeaning | undefined =>
  n !== undefined && n >= 1 && n <= 3660 ? { kind: 'range', range: { kind: 'last', n, unit } } : undefined;
const point = (unit: PeriodUnit, offset: number): TimeMeaning => ({ kind: 'range', range: { kind: 'point', unit, offset } });
const toDate = (unit: PeriodUnit): TimeMeaning | undefined =>
  unit === 'day' ? point('day', 0) : { kind: 'range', range: { kind: 'to_date', unit } as TimeRange };

const fixed = (source: string, meaning: TimeMeaning): PhraseRule<TimeMeaning> => ({ pattern: phrase(source), build: () => meaning });

const RULES: PhraseRule<TimeMeaning>[] = [
  {
    pattern: phrase(`${LEAD}(?:last|past|previous|prior|recent|most recent|latest|trailing) ${COUNT} ${EN_UNIT}`),
    build: (m) => last(parseCount(m[1]), EN_UNITS[m[2]]),
  },
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
    pattern: phrase(`${LEAD}(past|recent|trailing|last|previous|prior) (day|week|month|quarter|year)`),
    build: (m) => {
      const unit = EN_UNITS[m[2]];
      // "last week" is the previous calendar week; "past week" is the 7 days up to the latest day.
      if (unit === 'day' || /past|recent|trailing/.test(m[1])) return last(1, unit);
      return point(unit, -1);
    },
  },
  { pattern: phrase(`${LEAD}(week|month|quarter|year) before last`), build: (m) => point(EN_UNITS[m[1]], -2) },
  fixed('(?:the )?day before yesterday', point('day', -2)),
  fixed('yesterday', point('day', -1)),
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
  fixed('(?:本周|这周|这1周|这个?星期|本星期|这个?礼拜)(?:以来|至今)?|周初至今', toDate('week')!),
  fixed('上上(?:周|个?星期|个?礼拜)', point('week', -2)),
  fixed('上(?:1)?(?:个)?(?:周|星期|礼拜)', point('week', -1)),
  fixed('(?:本月|这个?月|当月)(?:以来|至今)?|月初至今|月初以来', toDate('month')!),
  fixed('上上个?月', point('month', -2)),
  fixed('上(?:1)?个?月', point('month', -1)),
  fixed('(?:本季度|这个?季度|本季|当季)(?:以来|至今)?', toDate('quarter')!),
  fixed('上(?:1)?个?季度|上季', point('quarter', -1)),
  fixed('(?:今年|本年度?|当年)(?:以来|至今)?|年初至今|年初以来', toDate('year')!),
  fixed('去年|上(?:1)?年', point('year', -1)),
  fixed('前年', point('year', -2)),
];

export function parsePeriodExpressions(text: string): TimeCandidate[] {
  return matchRules(text, RULES);
}
