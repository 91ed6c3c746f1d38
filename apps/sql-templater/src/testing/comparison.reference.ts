import { addDays, shift, startOf, type Grain, type PeriodUnit } from '@chatbi/contracts';

/**
 * The meaning of a period comparison, written independently of the SQL: the current value of a
 * bucket is the metric over the current range's rows in it; its previous value is the metric over
 * the previous range's rows in the bucket holding the bucket's first date moved back one unit (by
 * the calendar, months clamping); no such rows, no previous value. The previous range is the same
 * dates one unit back, whole months staying whole (all of January before February); a total
 * compared day on day looks at as many days just before. Ranges given as "the last n units" are
 * not modelled here.
 */
export interface ReferenceInput<Row> {
  rows: readonly Row[];
  day: (row: Row) => string;
  /** Inclusive calendar range of the answer. */
  from: string;
  to: string;
  /** Buckets of days only: hours are not modelled here. */
  grain: Exclude<Grain, 'hour'> | null;
  unit: PeriodUnit;
  /** Dimension values of a row, joined into one key. */
  dims: (row: Row) => string;
  metric: (rows: readonly Row[]) => number;
}

export interface ReferenceRow {
  bucket: string;
  dims: string;
  current: number;
  previous: number | null;
}

export function referenceComparison<Row>(input: ReferenceInput<Row>): ReferenceRow[] {
  const { from, to, unit, grain } = input;
  const [prevFrom, prevTo] = previousRange(from, to, unit, grain);
  const bucketOf = (day: string) => (grain === null ? 'all' : grain === 'day' ? day : startOf(day, grain));
  const group = (lo: string, hi: string) => {
    const groups = new Map<string, Row[]>();
    for (const row of input.rows) {
      const day = input.day(row);
      if (day < lo || day > hi) continue;
      const key = `${bucketOf(day)}|${input.dims(row)}`;
      const list = groups.get(key);
      if (list) list.push(row);
      else groups.set(key, [row]);
    }
    return groups;
  };
  const current = group(from, to);
  const previous = group(prevFrom, prevTo);
  return [...current.entries()]
    .map(([key, rows]) => {
      const [bucket, dims] = splitKey(key);
      const prevBucket = grain === null ? 'all' : bucketOf(shift(bucket, unit, -1));
      const prevRows = previous.get(`${prevBucket}|${dims}`);
      return { bucket, dims, current: input.metric(rows), previous: prevRows ? input.metric(prevRows) : null };
    })
    .sort((a, b) => (a.bucket + a.dims < b.bucket + b.dims ? -1 : 1));
}

function previousRange(from: string, to: string, unit: PeriodUnit, grain: Grain | null): [string, string] {
  if (grain === null && unit === 'day') {
    const days = daysOf(from, to).length;
    return [addDays(from, -days), addDays(from, -1)];
  }
  const after = addDays(to, 1);
  const wholeMonths = from.endsWith('-01') && after.endsWith('-01');
  if (wholeMonths && unit !== 'day' && unit !== 'week') return [shift(from, unit, -1), addDays(shift(after, unit, -1), -1)];
  return [shift(from, unit, -1), shift(to, unit, -1)];
}

/** The ratio a comparison answers: (current - previous) / previous, null without a previous value or when it is 0. */
export function ratio(current: number, previous: number | null): number | null {
  return previous === null || previous === 0 ? null : (current - previous) / previous;
}

export function distinctCount<Row>(value: (row: Row) => unknown): (rows: readonly Row[]) => number {
  return (rows) => new Set(rows.map(value).filter((v) => v !== null && v !== undefined)).size;
}

export function total<Row>(value: (row: Row) => number): (rows: readonly Row[]) => number {
  return (rows) => rows.reduce((s, r) => s + value(r), 0);
}

/** Days from..to inclusive. */
export function daysOf(from: string, to: string): string[] {
  const days: string[] = [];
  for (let d = from; d <= to; d = addDays(d, 1)) days.push(d);
  return days;
}

function splitKey(key: string): [string, string] {
  const at = key.indexOf('|');
  return [key.slice(0, at), key.slice(at + 1)];
}
