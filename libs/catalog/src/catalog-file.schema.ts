import { z } from 'zod';
import { AGGREGATIONS, IDENTIFIER_PATTERN, timeRangeSchema } from '@chatbi/contracts';

/** The YAML a DBA writes: one or more views per file. */

const identifier = z.string().regex(IDENTIFIER_PATTERN, 'must be lower-case letters, digits and _ (a catalog identifier)');

/**
 * A name as the warehouse spells it (any case, spaces allowed): templates always quote it for their
 * dialect, so it never needs to be a valid bare SQL identifier. Dots, quotes and control characters
 * are refused, which keeps "schema.relation" unambiguous.
 */
const PHYSICAL_NAME = /^[^."`\u0000-\u001f\u007f]{1,128}$/;

/** Whether a warehouse name can stand in a `source:` (and so be quoted by every dialect). */
export function isPhysicalName(name: string): boolean {
  return PHYSICAL_NAME.test(name);
}
const physicalName = z.string().regex(PHYSICAL_NAME, 'must be a warehouse name without dots, quotes or control characters');

/** How a metric adds up over days: `avg` for daily figures such as DAU (a week's DAU is the average day's). */
export const TIME_ROLLUPS = ['avg'] as const;

const aliasesSchema = z
  .object({
    en: z.array(z.string().min(1).max(100)).default([]),
    zh: z.array(z.string().min(1).max(100)).default([]),
  })
  .strict()
  .default({ en: [], zh: [] });

export const COLUMN_TYPES = ['date', 'timestamp', 'string', 'integer', 'decimal', 'boolean'] as const;
export const COLUMN_ROLES = ['time', 'dimension', 'metric', 'text', 'id'] as const;

export const enumValueSchema = z
  .object({
    value: z.union([z.string().min(1).max(200), z.number()]),
    label: z.string().max(200).optional(),
    aliases: aliasesSchema,
  })
  .strict();

export const columnSchema = z
  .object({
    name: identifier,
    type: z.enum(COLUMN_TYPES),
    role: z.enum(COLUMN_ROLES),
    description: z.string().min(1).max(500),
    aliases: aliasesSchema,
    /** The warehouse column when its name is not the catalog key (mixed case, spaces). */
    source: physicalName.optional(),
    /** For metrics: the aggregation used when a plan does not name one. */
    agg: z.enum(AGGREGATIONS).optional(),
    /** For metrics counted per day (DAU): over a longer period the answer is the average of the daily values. */
    time_rollup: z.enum(TIME_ROLLUPS).optional(),
    /** For ids: the column of the same view that names the entity (author_id -> author_name), shown beside it. */
    label_column: identifier.optional(),
    /** For dimensions: the values a question may name, with their aliases. */
    values: z.array(enumValueSchema).max(2000).optional(),
  })
  .strict();

export const virtualColumnSchema = z
  .object({
    key: identifier,
    /** SQL over the view's columns and other virtual keys, written as bare identifiers. */
    expr: z.string().min(1).max(2000),
    role: z.enum(['metric', 'dimension']),
    time_rollup: z.enum(TIME_ROLLUPS).optional(),
    type: z.enum(COLUMN_TYPES).default('decimal'),
    description: z.string().min(1).max(500),
    aliases: aliasesSchema,
    values: z.array(enumValueSchema).max(2000).optional(),
  })
  .strict();

export const viewSettingsSchema = z
  .object({
    /** Days between today and the latest complete day: 1 means "the last 7 days" ends yesterday. */
    data_latency_days: z.number().int().min(0).max(60).optional(),
    /** The period a question about this view reads when it names none; without it, all rows. */
    default_range: timeRangeSchema.optional(),
    /** The metric a ranking without one is by ("top 5 search queries": by searches); without it, the row count. */
    default_metric: identifier.optional(),
  })
  .strict();

export const viewSchema = z
  .object({
    name: identifier,
    /** The warehouse relation (table or view) behind this catalog view; defaults to name. */
    source: z
      .string()
      .max(300)
      .refine((s) => {
        const parts = s.split('.');
        return parts.length <= 2 && parts.every((p) => PHYSICAL_NAME.test(p));
      }, 'must be relation or schema.relation, each part without quotes or control characters')
      .optional(),
    /** Rows in the relation when the catalog was drafted (informational). */
    row_count: z.number().int().min(0).optional(),
    description: z.string().min(1).max(1000),
    aliases: aliasesSchema,
    settings: viewSettingsSchema.default({}),
    /** A column unique per row: semantic operators judge rows one by one and name them by it. */
    row_key: identifier.optional(),
    columns: z.array(columnSchema).min(1).max(2000),
    virtual_columns: z.array(virtualColumnSchema).max(1000).default([]),
  })
  .strict();

export const RELATIONSHIP_KINDS = ['many_to_one', 'one_to_one', 'one_to_many'] as const;

/**
 * A join a plan may take between two views, as semantic layers declare them: the keys pair a
 * column of `from` with a column of `to`. Many rows of `from` meet one row of `to` in
 * many_to_one. The templater joins only along declared relationships.
 */
export const relationshipSchema = z
  .object({
    /** How plans name the path (airline, dest_airport); default: the `to` view's name. */
    name: identifier.optional(),
    from: identifier,
    to: identifier,
    keys: z
      .array(z.object({ from: identifier, to: identifier }).strict())
      .min(1)
      .max(4),
    kind: z.enum(RELATIONSHIP_KINDS).default('many_to_one'),
    description: z.string().max(500).optional(),
    /** Words that choose this path when several join the same views ("arriving", 到达). */
    aliases: aliasesSchema,
  })
  .strict();

/**
 * Who may read a view: a user holding `role` reads the rows `rows` keeps (SQL over the view's
 * columns, the user's attributes as :user.<name>, bound as parameters) and every column but those in
 * `hide`. A view that any rule names is closed to users none of whose roles has a rule for it; a
 * user with several such roles reads what any of them may (rows of any filter, columns any shows).
 */
export const accessRuleSchema = z
  .object({
    role: z.string().min(1).max(200),
    /** A view's name, or * for every view of the catalog. */
    view: z.union([identifier, z.literal('*')]),
    /** Rows the role reads; without it, every row. */
    rows: z.string().min(1).max(2000).optional(),
    /** Columns (and virtual keys) the role may not see; virtual columns over them are hidden too. */
    hide: z.array(identifier).max(2000).default([]),
  })
  .strict();

export const catalogFileSchema = z
  .object({
    version: z.literal(1),
    settings: viewSettingsSchema.default({}),
    views: z.array(viewSchema).default([]),
    relationships: z.array(relationshipSchema).max(500).default([]),
    access: z.array(accessRuleSchema).max(5000).default([]),
  })
  .strict()
  .refine((f) => f.views.length > 0 || f.relationships.length > 0 || f.access.length > 0, {
    message: 'a catalog file declares views, relationships, access rules or some of them',
    path: ['views'],
  });

export type CatalogFile = z.infer<typeof catalogFileSchema>;
export type ViewDefinition = z.infer<typeof viewSchema>;
export type ColumnDefinition = z.infer<typeof columnSchema>;
export type VirtualColumnDefinition = z.infer<typeof virtualColumnSchema>;
export type EnumValue = z.infer<typeof enumValueSchema>;
export type Aliases = z.infer<typeof aliasesSchema>;
export type AccessRuleDefinition = z.infer<typeof accessRuleSchema>;
export type RelationshipDefinition = z.infer<typeof relationshipSchema>;
export type RelationshipKind = (typeof RELATIONSHIP_KINDS)[number];
export type TimeRollup = (typeof TIME_ROLLUPS)[number];
export type ColumnType = (typeof COLUMN_TYPES)[number];
export type ColumnRole = (typeof COLUMN_ROLES)[number];
