import { z } from 'zod';

/**
 * The JSON plan (JnM) is the only thing a planner produces. This file is the single source of the
 * TypeScript type, the runtime validator and the JSON Schema handed to an LLM as a tool.
 */

export const IDENTIFIER_PATTERN = /^[a-z_][a-z0-9_]{0,62}$/;
const identifier = z
  .string()
  .regex(IDENTIFIER_PATTERN, 'must be a lower-case catalog identifier')
  .describe('A column or virtual-column key exactly as the catalog spells it');

const isoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date as YYYY-MM-DD')
  .refine((s) => !Number.isNaN(Date.parse(`${s}T00:00:00Z`)), 'is not a calendar date');

export const AGGREGATIONS = ['sum', 'avg', 'min', 'max', 'count', 'count_distinct'] as const;
export const GRAINS = ['hour', 'day', 'week', 'month', 'quarter', 'year'] as const;
export const PERIOD_UNITS = ['day', 'week', 'month', 'quarter', 'year'] as const;
export const FILTER_OPERATORS = [
  '=', '!=', 'in', 'not in', '<', '<=', '>', '>=', 'between', 'like', 'is null', 'is not null',
] as const;
export const COMPARISONS = ['dod', 'wow', 'mom', 'qoq', 'yoy'] as const;

export const planMetricSchema = z
  .object({
    column: identifier,
    agg: z.enum(AGGREGATIONS).optional().describe('Omit to use the aggregation the catalog defines'),
    as: identifier.optional().describe('Output column name'),
    share: z.boolean().optional().describe('Also answer each row\'s share of the total (<name>_share); needs dimensions'),
  })
  .strict();

export const timeRangeSchema = z.discriminatedUnion('kind', [
  z
    .object({
      kind: z.literal('last'),
      n: z.number().int().min(1).max(3660),
      unit: z.enum(PERIOD_UNITS),
    })
    .strict()
    .describe('The last n complete units, ending at the latest day with data'),
  z
    .object({
      kind: z.literal('point'),
      unit: z.enum(PERIOD_UNITS),
      offset: z.number().int().min(-3660).max(0),
    })
    .strict()
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
    column: identifier,
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

export const planTimeSchema = z
  .object({
    column: identifier,
    grain: z.enum(GRAINS).optional().describe('Omit for one total over the whole range'),
    range: timeRangeSchema.optional(),
  })
  .strict();

export const planCompareSchema = z
  .object({
    kind: z.enum(COMPARISONS),
    output: z.enum(['ratio', 'diff', 'both']).optional(),
  })
  .strict();

export const planOrderSchema = z
  .object({ by: identifier, dir: z.enum(['asc', 'desc']) })
  .strict();

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
    view: identifier.describe('The selected view'),
    metrics: z.array(planMetricSchema).min(1).max(20),
    dimensions: z.array(identifier).max(10).default([]),
    time: planTimeSchema.optional(),
    filters: z.array(planFilterSchema).max(50).default([]),
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
  .strict();

export type Plan = z.infer<typeof planSchema>;
export type PlanInput = z.input<typeof planSchema>;
export type PlanMetric = z.infer<typeof planMetricSchema>;
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
