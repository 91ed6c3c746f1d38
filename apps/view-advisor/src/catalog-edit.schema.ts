import { z } from 'zod';

/** A catalog file name: a plain .yaml name inside the catalog directory, never a path. */
export const catalogFileNameSchema = z
  .string()
  .regex(/^[a-z0-9][a-z0-9_-]{0,80}\.ya?ml$/, 'file is a catalog file name such as user-activity-daily.yaml (lower-case letters, digits, - and _, no directories)');

/** Body of POST /api/admin/catalog/validate and /apply: one file's new YAML text. */
export const catalogEditSchema = z
  .object({
    file: catalogFileNameSchema,
    text: z.string({ error: 'text is the YAML of the file' }).max(1_000_000, 'text is at most 1,000,000 characters'),
  })
  .strict();

export type CatalogEdit = z.infer<typeof catalogEditSchema>;

/** Body of POST /api/admin/catalog/remove. */
export const catalogRemovalSchema = z.object({ file: catalogFileNameSchema }).strict();
