import { z } from 'zod';

/** A value a user attribute may hold: what a catalog row filter binds for `:user.<name>`. */
export const attributeValueSchema = z.union([
  z.string().max(500),
  z.number().finite(),
  z.boolean(),
  z.array(z.union([z.string().max(500), z.number().finite()])).max(1000),
]);

export type AttributeValue = z.infer<typeof attributeValueSchema>;

/** Attribute names as row filters write them (`:user.region`). */
export const ATTRIBUTE_NAME_PATTERN = /^[A-Za-z_][A-Za-z0-9_]{0,62}$/;

export const userAttributesSchema = z
  .record(z.string().regex(ATTRIBUTE_NAME_PATTERN, 'attribute names are letters, digits and _'), attributeValueSchema)
  .refine((a) => Object.keys(a).length <= 100, 'at most 100 attributes');

/**
 * What the catalog's `access:` rules read about the asking user: their roles choose the rules, their
 * attributes are bound into row filters. Every pipeline message carries it from the edge on.
 */
export interface AccessContext {
  roles: string[];
  attributes: Record<string, AttributeValue>;
}

/** The access of a user with no roles: views with access rules are closed to them. */
export const NO_ACCESS: AccessContext = { roles: [], attributes: {} };
