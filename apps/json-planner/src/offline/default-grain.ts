import type { Grain, TimeRange } from '@chatbi/contracts';
import { rangeDayCount } from '@chatbi/language';

/** Beyond this many days a daily series gets too long to read; months take over. */
export const MAX_DAILY_DAYS = 62;

/** The grain when the question names none: a series by day (or month) over ranges longer than a day. */
export function defaultGrain(range: TimeRange, today: string, latencyDays: number): Grain | undefined {
  const days = rangeDayCount(range, today, latencyDays);
  if (days <= 1) return undefined;
  return days <= MAX_DAILY_DAYS ? 'day' : 'month';
}
