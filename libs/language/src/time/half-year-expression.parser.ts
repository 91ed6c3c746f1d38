import { phrase, type PhraseRule } from '../text/phrase-rule';
import { isoDate, parseIsoDate } from './calendar';
import { matchDatedRules, namedDates, type TimeCandidate, type TimeMeaning } from './time-candidate';

/**
 * Halves of a year: 上半年, 去年下半年, 2025年上半年, "the first half of this year", "H2 2025". A half
 * without a year is the current year's, flagged ahead while it has not fully passed; 明年 and "next
 * year" are future. Also the trailing half year (近半年, "the past half year": the last 6 months)
 * and half month (近半个月: the last 15 days).
 */

const YEAR = '((?:19|20)\\d{2})';
const ZH_YEARS_BACK: Record<string, number> = { 今年: 0, 本年: 0, 去年: 1, 前年: 2 };
const EN_YEARS_BACK: Record<string, number> = { this: 0, last: 1 };

type Read = (today: string) => TimeMeaning;

const half = (which: 1 | 2, year: (now: number) => number | 'next'): Read => (today) => {
  const now = parseIsoDate(today).year;
  const y = year(now);
  const at = y === 'next' ? now + 1 : y;
  const span = { from: isoDate(at, which === 1 ? 1 : 7, 1), to: isoDate(at, which === 1 ? 6 : 12, which === 1 ? 30 : 31) };
  return y === 'next' ? { kind: 'future', range: { kind: 'absolute', ...span } } : namedDates(span, today);
};

const which = (word: string): 1 | 2 => (/^(?:上|first|1st|1)$/.test(word) ? 1 : 2);
const zhYear = (digits: string | undefined, word: string | undefined) => (now: number) =>
  digits ? Number(digits) : word === '明年' ? ('next' as const) : now - (ZH_YEARS_BACK[word ?? '今年'] ?? 0);
const enYear = (digits: string | undefined, word: string | undefined) => (now: number) =>
  digits ? Number(digits) : word === 'next' ? ('next' as const) : now - (EN_YEARS_BACK[word ?? 'this'] ?? 0);
const last = (n: number, unit: 'day' | 'month'): Read => () => ({ kind: 'range', range: { kind: 'last', n, unit } });

const RULES: PhraseRule<Read>[] = [
  { pattern: phrase(`(?:${YEAR}\\s*年\\s*|(今年|本年|去年|前年|明年)\\s*)?(?:的\\s*)?(上|下)半年度?`), build: (m) => half(which(m[3]), zhYear(m[1], m[2])) },
  {
    pattern: phrase(`(?:(?:in|during|over|for) )?(?:the )?(first|second|1st|2nd) half (?:of )?(?:(this|last|next) year|the year|${YEAR})?`),
    build: (m) => half(which(m[1]), enYear(m[3], m[2])),
  },
  { pattern: phrase(`(this|last|next) year['’]?s (first|second|1st|2nd) half`), build: (m) => half(which(m[2]), enYear(undefined, m[1])) },
  { pattern: phrase(`h([12])(?:\\s*,?\\s*${YEAR})?`), build: (m) => half(which(m[1]), enYear(m[2], undefined)) },
  { pattern: phrase(`${YEAR}\\s*-?\\s*h([12])`), build: (m) => half(which(m[2]), enYear(m[1], undefined)) },
  { pattern: phrase('(?:近|过去|最近)\\s*半\\s*年|半年(?:内|以来)|(?:over |in |during )?(?:the )?(?:last|past) half[- ](?:a )?year'), build: () => last(6, 'month') },
  { pattern: phrase('(?:近|过去|最近)\\s*半个?\\s*月|半个月(?:内|以来)|(?:over |in |during )?(?:the )?(?:last|past) half (?:a )?month'), build: () => last(15, 'day') },
];

export function parseHalfYearExpressions(text: string, today: string): TimeCandidate[] {
  return matchDatedRules(text, RULES, today);
}
