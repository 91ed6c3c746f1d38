import type { Grain, TimeRange } from '@chatbi/contracts';
import { rangeDayCount } from '@chatbi/language';

/** Beyond this many days a daily series gets too long to read; months take over. */
export const MAX_DAILY_DAYS = 62;

/**
 * The grain when the question names none. A rolling window ("the last 7 days", 近30天) is a series
 * by day (by month beyond MAX_DAILY_DAYS); a named period (yesterday, last week, last month, this
 * month so far, 双十一) is one figure.
 */
export function defaultGrain(range: TimeRange, today: string, latencyDays: number): Grain | undefined {
  return range.kind === 'last' ? seriesGrain(range, today, latencyDays) : undefined;
}

/** The grain of a series over a range ("trend", or a follow-up keeping a series): by day, by month beyond MAX_DAILY_DAYS. */
export function seriesGrain(range: TimeRange, today: string, latencyDays: number): Grain | undefined {
  const days = rangeDayCount(range, today, latencyDays);
  if (days <= 1) return undefined;
  return days <= MAX_DAILY_DAYS ? 'day' : 'month';
}
