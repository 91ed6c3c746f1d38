import { ChatbiError, type SqlDialect } from '@chatbi/contracts';

/**
 * A name as a warehouse spells it: any case, spaces and non-ASCII letters, but no dots (which keep
 * "schema.relation" unambiguous), no quote characters and no control characters. The catalog's
 * `source:` accepts the same names.
 */
const WAREHOUSE_NAME = /^[^."`\u0000-\u001f\u007f]{1,128}$/;

export function isQuotableName(name: unknown): name is string {
  return typeof name === 'string' && WAREHOUSE_NAME.test(name);
}

/**
 * Quotes a warehouse name for the dialect: backticks on MySQL and MariaDB, double quotes elsewhere.
 * A name with a quote character, a dot or a control character is refused rather than escaped:
 * names reach here from callers, and refusing is simpler to trust than escaping.
 */
export function quoteName(name: string, dialect: SqlDialect): string {
  if (!isQuotableName(name)) {
    throw new ChatbiError('QUERY_FAILED', `${JSON.stringify(name)} is not a valid identifier (1 to 128 characters, no dots, quotes or control characters)`);
  }
  return dialect === 'mysql' ? `\`${name}\`` : `"${name}"`;
}

/** Quotes "relation" or "schema.relation" part by part for the dialect. */
export function quoteRelation(relation: string, dialect: SqlDialect): string {
  const parts = typeof relation === 'string' ? relation.split('.') : [];
  if (parts.length < 1 || parts.length > 2) {
    throw new ChatbiError('QUERY_FAILED', `${JSON.stringify(relation)} is not a valid relation name (use name or schema.name)`);
  }
  return parts.map((part) => quoteName(part, dialect)).join('.');
}
