import { addDays, resolveTimeRange, shift as shiftDate, type TimeRange } from '@chatbi/contracts';
import type { RangeShift } from '@chatbi/language';

/**
 * The previous range moved by whole units, as "one more day back" or 再往前一周 asks: a calendar
 * period of the same unit stays one ("yesterday" one day back is "the day before yesterday"); any
 * other range becomes the dates it covered, moved.
 */
export function shiftRange(range: TimeRange, by: RangeShift, today: string, latencyDays: number): TimeRange {
  if (by.n === 0) return range;
  if (range.kind === 'point' && range.unit === by.unit && range.offset + by.n <= 0) return { ...range, offset: range.offset + by.n };
  const span = resolveTimeRange(range, today, latencyDays);
  const from = shiftDate(span.from, by.unit, by.n);
  // A moved month ends on the moved month's last day, not on the day number it ended on.
  const to = by.unit === 'day' || by.unit === 'week' ? shiftDate(span.to, by.unit, by.n) : addDays(shiftDate(addDays(span.to, 1), by.unit, by.n), -1);
  return { kind: 'absolute', from, to };
}
