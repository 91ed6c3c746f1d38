import { z } from 'zod';

/**
 * The JSON plan (JnM) is the only thing a planner produces. This file is the single source of the
 * TypeScript type, the runtime validator and the JSON Schema handed to an LLM as a tool.
 */

export const IDENTIFIER_PATTERN = /^[a-z_][a-z0-9_]{0,62}$/;
/** A column of the plan's view, or of a view reached along catalog relationships: `airline.name`, `dest_airport.city`. */
export const COLUMN_REF_PATTERN = /^[a-z_][a-z0-9_]{0,62}(?:\.[a-z_][a-z0-9_]{0,62}){0,3}$/;
const identifier = z
  .string()
  .regex(IDENTIFIER_PATTERN, 'must be a lower-case catalog identifier')
  .describe('An identifier exactly as the catalog spells it');
const columnRef = z
  .string()
  .regex(COLUMN_REF_PATTERN, 'must be a catalog column key, or relationship names and a column key joined by dots')
  .describe('A column key of the plan view, or relationship.column for a column of a related view (relationships as the catalog names them)');

/**
 * The years a plan may name: every engine holds them with room for a comparison a year back
 * (MySQL's DATE starts at 1000; year 1 minus a year is no date anywhere).
 */
export const PLAN_YEARS = { min: 1900, max: 2999 } as const;

/** How far back a relative range may reach, in days: a century. */
export const MAX_RANGE_REACH_DAYS = 36_525;
const UNIT_DAYS: Record<(typeof PERIOD_UNITS)[number], number> = { day: 1, week: 7, month: 31, quarter: 92, year: 366 };

export function isPlanYear(year: number): boolean {
  return year >= PLAN_YEARS.min && year <= PLAN_YEARS.max;
}

const isoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date as YYYY-MM-DD')
  .refine((s) => !Number.isNaN(Date.parse(`${s}T00:00:00Z`)), 'is not a calendar date')
  .refine((s) => isPlanYear(Number(s.slice(0, 4))), `must be a date from ${PLAN_YEARS.min} to ${PLAN_YEARS.max}`);

const withinReach = (r: { n?: number; offset?: number; unit: (typeof PERIOD_UNITS)[number] }) =>
  Math.abs(r.n ?? r.offset ?? 0) * UNIT_DAYS[r.unit] <= MAX_RANGE_REACH_DAYS;
const reachMessage = { message: `reaches back more than a century (${MAX_RANGE_REACH_DAYS} days)`, path: ['n'] };

export const AGGREGATIONS = ['sum', 'avg', 'min', 'max', 'count', 'count_distinct'] as const;
export const GRAINS = ['hour', 'day', 'week', 'month', 'quarter', 'year'] as const;
export const PERIOD_UNITS = ['day', 'week', 'month', 'quarter', 'year'] as const;
export const FILTER_OPERATORS = [
  '=', '!=', 'in', 'not in', '<', '<=', '>', '>=', 'between', 'like', 'is null', 'is not null',
] as const;
export const COMPARISONS = ['dod', 'wow', 'mom', 'qoq', 'yoy'] as const;

export const PER_GRAINS = ['day', 'week', 'month'] as const;
export const PER_AGGREGATIONS = ['avg', 'max', 'min', 'sum'] as const;

export const timeRangeSchema = z.discriminatedUnion('kind', [
  z
    .object({
      kind: z.literal('last'),
      n: z.number().int().min(1).max(3660),
      unit: z.enum(PERIOD_UNITS),
    })
    .strict()
    .refine(withinReach, reachMessage)
    .describe('The last n complete units, ending at the latest day with data'),
  z
    .object({
      kind: z.literal('point'),
      unit: z.enum(PERIOD_UNITS),
      offset: z.number().int().min(-3660).max(0),
    })
    .strict()
    .refine(withinReach, { ...reachMessage, path: ['offset'] })
    .describe('One whole period relative to today: day -1 is yesterday, week -1 is last week'),
  z
    .object({ kind: z.literal('to_date'), unit: z.enum(['week', 'month', 'quarter', 'year']) })
    .strict()
    .describe('From the start of the current period to the latest day with data'),
  z
    .object({ kind: z.literal('absolute'), from: isoDate, to: isoDate })
    .strict()
    .refine((r) => r.from <= r.to, { message: 'from must not be after to', path: ['from'] })
    .describe('Inclusive calendar dates'),
]);

const scalar = z.union([z.string().max(500), z.number().finite(), z.boolean()]);

export const planFilterSchema = z
  .object({
    column: columnRef,
    op: z.enum(FILTER_OPERATORS),
    value: z.union([scalar, z.array(scalar).max(1000)]).optional(),
  })
  .strict()
  .superRefine((f, ctx) => {
    const isList = Array.isArray(f.value);
    if (f.op === 'is null' || f.op === 'is not null') {
      if (f.value !== undefined) ctx.addIssue({ code: 'custom', message: `${f.op} takes no value`, path: ['value'] });
    } else if (f.op === 'in' || f.op === 'not in') {
      if (!isList || (f.value as unknown[]).length === 0) {
        ctx.addIssue({ code: 'custom', message: `${f.op} needs a non-empty list`, path: ['value'] });
      }
    } else if (f.op === 'between') {
      if (!isList || (f.value as unknown[]).length !== 2) {
        ctx.addIssue({ code: 'custom', message: 'between needs a list of exactly two values', path: ['value'] });
      }
    } else if (f.value === undefined || isList) {
      ctx.addIssue({ code: 'custom', message: `${f.op} needs a single value`, path: ['value'] });
    }
  });

/** An aggregate over the plan's rows, or over the subset of them that `where` keeps. */
const aggregateFields = {
  column: columnRef.describe('A metric; or any column with agg count / count_distinct (count rows: the view\'s row_count metric)'),
  agg: z.enum(AGGREGATIONS).optional().describe('Omit to use the aggregation the catalog defines; set it when the question asks for one (average, highest, number of, distinct)'),
  where: z
    .array(planFilterSchema)
    .min(1)
    .max(10)
    .optional()
    .describe('Aggregate only the rows matching these filters (a subset: "iOS plays" inside a share of all plays)'),
};

export const planMetricSchema = z
  .object({
    ...aggregateFields,
    over: z
      .object(aggregateFields)
      .strict()
      .optional()
      .describe('Divide by this aggregate: a rate or share ("iOS share of plays": vv where os = ios, over vv)'),
    scale: z.number().positive().max(1_000_000).optional().describe('Multiply the result: 100 for a percentage, 1000 for per thousand'),
    per: z
      .object({ grain: z.enum(PER_GRAINS), agg: z.enum(PER_AGGREGATIONS) })
      .strict()
      .optional()
      .describe('First compute the metric per day (week, month), then take agg over those values: average daily DAU = per {day, avg}; peak day = per {day, max}'),
    as: identifier.optional().describe('Output column name; needed when two metrics share a column'),
    share: z.boolean().optional().describe('Also answer each row\'s share of the total (<name>_share); needs dimensions'),
  })
  .strict();

export const planTimeSchema = z
  .object({
    column: identifier,
    grain: z.enum(GRAINS).optional().describe('Omit for one total over the whole range'),
    range: timeRangeSchema.optional(),
  })
  .strict();

export const COMPARE_OUTPUTS = ['ratio', 'diff', 'both', 'previous', 'all'] as const;

export const planCompareSchema = z
  .object({
    kind: z.enum(COMPARISONS),
    output: z
      .enum(COMPARE_OUTPUTS)
      .optional()
      .describe('ratio: growth (cur - prev) / prev (default); diff: cur - prev ("how much more"); both; previous: the previous value beside the current ("compare A with B"); all: previous, diff and ratio'),
  })
  .strict();

export const planOrderSchema = z
  .object({ by: columnRef.describe('An output column of the answer; in a rows plan, any column'), dir: z.enum(['asc', 'desc']) })
  .strict();

/** "singers with more than one song": a condition on an aggregate of each group (HAVING). */
export const planHavingSchema = z
  .object({
    metric: z
      .union([identifier.describe('The output name of one of the plan\'s metrics'), z.object(aggregateFields).strict()])
      .describe('A metric of the plan by its output name, or an aggregate that only this condition needs'),
    op: z.enum(['=', '!=', '<', '<=', '>', '>=']),
    value: z.number().finite(),
  })
  .strict();

/** "customers who have (not) placed an order": rows of a related view along a catalog relationship. */
export const planExistsSchema = z
  .object({
    path: columnRef.describe('A relationship of the plan view (or a chain of them) leading to the related rows'),
    where: z.array(planFilterSchema).max(10).default([]).describe('Filters on the related view\'s columns'),
    negate: z.boolean().default(false).describe('true: keep the rows that have NO such related row'),
  })
  .strict();

export const planRowsSchema = z
  .object({
    columns: z.array(columnRef).min(1).max(30),
    distinct: z.boolean().default(false).describe('Each different combination once ("different", "distinct", "unique")'),
  })
  .strict()
  .describe('List rows instead of aggregating ("list the names of customers older than 40"); metrics and dimensions stay empty');

export const MAX_SEMANTIC_INSTRUCTION_LENGTH = 300;

const instruction = z
  .string()
  .trim()
  .min(1, 'the instruction is empty: say what each row is judged for, e.g. "complains about login"')
  .max(MAX_SEMANTIC_INSTRUCTION_LENGTH, `an instruction has at most ${MAX_SEMANTIC_INSTRUCTION_LENGTH} characters`)
  .describe('What an LLM judges in each row\'s text, as a short predicate in the question\'s own words, e.g. "complains about login" or "mentions refunds"');

/**
 * Per-row judgements SQL cannot make, run on the rows the rest of the plan selects (its filters
 * and time range) before the metrics are aggregated over the rows that pass.
 */
export const planSemanticSchema = z.discriminatedUnion('op', [
  z
    .object({
      op: z.literal('ai_filter'),
      column: identifier.describe('A text column of the view (role text)'),
      instruction,
    })
    .strict()
    .describe('Keeps only the rows whose text satisfies the instruction ("feedback that complains about login")'),
  z
    .object({
      op: z.literal('ai_classify'),
      column: identifier.describe('A text column of the view (role text)'),
      instruction,
      labels: z
        .array(z.string().trim().min(1).max(100))
        .min(2)
        .max(20)
        .refine((labels) => new Set(labels.map((l) => l.toLowerCase())).size === labels.length, 'labels must be different')
        .describe('The classes, each row gets exactly one'),
      as: identifier.optional().describe('Name of the answer column holding the label (default: label)'),
    })
    .strict()
    .describe('Puts every row into one of the labels; the metrics are answered per label'),
]);

export const planSchema = z
  .object({
    view: identifier.describe('The selected view: the one whose rows are aggregated or listed'),
    metrics: z.array(planMetricSchema).max(20).default([]),
    dimensions: z.array(columnRef).max(10).default([]),
    rows: planRowsSchema.optional(),
    time: planTimeSchema.optional(),
    filters: z.array(planFilterSchema).max(50).default([]),
    exists: z.array(planExistsSchema).min(1).max(10).optional(),
    having: z.array(planHavingSchema).min(1).max(10).optional(),
    compare: z.array(planCompareSchema).max(5).default([]),
    order: z.array(planOrderSchema).max(10).default([]),
    limit: z.number().int().min(1).max(100_000).optional(),
    semantic: z
      .array(planSemanticSchema)
      .min(1)
      .max(3)
      .optional()
      .describe('Only when the question asks about what the text of rows says (mentions, complaints about, topics not in the catalog); omit otherwise'),
  })
  .strict()
  .superRefine((plan, ctx) => {
    if (plan.rows) {
      if (plan.metrics.length > 0 || plan.dimensions.length > 0) ctx.addIssue({ code: 'custom', path: ['rows'], message: 'a rows plan lists columns: leave metrics and dimensions empty' });
      if (plan.compare.length > 0 || plan.having) ctx.addIssue({ code: 'custom', path: ['rows'], message: 'a rows plan has no comparisons or conditions on aggregates' });
    } else if (plan.metrics.length === 0 && plan.dimensions.length === 0) {
      ctx.addIssue({ code: 'custom', path: ['metrics'], message: 'a plan needs metrics, dimensions (the different values of a column) or rows' });
    }
  });

export type Plan = z.infer<typeof planSchema>;
export type PlanInput = z.input<typeof planSchema>;
export type PlanMetric = z.infer<typeof planMetricSchema>;
export type PlanAggregate = Pick<PlanMetric, 'column' | 'agg' | 'where'>;
export type PlanHaving = z.infer<typeof planHavingSchema>;
export type PlanExists = z.infer<typeof planExistsSchema>;
export type PlanRows = z.infer<typeof planRowsSchema>;
export type CompareOutput = (typeof COMPARE_OUTPUTS)[number];
export type PlanFilter = z.infer<typeof planFilterSchema>;
export type PlanTime = z.infer<typeof planTimeSchema>;
export type TimeRange = z.infer<typeof timeRangeSchema>;
export type PlanCompare = z.infer<typeof planCompareSchema>;
export type PlanSemantic = z.infer<typeof planSemanticSchema>;
export type Grain = (typeof GRAINS)[number];
export type PeriodUnit = (typeof PERIOD_UNITS)[number];
export type Aggregation = (typeof AGGREGATIONS)[number];
export type FilterOperator = (typeof FILTER_OPERATORS)[number];
export type FilterScalar = z.infer<typeof scalar>;

/** The plan's JSON Schema, for LLM tool definitions and for documentation. */
export function planJsonSchema(): Record<string, unknown> {
  return z.toJSONSchema(planSchema, { io: 'input' }) as Record<string, unknown>;
}
