import { addDays, type DateSpan } from '@chatbi/contracts';
import { phrase } from '../text/phrase-rule';
import { parseIsoDate } from './calendar';
import { FESTIVALS, UNTABLED_FESTIVALS, type Festival } from './festival.table';
import { matchDatedRules, namedDates, type DatedRule, type TimeCandidate, type TimeMeaning } from './time-candidate';

/**
 * Named days: 双十一, "Black Friday 2025", 去年的春节假期, "since Christmas". Which occurrence: the
 * name alone (or "last", 上个) is the latest one fully passed, so on 2026-11-05 双十一 is
 * 2025-11-11 and on 2026-11-12 it is 2026-11-11; 今年的 / "this" is the current year's, returned
 * but flagged ahead while it has not fully passed; 去年的 / "last year's" is the previous year's;
 * a year names its own; "next" and 明年 are future. "since X" / X以来 runs from its day to
 * yesterday. Before, after and around a day ("the week before Christmas", 春节前后) are unplaced.
 */

const YEAR = '((?:19|20)\\d{2})';
// Groups: 1 lead word, 2 year before the name, 3 qualifier, 4 the name, 5 year after it, 6 relative year after it ("last year"), 7 suffix.
const LEAD = '(?:(since|before|after|around|until|till|the (?:day|week|weekend|month) (?:before|after)) (?:the )?|(?:during|on|over|for|at|in) (?:the )?)?';
const QUALIFIER = `(?:${YEAR}(?:\\s*年|['’]s)?\\s*|(今年|本年|去年|前年|明年|后年|上[一1]?个|下[一1]?个|this year['’]?s|last year['’]?s|next year['’]?s|this|last|next|the last|the next|the coming|the upcoming|the)\\s*)?(?:的\\s*)?`;
const YEAR_AFTER = `(?:\\s*,?\\s*(?:of |in )?${YEAR}(?:\\s*年)?|\\s+(last year|this year|next year))?`;
const SUFFIX = '(?:\\s*(?:的\\s*)?(假期|期间|长假|小长假|黄金周|假日|holidays?|break|当天|当日|那天|那1天|以来|至今|到现在|前后|左右|之前|之后|前|后))?';

type Part = 'bare' | 'day' | 'holiday' | 'since' | 'vague';

const SUFFIX_PART: Record<string, Part> = {
  假期: 'holiday', 期间: 'holiday', 长假: 'holiday', 小长假: 'holiday', 黄金周: 'holiday', 假日: 'holiday', holiday: 'holiday', holidays: 'holiday', break: 'holiday',
  当天: 'day', 当日: 'day', 那天: 'day', 那1天: 'day',
  以来: 'since', 至今: 'since', 到现在: 'since',
  前后: 'vague', 左右: 'vague', 之前: 'vague', 之后: 'vague', 前: 'vague', 后: 'vague',
};

/** Years back from the current one (negative: ahead), for the qualifiers that name a year. */
function yearsBack(qualifier: string | undefined): number | undefined {
  if (qualifier === undefined) return undefined;
  if (/^(?:今年|本年|this year['’]?s|this)$/.test(qualifier)) return 0;
  if (/^(?:去年|last year['’]?s)$/.test(qualifier)) return 1;
  if (/^(?:明年|next year['’]?s)$/.test(qualifier)) return -1;
  return { 前年: 2, 后年: -2 }[qualifier];
}
/** The next occurrence, whichever year it falls in. */
const NEXT = /^(?:下[一1]?个|next|the next|the coming|the upcoming)$/;

const UNPLACED: TimeMeaning = { kind: 'unplaced' };

function rule(names: string, read: (m: RegExpExecArray, today: string) => TimeMeaning | undefined): DatedRule {
  return { pattern: phrase(`${LEAD}${QUALIFIER}(${names})${YEAR_AFTER}${SUFFIX}`), build: (m) => (today) => read(m, today) };
}

const RULES = [
  ...FESTIVALS.map((festival) => rule(festival.names, (m, today) => readFestival(festival, m, today))),
  rule(UNTABLED_FESTIVALS, () => UNPLACED),
];

function readFestival(festival: Festival, m: RegExpExecArray, today: string): TimeMeaning | undefined {
  const [, lead, yearBefore, qualifierBefore, , yearAfter, relativeAfter, suffix] = m;
  // "singles day last year" is "last year's singles day".
  const qualifier = qualifierBefore ?? (relativeAfter ? `${relativeAfter}'s` : undefined);
  if (festival.context && !hasNumberContext(m, festival.context)) return undefined;
  const part: Part = lead === 'since' ? 'since' : lead ? 'vague' : suffix ? SUFFIX_PART[suffix] : 'bare';
  if (part === 'vague') return UNPLACED;
  const now = parseIsoDate(today).year;
  const spanIn = (year: number) => span(festival, year, part);

  if (qualifier && NEXT.test(qualifier)) {
    for (let year = now; year <= now + 1; year++) {
      const s = spanIn(year);
      if (s && s.from >= today) return { kind: 'future', range: { kind: 'absolute', ...s } };
    }
    return { kind: 'future' };
  }
  const named = yearBefore ?? yearAfter;
  const back = yearsBack(qualifier);
  if (named || back !== undefined) {
    const s = spanIn(named ? Number(named) : now - back!);
    if (!s) return back !== undefined && back < 0 ? { kind: 'future' } : UNPLACED;
    return back !== undefined && back < 0 ? { kind: 'future', range: { kind: 'absolute', ...s } } : reading(s, part, today);
  }
  // The latest occurrence that has passed: wholly, or for "since" begun before today.
  for (let year = now; year >= now - 2; year--) {
    const s = spanIn(year);
    if (s && (part === 'since' ? s.from < today : s.to < today)) return reading(s, part, today);
  }
  return UNPLACED;
}

/** Whether a number that names a festival (618, 520) has something around it that says so: not "orders over 618". */
function hasNumberContext(m: RegExpExecArray, context: string): boolean {
  const [, , yearBefore, qualifier, , yearAfter, relativeAfter, suffix] = m;
  if (m.input[m.index - 1] === '.') return false;
  if (yearBefore || yearAfter || relativeAfter || suffix || (qualifier && qualifier !== 'the')) return true;
  return new RegExp(`^\\s*(?:${context})`).test(m.input.slice(m.index + m[0].length));
}

function span(festival: Festival, year: number, part: Part): DateSpan | undefined {
  const wantsHoliday = part === 'holiday' || (part === 'bare' && festival.bare === 'holiday');
  const holiday = wantsHoliday ? festival.holiday?.(year) : undefined;
  if (holiday) return holiday;
  const day = festival.day(year);
  return day === undefined ? undefined : { from: day, to: day };
}

function reading(s: DateSpan, part: Part, today: string): TimeMeaning {
  if (part === 'since') {
    const to = addDays(today, -1);
    return s.from <= to ? { kind: 'range', range: { kind: 'absolute', from: s.from, to } } : { kind: 'future', range: { kind: 'absolute', ...s } };
  }
  return namedDates(s, today);
}

export function parseFestivalExpressions(text: string, today: string): TimeCandidate[] {
  return matchDatedRules(text, RULES, today);
}
