import { resolveTimeRange, type PlanCompare, type TimeRange } from '@chatbi/contracts';
import { planComparisons } from './comparison.planner';

/**
 * Every day of 2024-2026 as "today", every range reading the planner produces, every comparison:
 * the previous period the planner picks against a reference written here on integers (an index per
 * calendar day, built by counting the days of each month, and months as year * 12 + month), never
 * through the calendar functions under test. Latency 1 day, as in the demo.
 */

// ---- the reference calendar ----

const isLeap = (y: number) => y % 4 === 0 && (y % 100 !== 0 || y % 400 === 0);
const monthLength = (y: number, m: number) => (m === 2 ? (isLeap(y) ? 29 : 28) : [4, 6, 9, 11].includes(m) ? 30 : 31);
const pad = (n: number) => String(n).padStart(2, '0');

interface CalendarDay {
  y: number;
  m: number;
  d: number;
  iso: string;
}
const DAYS: CalendarDay[] = [];
const INDEX = new Map<string, number>();
for (let y = 2022; y <= 2027; y++) {
  for (let m = 1; m <= 12; m++) {
    for (let d = 1; d <= monthLength(y, m); d++) {
      const iso = `${y}-${pad(m)}-${pad(d)}`;
      INDEX.set(iso, DAYS.length);
      DAYS.push({ y, m, d, iso });
    }
  }
}
const dayAt = (y: number, m: number, d: number) => INDEX.get(`${y}-${pad(m)}-${pad(d)}`)!;
/** 0 for Monday: 2022-01-03 was a Monday. */
const weekday = (i: number) => (((i - INDEX.get('2022-01-03')!) % 7) + 7) % 7;
const monthNumber = (i: number) => DAYS[i].y * 12 + DAYS[i].m - 1;
const firstOfMonth = (k: number) => dayAt(Math.floor(k / 12), (k % 12) + 1, 1);
const lastOfMonth = (k: number) => dayAt(Math.floor(k / 12), (k % 12) + 1, monthLength(Math.floor(k / 12), (k % 12) + 1));
/** The same day number `months` months earlier, or that month's last day. */
const monthsBack = (i: number, months: number) => {
  const k = monthNumber(i) - months;
  const [y, m] = [Math.floor(k / 12), (k % 12) + 1];
  return dayAt(y, m, Math.min(DAYS[i].d, monthLength(y, m)));
};

/** Inclusive day indexes; from > to is an empty window. */
type Window = [number, number];

// ---- what the readings mean ----

type Shape = 'single day' | 'trailing days' | 'calendar' | 'so far';
interface Reading {
  name: string;
  range: TimeRange;
  shape: Shape;
  /** The answer's days on day t (the latest day with data is t - 1). */
  current: (t: number) => Window;
}

const quarterStart = (t: number) => monthNumber(t) - (DAYS[t].m - 1) % 3;
const yearStart = (t: number) => DAYS[t].y * 12;
const monday = (t: number) => t - weekday(t);

const READINGS: Reading[] = [
  { name: 'yesterday', range: { kind: 'point', unit: 'day', offset: -1 }, shape: 'single day', current: (t) => [t - 1, t - 1] },
  { name: 'last 7 days', range: { kind: 'last', n: 7, unit: 'day' }, shape: 'trailing days', current: (t) => [t - 7, t - 1] },
  { name: 'last 30 days', range: { kind: 'last', n: 30, unit: 'day' }, shape: 'trailing days', current: (t) => [t - 30, t - 1] },
  { name: 'last week', range: { kind: 'point', unit: 'week', offset: -1 }, shape: 'calendar', current: (t) => [monday(t) - 7, monday(t) - 1] },
  { name: 'this week so far', range: { kind: 'to_date', unit: 'week' }, shape: 'so far', current: (t) => [monday(t), t - 1] },
  { name: 'last month', range: { kind: 'point', unit: 'month', offset: -1 }, shape: 'calendar', current: (t) => [firstOfMonth(monthNumber(t) - 1), lastOfMonth(monthNumber(t) - 1)] },
  { name: 'this month so far', range: { kind: 'to_date', unit: 'month' }, shape: 'so far', current: (t) => [firstOfMonth(monthNumber(t)), t - 1] },
  { name: 'last quarter', range: { kind: 'point', unit: 'quarter', offset: -1 }, shape: 'calendar', current: (t) => [firstOfMonth(quarterStart(t) - 3), lastOfMonth(quarterStart(t) - 1)] },
  { name: 'this quarter so far', range: { kind: 'to_date', unit: 'quarter' }, shape: 'so far', current: (t) => [firstOfMonth(quarterStart(t)), t - 1] },
  { name: 'last year', range: { kind: 'point', unit: 'year', offset: -1 }, shape: 'calendar', current: (t) => [firstOfMonth(yearStart(t) - 12), lastOfMonth(yearStart(t) - 1)] },
  { name: 'this year so far', range: { kind: 'to_date', unit: 'year' }, shape: 'so far', current: (t) => [firstOfMonth(yearStart(t)), t - 1] },
];

const KINDS: PlanCompare['kind'][] = ['dod', 'wow', 'mom', 'qoq', 'yoy'];
const MONTHS_BACK: Partial<Record<PlanCompare['kind'], number>> = { mom: 1, qoq: 3, yoy: 12 };

/** Whether the window is whole calendar months: it starts on a 1st and the day after it is a 1st. */
const isWholeMonths = ([from, to]: Window) => DAYS[from].d === 1 && DAYS[to + 1].d === 1;

/**
 * The previous period, as an analyst reads it. A total compared day on day: as many days just
 * before. Whole months (last month, quarter or year, or a period so far that happens to be whole
 * months) by months, quarters or years: the whole months that many months back. Anything else, and
 * every comparison of a series by day (each day against its own previous day): each day one unit
 * back, month ends clamped; weeks are 7 days.
 */
function expectedPrevious(reading: Reading, window: Window, kind: PlanCompare['kind'], byDay: boolean): Window {
  const [from, to] = window;
  if (kind === 'dod') return byDay ? [from - 1, to - 1] : [from - (to - from + 1), from - 1];
  if (kind === 'wow') return [from - 7, to - 7];
  const months = MONTHS_BACK[kind]!;
  if (reading.shape !== 'trailing days' && isWholeMonths(window)) {
    return [firstOfMonth(monthNumber(from) - months), lastOfMonth(monthNumber(to) - months)];
  }
  return [monthsBack(from, months), monthsBack(to, months)];
}

/** The day a series by day compares a day with. */
function previousDay(i: number, kind: PlanCompare['kind']): number {
  if (kind === 'dod') return i - 1;
  if (kind === 'wow') return i - 7;
  return monthsBack(i, MONTHS_BACK[kind]!);
}

// ---- the code under test ----

function plan(range: TimeRange, span: { from: string; to: string }, grain: 'day' | 'month' | null, kinds: PlanCompare['kind'][]) {
  return planComparisons({
    compare: kinds.map((kind) => ({ kind })),
    span,
    range,
    grain,
    metricNames: ['dau'],
    quote: (s) => `"${s}"`,
    claimName: () => undefined,
  }).model;
}

const show = ([from, to]: Window) => (from > to ? 'nothing' : `${DAYS[from].iso}..${DAYS[to].iso}`);
const untilOf = (to: number) => DAYS[to + 1].iso;
const showWindow = (w: { from: string; until: string }) => (w.from >= w.until ? 'nothing' : `${w.from}..${DAYS[INDEX.get(w.until)! - 1].iso}`);

describe('the previous period of every comparison, on every day of 2024-2026', () => {
  const todays: number[] = [];
  for (let t = dayAt(2024, 1, 1); t <= dayAt(2026, 12, 31); t++) todays.push(t);

  it('resolves each reading to the days the reference counts, and compares totals with the period the reference names', () => {
    const failures: string[] = [];
    let checked = 0;
    for (const t of todays) {
      const today = DAYS[t].iso;
      for (const reading of READINGS) {
        const window = reading.current(t);
        const span = resolveTimeRange(reading.range, today, 1);
        const empty = window[0] > window[1];
        if (empty ? span.from <= span.to : span.from !== DAYS[window[0]].iso || span.to !== DAYS[window[1]].iso) {
          failures.push(`${today} ${reading.name}: resolved ${span.from}..${span.to}, want ${show(window)}`);
          continue;
        }
        const model = plan(reading.range, span, null, KINDS);
        for (const comparison of model.comparisons) {
          const kind = comparison.kind as PlanCompare['kind'];
          const want = expectedPrevious(reading, window, kind, false);
          const got = comparison.window;
          const ok = empty ? got.from >= got.until : got.from === DAYS[want[0]].iso && got.until === untilOf(want[1]);
          if (!ok) failures.push(`${today} ${reading.name} ${kind}: ${showWindow(got)}, want ${show(want)}`);
          checked++;
        }
      }
    }
    expect(failures.slice(0, 20)).toEqual([]);
    expect(checked).toBe(todays.length * READINGS.length * KINDS.length);
  });

  it('reads every previous day of a series by day, and compares whole months month by month', () => {
    const failures: string[] = [];
    for (const t of todays) {
      const today = DAYS[t].iso;
      for (const reading of READINGS) {
        const window = reading.current(t);
        if (window[0] > window[1]) continue;
        const span = resolveTimeRange(reading.range, today, 1);
        const daily = plan(reading.range, span, 'day', KINDS);
        if (daily.keying !== 'bucket') failures.push(`${today} ${reading.name} by day: ${daily.keying} keying`);
        for (const comparison of daily.comparisons) {
          const kind = comparison.kind as PlanCompare['kind'];
          const want = expectedPrevious(reading, window, kind, true);
          const got = comparison.window;
          if (got.from !== DAYS[want[0]].iso || got.until !== untilOf(want[1])) {
            failures.push(`${today} ${reading.name} ${kind} by day: ${showWindow(got)}, want ${show(want)}`);
          }
          // Previous days only move forward with the day, so the first and last day's bound them all.
          for (const i of window) {
            const previous = DAYS[previousDay(i, kind)].iso;
            if (previous < got.from || previous >= got.until) failures.push(`${today} ${reading.name} ${kind}: ${DAYS[i].iso} looks at ${previous}, outside ${showWindow(got)}`);
          }
        }
        if (isWholeMonths(window) && reading.shape !== 'trailing days') {
          const monthly = plan(reading.range, span, 'month', ['mom', 'qoq', 'yoy']);
          if (monthly.keying !== 'bucket') failures.push(`${today} ${reading.name} by month: ${monthly.keying} keying`);
        }
      }
    }
    expect(failures.slice(0, 20)).toEqual([]);
  });
});
