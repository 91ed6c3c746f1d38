import type { DateSpan, FilterOperator, FilterScalar, Grain, PeriodUnit, ResultColumn } from '@chatbi/contracts';

/**
 * Everything a template needs, checked against the catalog: identifiers arrive quoted, virtual
 * columns expanded, values coerced to their column's type but still values (templates bind them
 * through the param helper, never paste them).
 */
export interface RenderModel {
  /**
   * aggregate and compare: metrics over groups; list: rows listed as they are (list.hbs); rows: the
   * rows semantic operators judge (rows.hbs), before the aggregate over those that pass.
   */
  shape: 'aggregate' | 'compare' | 'list' | 'rows';
  /** What the query reads: the view's relation and the relations joined to it along catalog relationships. */
  from: FromModel;
  /** Always present; its fields are null when the plan names no time column. */
  time: TimeModel;
  /** The quoted output name of the time bucket (the time column's name). */
  timeAlias: string;
  dimensions: Output[];
  /** Metrics aggregated over the rows (aggregate, compare); those in `rollups` are not among them. */
  metrics: Measure[];
  /** Metrics that only a condition on aggregates needs, aggregated beside the answer's but not shown. */
  hidden: Measure[];
  /** Metrics computed per day (week, month) first and then aggregated over those values (aggregate shape). */
  rollups: Rollup[];
  where: Condition[];
  /** Related rows that must (not) exist for a row to count. */
  exists: ExistsCondition[];
  /** Conditions on aggregates, over the answer's own columns: `answer.<alias>` (aggregate), `cur.<alias>` (compare). */
  having: Condition[];
  /** List shape: the listed columns (and hidden order keys), each combination once when distinct. */
  list: { columns: Output[]; distinct: boolean } | null;
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

/**
 * A piece of an aggregate expression as measure.hbs writes it: SQL text, or the argument of an
 * aggregate call, read only where its conditions hold (CASE WHEN ... THEN arg END) when it has any.
 * Conditions bind their values where they are written, so the pieces keep SQL and values in order.
 */
export interface MeasurePart {
  /** SQL text; empty for an argument. */
  text: string;
  /** The argument of an aggregate call; null for text. */
  arg: string | null;
  conditions: Condition[];
}

export function sqlText(text: string): MeasurePart {
  return { text, arg: null, conditions: [] };
}

export function aggregateArgument(arg: string, conditions: Condition[]): MeasurePart {
  return conditions.length > 0 ? { text: '', arg, conditions } : sqlText(arg);
}

export interface Measure {
  parts: MeasurePart[];
  /** The quoted output name. */
  alias: string;
  /** A metric computed per bucket first: how its values are combined over the answer's groups. */
  agg?: RollupAgg;
}

/**
 * A relation as the asking user may read it: its quoted name, and the row filters of the catalog's
 * access rules (source.hbs reads it through a subquery that keeps only those rows), or null.
 */
export interface Source {
  name: string;
  policy: PolicyPiece[] | null;
}

/** A piece of a row filter: SQL text from the catalog, or a user attribute bound as a parameter. */
export type PolicyPiece = { bound: false; text: string } | { bound: true; value: string | number | boolean };

export type RollupAgg = 'avg' | 'max' | 'min' | 'sum';

export interface FromModel {
  /** The plan's view. */
  relation: Source;
  /** Its table alias when the query joins (t0), else null. */
  alias: string | null;
  joins: Join[];
}

/** A relation joined along a catalog relationship, or a related view aggregated per key first. */
export interface Join {
  relation: Source | null;
  /** A to-many view's metrics aggregated per join key before the join, so that nothing fans out. */
  aggregate: PreAggregate | null;
  alias: string;
  on: { left: string; right: string }[];
}

export interface PreAggregate {
  relation: Source;
  alias: string;
  /** The join keys, selected and grouped by. */
  keys: Output[];
  measures: Measure[];
  where: Condition[];
}

export interface ExistsCondition {
  negate: boolean;
  relation: Source;
  alias: string;
  /** Relations joined inside the subquery when the path takes more than one step. */
  joins: { relation: Source; alias: string; on: { left: string; right: string }[] }[];
  /** How the related rows meet the outer row. */
  on: { left: string; right: string }[];
  conditions: Condition[];
}

/** Metrics computed per bucket of `grain` first (daily DAU), then aggregated over the answer's groups. */
export interface Rollup {
  /** The CTE's name (rolled_0) and its alias in the final join (r0). */
  name: string;
  ref: string;
  /** The bucket the values are first computed per. */
  grain: Grain;
  metrics: (Measure & { agg: RollupAgg })[];
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
  /** The metric's aggregate, evaluated over all rows of the bucket for the total. */
  parts: MeasurePart[];
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
  /**
   * Every metric is computed per bucket of this grain first (a week's DAU is its average day's): each
   * scan aggregates per such bucket, then the metrics' own aggregation over them; null otherwise.
   */
  rolled: Grain | null;
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
  /** previous: the previous period's value itself. */
  measure: 'ratio' | 'diff' | 'previous';
  alias: string;
}

/** A column of the answer, in the order the answer shows them; `alias` is the quoted name. */
export type OutputColumn = Pick<ResultColumn, 'name' | 'role' | 'additive'> & { type: string; alias: string };
