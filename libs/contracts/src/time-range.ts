import type { PeriodUnit, TimeRange } from './plan.schema';

/** An inclusive range of calendar dates, as YYYY-MM-DD. */
export interface DateSpan {
  from: string;
  to: string;
}

/**
 * Turns a plan's relative range into calendar dates. The latest day with data is today minus the
 * view's latency, so "the last 7 days" ends yesterday by default (a BI convention).
 */
export function resolveTimeRange(range: TimeRange, today: string, latencyDays: number): DateSpan {
  const latest = addDays(today, -latencyDays);
  switch (range.kind) {
    case 'absolute':
      return { from: range.from, to: range.to };
    case 'last':
      return { from: addDays(shift(latest, range.unit, -range.n), 1), to: latest };
    case 'point': {
      const anchor = shift(today, range.unit, range.offset);
      const from = startOf(anchor, range.unit);
      const end = addDays(shift(from, range.unit, 1), -1);
      return { from, to: range.offset === 0 && end > latest ? latest : end };
    }
    case 'to_date':
      return { from: startOf(today, range.unit), to: latest };
  }
}

/** How the answer's dates were asked for, as far as the period it is compared with depends on it. */
export interface ComparedRange {
  /** The plan's range, when the dates are exactly its reading (no filter narrowed them). */
  range?: TimeRange | null;
  /** Each time bucket is compared with its own previous bucket (the answer has a grain). */
  perBucket?: boolean;
}

/**
 * The dates a comparison one `unit` back (DoD: a day ... YoY: a year) compares a span with:
 * - a total by days (DoD), or "the last n units" by the same unit: as many days, or n units, just
 *   before (the last 7 days against the 7 days before);
 * - whole calendar months (a month, quarter, year or a run of them) by months, quarters or years:
 *   the whole months one unit back (November against all of October, Q1 against Q4, February with
 *   or without its 29th), unless the range is "the last n days or weeks";
 * - otherwise the same dates one unit back, a date past the month's end clamped to it (the month
 *   so far Mar 1-30 against Feb 1-28, a Mon-Sun week against the one before).
 * With a grain only the last two apply: each bucket is compared with the bucket one unit back,
 * whose dates the previous span then holds. An empty span (this week so far, on a Monday) has an
 * empty previous one.
 */
export function previousSpan(span: DateSpan, unit: PeriodUnit, compared: ComparedRange = {}): DateSpan {
  if (span.from > span.to) return span;
  const trailing = compared.range?.kind === 'last' ? compared.range : null;
  if (!compared.perBucket) {
    if (unit === 'day') return { from: addDays(span.from, -(daysBetween(span.from, span.to) + 1)), to: addDays(span.from, -1) };
    if (trailing?.unit === unit) return { from: shift(span.from, unit, -trailing.n), to: addDays(span.from, -1) };
  }
  const from = shift(span.from, unit, -1);
  const to = shift(span.to, unit, -1);
  const wholeMonths = span.from.endsWith('-01') && addDays(span.to, 1).endsWith('-01');
  if (unit !== 'day' && unit !== 'week' && wholeMonths && trailing?.unit !== 'day' && trailing?.unit !== 'week') {
    return { from, to: addDays(shift(startOf(to, 'month'), 'month', 1), -1) };
  }
  return { from, to };
}

export function addDays(date: string, days: number): string {
  const d = parse(date);
  d.setUTCDate(d.getUTCDate() + days);
  return format(d);
}

/** Moves a date by whole units; months clamp to the month's last day (Jan 31 + 1 month = Feb 28). */
export function shift(date: string, unit: PeriodUnit, n: number): string {
  if (unit === 'day') return addDays(date, n);
  if (unit === 'week') return addDays(date, 7 * n);
  const months = unit === 'month' ? n : unit === 'quarter' ? 3 * n : 12 * n;
  const d = parse(date);
  const day = d.getUTCDate();
  d.setUTCDate(1);
  d.setUTCMonth(d.getUTCMonth() + months);
  const last = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 0)).getUTCDate();
  d.setUTCDate(Math.min(day, last));
  return format(d);
}

/** The first day of the period holding the date; weeks start on Monday (ISO 8601). */
export function startOf(date: string, unit: PeriodUnit): string {
  const d = parse(date);
  switch (unit) {
    case 'day':
      return date;
    case 'week':
      return addDays(date, -((d.getUTCDay() + 6) % 7));
    case 'month':
      return format(new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), 1)));
    case 'quarter':
      return format(new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() - (d.getUTCMonth() % 3), 1)));
    case 'year':
      return format(new Date(Date.UTC(d.getUTCFullYear(), 0, 1)));
  }
}

export function daysBetween(from: string, to: string): number {
  return Math.round((parse(to).getTime() - parse(from).getTime()) / 86_400_000);
}

/** The calendar date of an instant in the process's time zone. */
export function localDate(instant: Date): string {
  const y = instant.getFullYear();
  const m = String(instant.getMonth() + 1).padStart(2, '0');
  const d = String(instant.getDate()).padStart(2, '0');
  return `${y}-${m}-${d}`;
}

function parse(date: string): Date {
  return new Date(`${date}T00:00:00Z`);
}

function format(d: Date): string {
  return d.toISOString().slice(0, 10);
}
