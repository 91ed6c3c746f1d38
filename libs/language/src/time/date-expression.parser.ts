import { addDays, type TimeRange } from '@chatbi/contracts';
import { matchRules, phrase, type PhraseRule } from '../text/phrase-rule';
import { selectLongest, type TextSpan } from '../text/text-span';
import { daysInMonth, isoDate, isValidDate, parseIsoDate } from './calendar';
import type { TimeCandidate } from './time-candidate';

/** A calendar date, month, quarter or year the text names; a missing year is resolved against today. */
interface DateToken extends TextSpan {
  year?: number;
  month?: number;
  day?: number;
  quarter?: number;
}

type DateParts = Omit<DateToken, keyof TextSpan>;

const MONTHS: Record<string, number> = {
  january: 1, jan: 1, february: 2, feb: 2, march: 3, mar: 3, april: 4, apr: 4, may: 5, june: 6, jun: 6,
  july: 7, jul: 7, august: 8, aug: 8, september: 9, sept: 9, sep: 9, october: 10, oct: 10,
  november: 11, nov: 11, december: 12, dec: 12,
};
const MONTH = `(${Object.keys(MONTHS).sort((a, b) => b.length - a.length).join('|')})\\.?`;
// Month names that are also words ("may", "mar") and abbreviations need "in", "during" or the like before them.
const STANDALONE_MONTH = /^(?:january|february|april|june|july|august|september|october|november|december)$/;
const MONTH_PREFIX = /(?:in|during|for|throughout|of|since)\s+(?:the\s+month\s+of\s+)?$/;
const YEAR_PREFIX = /(?:in|during|for|throughout)\s+(?:the\s+year\s+)?$/;
const ORDINAL = '(?:st|nd|rd|th)?';
const YEAR = '((?:19|20)\\d{2})';

const num = (s: string | undefined) => (s === undefined ? undefined : Number(s));

const TOKEN_RULES: PhraseRule<DateParts>[] = [
  { pattern: phrase(`${YEAR}[-/.](\\d{1,2})[-/.](\\d{1,2})`), build: (m) => day(num(m[1]), +m[2], +m[3]) },
  { pattern: phrase(`${YEAR}(\\d{2})(\\d{2})`), build: (m) => day(+m[1], +m[2], +m[3]) },
  {
    pattern: phrase(`(?:${YEAR}\\s*年\\s*)?(\\d{1,2})\\s*月\\s*(\\d{1,2})\\s*[日号]`),
    build: (m) => day(num(m[1]), +m[2], +m[3]),
  },
  { pattern: phrase(`(?:${YEAR}\\s*年\\s*)?(\\d{1,2})\\s*月份?`), build: (m) => month(num(m[1]), +m[2]) },
  { pattern: phrase(`${YEAR}\\s*年(?:度|份)?`), build: (m) => ({ year: +m[1] }) },
  { pattern: phrase(`q([1-4])(?:,?\\s*${YEAR})?`), build: (m) => ({ year: num(m[2]), quarter: +m[1] }) },
  { pattern: phrase(`${YEAR}\\s*-?\\s*q([1-4])`), build: (m) => ({ year: +m[1], quarter: +m[2] }) },
  { pattern: phrase(`(?:${YEAR}\\s*年\\s*)?第?\\s*([1-4])\\s*季度`), build: (m) => ({ year: num(m[1]), quarter: +m[2] }) },
  {
    pattern: phrase(`${MONTH} (\\d{1,2})${ORDINAL}(?:,? ${YEAR})?`),
    build: (m) => day(num(m[3]), MONTHS[m[1]], +m[2]),
  },
  {
    pattern: phrase(`(\\d{1,2})${ORDINAL} (?:of )?${MONTH}(?:,? ${YEAR})?`),
    build: (m) => day(num(m[3]), MONTHS[m[2]], +m[1]),
  },
  { pattern: phrase(`${MONTH},? (?:of )?${YEAR}`), build: (m) => month(+m[2], MONTHS[m[1]]) },
  {
    pattern: phrase(MONTH),
    build: (m) =>
      STANDALONE_MONTH.test(m[1]) || MONTH_PREFIX.test(before(m)) ? month(undefined, MONTHS[m[1]]) : undefined,
  },
  { pattern: phrase(YEAR), build: (m) => (YEAR_PREFIX.test(before(m)) ? { year: +m[1] } : undefined) },
];

/** A little of the text before a match: prefixes are checked here rather than by lookbehind, which is slow on long runs of spaces. */
function before(m: RegExpExecArray): string {
  return m.input.slice(Math.max(0, m.index - 24), m.index);
}

function day(year: number | undefined, m: number, d: number): DateParts | undefined {
  if (!isValidDate(year ?? 2000, m, d)) return undefined;
  return { year, month: m, day: d };
}

function month(year: number | undefined, m: number): DateParts | undefined {
  return m >= 1 && m <= 12 ? { year, month: m } : undefined;
}

const CONNECTOR = /^\s*(?:to|through|thru|until|till|and|-|–|—|~|到|至)\s*$/;
const RANGE_PREFIX = /(?:from|between|从|自)\s*$/;
const BETWEEN_PREFIX = /(?:between)\s*$/;
const PARTIAL_END = /^\s*(to|through|thru|until|till|and|-|–|~|到|至)\s*(\d{1,2})(?:st|nd|rd|th|日|号)?(?![\d月年:./-])/;
const SINCE_PREFIX = /(?:since|from|自|从)\s*$/;
const SINCE_SUFFIX = /^\s*(?:以来|至今|到现在|到今天|until now|to date|till now|to now)/;

/** Dates, months, quarters, years and ranges between them ("from 2026-10-01 to 2026-10-31", 10月1日到31日). */
export function parseDateExpressions(text: string, today: string): TimeCandidate[] {
  const tokens = selectLongest(matchRules(text, TOKEN_RULES)).map(
    (m): DateToken => ({ start: m.start, end: m.end, text: m.text, ...m.value }),
  );
  const out: TimeCandidate[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const first = tokens[i];
    const beforeFrom = Math.max(0, first.start - 24);
    const before = text.slice(beforeFrom, first.start);
    const prefix = RANGE_PREFIX.exec(before);
    const start = prefix ? beforeFrom + prefix.index : first.start;
    const next = tokens[i + 1];
    if (next) {
      const gap = text.slice(first.end, next.start);
      const connector = CONNECTOR.exec(gap);
      if (connector && (!/and/.test(gap) || BETWEEN_PREFIX.test(before))) {
        const range = rangeBetween(first, next, today);
        if (range) out.push(candidate(text, start, next.end, range));
        i++;
        continue;
      }
    }
    const partial = first.day !== undefined ? PARTIAL_END.exec(text.slice(first.end)) : null;
    if (partial && (partial[1] !== 'and' || BETWEEN_PREFIX.test(before))) {
      const end: DateToken = { ...first, day: +partial[2] };
      const range = isValidDate(first.year ?? 2000, first.month!, end.day!) ? rangeBetween(first, end, today) : undefined;
      if (range) out.push(candidate(text, start, first.end + partial[0].length, range));
      continue;
    }
    const since = SINCE_PREFIX.exec(before);
    const untilNow = SINCE_SUFFIX.exec(text.slice(first.end));
    if (since || untilNow) {
      const from = bounds(first, resolveYear(first, today)).from;
      const to = addDays(today, -1);
      if (from <= to) {
        out.push(candidate(text, since ? beforeFrom + since.index : first.start, first.end + (untilNow?.[0].length ?? 0), {
          kind: 'absolute', from, to,
        }));
        continue;
      }
    }
    const single = bounds(first, resolveYear(first, today));
    out.push(candidate(text, first.start, first.end, { kind: 'absolute', ...single }));
  }
  return out;
}

function candidate(text: string, start: number, end: number, range: TimeRange): TimeCandidate {
  return { start, end, text: text.slice(start, end), value: { kind: 'range', range } };
}

function rangeBetween(first: DateToken, second: DateToken, today: string): TimeRange | undefined {
  let firstYear: number;
  let secondYear: number;
  if (first.year !== undefined && second.year !== undefined) {
    firstYear = first.year;
    secondYear = second.year;
  } else if (second.year !== undefined) {
    secondYear = second.year;
    firstYear = compareParts(first, second) > 0 ? secondYear - 1 : secondYear;
  } else {
    firstYear = first.year ?? resolveYear(first, today);
    secondYear = compareParts(second, first) < 0 ? firstYear + 1 : firstYear;
  }
  const from = bounds(first, firstYear).from;
  const to = bounds(second, secondYear).to;
  return from <= to ? { kind: 'absolute', from, to } : undefined;
}

/** Orders two year-less dates within a year (a month or quarter alone sorts as its first day). */
function compareParts(a: DateParts, b: DateParts): number {
  return firstMonth(a) - firstMonth(b) || (a.day ?? 1) - (b.day ?? 1);
}

function firstMonth(token: DateParts): number {
  return token.quarter !== undefined ? token.quarter * 3 - 2 : (token.month ?? 1);
}

/** The latest year in which the date (or the start of the month) is not after today. */
function resolveYear(token: DateParts, today: string): number {
  if (token.year !== undefined) return token.year;
  const now = parseIsoDate(today);
  for (let year = now.year; year > now.year - 8; year--) {
    if (token.day !== undefined && !isValidDate(year, token.month!, token.day)) continue;
    if (isoDate(year, firstMonth(token), token.day ?? 1) <= today) return year;
  }
  return now.year - 1;
}

function bounds(token: DateParts, year: number): { from: string; to: string } {
  if (token.quarter !== undefined) {
    const last = token.quarter * 3;
    return { from: isoDate(year, last - 2, 1), to: isoDate(year, last, daysInMonth(year, last)) };
  }
  if (token.month === undefined) return { from: isoDate(year, 1, 1), to: isoDate(year, 12, 31) };
  if (token.day === undefined) {
    return { from: isoDate(year, token.month, 1), to: isoDate(year, token.month, daysInMonth(year, token.month)) };
  }
  const d = isoDate(year, token.month, Math.min(token.day, daysInMonth(year, token.month)));
  return { from: d, to: d };
}
