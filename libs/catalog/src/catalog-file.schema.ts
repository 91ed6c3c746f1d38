import { z } from 'zod';
import { AGGREGATIONS, IDENTIFIER_PATTERN } from '@chatbi/contracts';

/** The YAML a DBA writes: one or more views per file. */

const identifier = z.string().regex(IDENTIFIER_PATTERN, 'must be lower-case letters, digits and _ (a catalog identifier)');

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
    /** For metrics: the aggregation used when a plan does not name one. */
    agg: z.enum(AGGREGATIONS).optional(),
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
  })
  .strict();

export const viewSchema = z
  .object({
    name: identifier,
    /** The warehouse relation (table or view) behind this catalog view; defaults to name. */
    source: z
      .string()
      .regex(/^[A-Za-z_][A-Za-z0-9_]*(\.[A-Za-z_][A-Za-z0-9_]*)?$/, 'must be relation or schema.relation')
      .optional(),
    description: z.string().min(1).max(1000),
    aliases: aliasesSchema,
    settings: viewSettingsSchema.default({}),
    /** A column unique per row: semantic operators judge rows one by one and name them by it. */
    row_key: identifier.optional(),
    columns: z.array(columnSchema).min(1).max(2000),
    virtual_columns: z.array(virtualColumnSchema).max(1000).default([]),
  })
  .strict();

export const catalogFileSchema = z
  .object({
    version: z.literal(1),
    settings: viewSettingsSchema.default({}),
    views: z.array(viewSchema).min(1),
  })
  .strict();

export type CatalogFile = z.infer<typeof catalogFileSchema>;
export type ViewDefinition = z.infer<typeof viewSchema>;
export type ColumnDefinition = z.infer<typeof columnSchema>;
export type VirtualColumnDefinition = z.infer<typeof virtualColumnSchema>;
export type EnumValue = z.infer<typeof enumValueSchema>;
export type Aliases = z.infer<typeof aliasesSchema>;
export type ColumnType = (typeof COLUMN_TYPES)[number];
export type ColumnRole = (typeof COLUMN_ROLES)[number];
