import { daysBetween, resolveTimeRange, type TimeRange } from '@chatbi/contracts';

/** Calendar helpers for reading dates out of text; YYYY-MM-DD strings, UTC throughout. */

export function isValidDate(year: number, month: number, day: number): boolean {
  if (!Number.isInteger(year) || month < 1 || month > 12 || day < 1) return false;
  return day <= daysInMonth(year, month);
}

export function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

export function isoDate(year: number, month: number, day: number): string {
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

export function parseIsoDate(iso: string): { year: number; month: number; day: number } {
  const [year, month, day] = iso.split('-').map(Number);
  return { year, month, day };
}

/**
 * How many calendar days a range covers, resolved the way the SQL templates resolve it (relative
 * ranges end at the latest day with data: today minus the latency). Used to pick a default grain.
 */
export function rangeDayCount(range: TimeRange, today: string, latencyDays = 1): number {
  const span = resolveTimeRange(range, today, latencyDays);
  return Math.max(0, daysBetween(span.from, span.to) + 1);
}

/** The nth given weekday of a month (weekday 0 is Monday; n = 4 is the fourth). */
export function nthWeekdayOfMonth(year: number, month: number, weekday: number, n: number): string {
  const firstWeekday = (new Date(Date.UTC(year, month - 1, 1)).getUTCDay() + 6) % 7;
  return isoDate(year, month, 1 + ((weekday - firstWeekday + 7) % 7) + 7 * (n - 1));
}
