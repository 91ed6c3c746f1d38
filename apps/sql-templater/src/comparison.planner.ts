import { addDays, daysBetween, previousSpan, startOf, type CompareOutput, type DateSpan, type Grain, type PeriodUnit, type PlanCompare, type TimeRange } from '@chatbi/contracts';
import { planFieldError } from './plan-field.error';
import type { BucketStep, CompareModel, Comparison, ComparisonOutput, OutputColumn, Scan, TimeWindow } from './render-model';

/** How far back each comparison looks. */
export const COMPARISON_UNITS: Readonly<Record<PlanCompare['kind'], PeriodUnit>> = {
  dod: 'day',
  wow: 'week',
  mom: 'month',
  qoq: 'quarter',
  yoy: 'year',
};

/** The columns each comparison output adds per metric, in order. */
const COMPARE_MEASURES: Readonly<Record<CompareOutput, readonly ComparisonOutput['measure'][]>> = {
  ratio: ['ratio'],
  diff: ['diff'],
  both: ['ratio', 'diff'],
  previous: ['previous'],
  all: ['previous', 'diff', 'ratio'],
};
const MEASURE_SUFFIX: Readonly<Record<ComparisonOutput['measure'], string>> = { ratio: '', diff: '_diff', previous: '_prev' };

const GRAIN_ORDER: readonly Grain[] = ['hour', 'day', 'week', 'month', 'quarter', 'year'];

const MONTHS_PER: Readonly<Partial<Record<Grain | PeriodUnit, number>>> = { month: 1, quarter: 3, year: 12 };

export interface ComparisonPlanInput {
  compare: readonly PlanCompare[];
  span: DateSpan;
  /** The plan's range when the span is exactly its reading: "the last 7 days" compare differently from a week. */
  range: TimeRange | null;
  grain: Grain | null;
  /** Output names of the plan's metrics, in plan order. */
  metricNames: readonly string[];
  quote: (identifier: string) => string;
  /** Reserves an output name for a plan field; throws when the answer already has that name. */
  claimName: (name: string, field: string) => void;
}

/**
 * Turns a plan's comparisons into periods and scans. The previous period of a comparison is the
 * span previousSpan names (November against all of October, the last 7 days against the 7 days
 * before), and a bucket's previous value is the bucket holding its first date moved back one unit
 * (months clamp: Mar 31 -> Feb 28): matched by date, never by row position, so a missing day or
 * month yields NULL.
 */
export function planComparisons(input: ComparisonPlanInput): { model: Omit<CompareModel, 'rolled'>; outputColumns: OutputColumn[] } {
  const { span, grain, quote } = input;
  const current: TimeWindow = { from: span.from, until: addDays(span.to, 1) };
  const comparisons: Comparison[] = [];
  const outputColumns: OutputColumn[] = [];
  input.compare.forEach((c, i) => {
    if (comparisons.some((x) => x.kind === c.kind)) throw planFieldError('PLAN_INVALID', `compare[${i}].kind`, `${c.kind} is asked twice`);
    const unit = COMPARISON_UNITS[c.kind];
    if (grain && GRAIN_ORDER.indexOf(grain) > GRAIN_ORDER.indexOf(unit)) {
      throw planFieldError(
        'PLAN_INVALID',
        `compare[${i}].kind`,
        `${c.kind} compares with one ${unit} earlier, which means nothing for rows by ${grain}; use a finer time.grain or a longer comparison`,
      );
    }
    const previous = previousSpan(span, unit, { range: input.range, perBucket: grain !== null });
    const window = { from: previous.from, until: addDays(previous.to, 1) };
    const output = c.output ?? 'ratio';
    const measures = COMPARE_MEASURES[output];
    const outputs: Comparison['outputs'] = [];
    for (const name of input.metricNames) {
      for (const measure of measures) {
        const column = `${name}_${c.kind}${MEASURE_SUFFIX[measure]}`;
        input.claimName(column, `compare[${i}]`);
        outputs.push({ metric: quote(name), measure, alias: quote(column) });
        outputColumns.push({ name: column, alias: quote(column), role: 'comparison', type: 'decimal' });
      }
    }
    comparisons.push({ kind: c.kind, ref: `p_${c.kind}`, label: c.kind, unit, step: grain ? bucketStep(grain, unit) : null, window, outputs });
  });

  const windows = [current, ...comparisons.map((c) => c.window)];
  const keying = grain && windows.every((w) => coversWholeBuckets(w, grain)) ? 'bucket' : 'period';
  const scans =
    keying === 'bucket'
      ? mergeWindows(windows).map((window): Scan => ({ window, periods: [], label: null }))
      : periodScans([{ label: 'current', window: current }, ...comparisons.map((c) => ({ label: c.label, window: c.window }))]);
  const buckets = keying === 'bucket' ? scans.reduce((n, scan) => n + bucketCount(scan.window, grain!), 0) : null;
  return { model: { keying, current, scans, buckets, comparisons }, outputColumns };
}

/**
 * The distance back to the previous bucket, when every bucket of the grain has the same one. Only
 * DATE buckets: an hour's bucket one day back is a calendar day in the session's time zone, which
 * a fixed 24 hours is not across a change of clocks.
 */
export function bucketStep(grain: Grain, unit: PeriodUnit): BucketStep | null {
  if (grain === 'hour') return null;
  const months = MONTHS_PER[unit];
  if (grain === 'day' || grain === 'week') return months ? null : { part: 'day', n: unit === 'day' ? 1 : 7 };
  return months ? { part: 'month', n: months } : null;
}

/** How many buckets of the grain a window of whole buckets holds. */
export function bucketCount(window: TimeWindow, grain: Grain): number {
  const days = daysBetween(window.from, window.until);
  if (grain === 'hour') return 24 * days;
  if (grain === 'day') return days;
  if (grain === 'week') return Math.ceil(days / 7);
  const months = (Number(window.until.slice(0, 4)) - Number(window.from.slice(0, 4))) * 12 + Number(window.until.slice(5, 7)) - Number(window.from.slice(5, 7));
  return Math.ceil(months / MONTHS_PER[grain]!);
}

/** Whether the window starts and ends on bucket boundaries (days always do). */
export function coversWholeBuckets(window: TimeWindow, grain: Grain): boolean {
  if (grain === 'hour' || grain === 'day') return true;
  return startOf(window.from, grain) === window.from && startOf(window.until, grain) === window.until;
}

/** Overlapping or touching windows merged, in calendar order: each is read by one scan. */
export function mergeWindows(windows: readonly TimeWindow[]): TimeWindow[] {
  const sorted = [...windows].sort((a, b) => (a.from < b.from ? -1 : a.from > b.from ? 1 : 0));
  const merged: TimeWindow[] = [];
  for (const w of sorted) {
    const last = merged[merged.length - 1];
    if (last && w.from <= last.until) {
      if (w.until > last.until) last.until = w.until;
    } else {
      merged.push({ ...w });
    }
  }
  return merged;
}

/**
 * Periods grouped into scans: a scan reads one contiguous window whose periods do not overlap,
 * so each row belongs to one period and is read once. Overlapping periods (a week's total with
 * its day-on-day change) need a scan each.
 */
function periodScans(periods: { label: string; window: TimeWindow }[]): Scan[] {
  const scans: Scan[] = [];
  const sorted = [...periods].sort((a, b) => (a.window.from < b.window.from ? -1 : a.window.from > b.window.from ? 1 : 0));
  for (const period of sorted) {
    const scan = scans.find(
      (s) =>
        (period.window.from === s.window.until || period.window.until === s.window.from) &&
        s.periods.every((p) => p.window.until <= period.window.from || period.window.until <= p.window.from),
    );
    if (scan) {
      scan.periods.push(period);
      scan.window = {
        from: period.window.from < scan.window.from ? period.window.from : scan.window.from,
        until: period.window.until > scan.window.until ? period.window.until : scan.window.until,
      };
    } else {
      scans.push({ window: { ...period.window }, periods: [period], label: null });
    }
  }
  for (const scan of scans) scan.label = scan.periods.length === 1 ? scan.periods[0].label : null;
  return scans;
}
