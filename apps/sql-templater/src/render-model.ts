import type { DateSpan, FilterOperator, FilterScalar, Grain, PeriodUnit, ResultColumn } from '@chatbi/contracts';

/**
 * Everything a template needs, checked against the catalog: identifiers arrive quoted, virtual
 * columns expanded, values coerced to their column's type but still values (templates bind them
 * through the param helper, never paste them).
 */
export interface RenderModel {
  /** rows: the rows semantic operators judge (rows.hbs), before the aggregate over those that pass. */
  shape: 'aggregate' | 'compare' | 'rows';
  /** The quoted warehouse relation. */
  source: string;
  /** Always present; its fields are null when the plan names no time column. */
  time: TimeModel;
  /** The quoted output name of the time bucket (the time column's name). */
  timeAlias: string;
  dimensions: Output[];
  metrics: Output[];
  /** Compare shape: metrics that only a metric filter needs, aggregated beside the answer's. */
  hidden: Output[];
  where: Condition[];
  /** Aggregate shape: over aggregate expressions. Compare shape: over `cur.<alias>`. */
  having: Condition[];
  shares: Share[];
  order: OrderKey[];
  limit: number;
  /** Compare shape only. */
  compare: CompareModel | null;
  /** The calendar range the answer covers, when the plan has one. */
  span: DateSpan | null;
  outputColumns: OutputColumn[];
  /** After a semantic operator: the aggregate reads only these rows (keys.hbs); null otherwise. */
  rowKeys: RowKeys | null;
  /** Rows shape: the quoted row key and the text columns the operators read. */
  rowKey: Output | null;
  texts: Output[];
}

export interface RowKeys {
  /** The quoted row-key column. */
  expr: string;
  /** Bound as parameters, never written into the SQL. */
  values: (string | number)[];
  type: 'number' | 'string';
}

export interface TimeModel {
  /** The quoted time column. */
  column: string | null;
  type: 'date' | 'timestamp' | null;
  grain: Grain | null;
  /** Rows read, when the plan limits time: from inclusive, until exclusive (dates). */
  window: TimeWindow | null;
}

export interface TimeWindow {
  from: string;
  until: string;
}

export interface Output {
  /** SQL over quoted catalog columns. */
  expr: string;
  /** The quoted output name. */
  alias: string;
}

export type ValueType = 'string' | 'number' | 'boolean' | 'date' | 'timestamp';

export interface Condition {
  expr: string;
  op: FilterOperator;
  /** Coerced to `type`: none for null checks, one for comparisons, two for between, any for in lists. */
  values: FilterScalar[];
  type: ValueType;
}

export interface Share {
  /** The quoted metric alias whose share this is. */
  metric: string;
  /** The metric's aggregate expression, evaluated over all rows of the bucket for the total. */
  expr: string;
  alias: string;
}

export interface OrderKey {
  /** A quoted output name. */
  by: string;
  dir: 'ASC' | 'DESC';
  /** Whether the column holds text (DuckDB's template works around a bug in sorting such columns). */
  text: boolean;
}

/**
 * How a comparison reads its data. `bucket` keying (every period covers whole buckets of the
 * grain): rows are aggregated once per calendar bucket and a bucket's previous value is the
 * bucket holding the same date one unit earlier. `period` keying (partial buckets, or no grain):
 * rows are aggregated per period as well, so a period holding part of a bucket compares with the
 * same part of the previous one.
 */
export interface CompareModel {
  keying: 'bucket' | 'period';
  current: TimeWindow;
  /** Each scan reads one contiguous window once; the scans are combined with UNION ALL. */
  scans: Scan[];
  /** Bucket keying: how many buckets of the grain the scans read in all (per dimension value); null for period keying. */
  buckets: number | null;
  comparisons: Comparison[];
}

export interface Scan {
  window: TimeWindow;
  /** Period keying: the pairwise disjoint periods inside this window, labelled per row. */
  periods: { label: string; window: TimeWindow }[];
  /** Period keying with a single period: its label, written as a constant. */
  label: string | null;
}

export interface Comparison {
  kind: string;
  /** The SQL alias of the previous period's rows in the final join, e.g. p_wow. */
  ref: string;
  /** Period keying: the label of the previous period's rows. */
  label: string;
  /** How far back the previous bucket lies. */
  unit: PeriodUnit;
  /** The same as a fixed distance between bucket starts, when there is one for every bucket of the grain. */
  step: BucketStep | null;
  window: TimeWindow;
  outputs: ComparisonOutput[];
}

/**
 * The previous bucket starts exactly `n` of `part` before the current one: date_diff(part, previous,
 * current) = n. Month-long or longer buckets start on the 1st, so whole months back never clamp;
 * a day's bucket one month back has no such distance (Mar 31 and Mar 28 both look at Feb 28).
 */
export interface BucketStep {
  part: 'day' | 'month';
  n: number;
}

export interface ComparisonOutput {
  /** The quoted metric alias. */
  metric: string;
  measure: 'ratio' | 'diff';
  alias: string;
}

export type OutputColumn = Pick<ResultColumn, 'name' | 'role'> & { type: string };
