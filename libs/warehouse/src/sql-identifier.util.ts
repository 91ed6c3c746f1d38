import { ChatbiError } from '@chatbi/contracts';

const PLAIN_IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_]{0,127}$/;

/**
 * Checks that name is a plain identifier (letters, digits, _) and quotes it with double quotes,
 * which DuckDB and PostgreSQL both read as an identifier. Anything else is refused, not escaped:
 * names reach here from callers, and refusing is simpler to trust than escaping.
 */
export function quoteIdentifier(name: string): string {
  if (typeof name !== 'string' || !PLAIN_IDENTIFIER.test(name)) {
    throw new ChatbiError('QUERY_FAILED', `${JSON.stringify(name)} is not a valid identifier (letters, digits and _ only)`);
  }
  return `"${name}"`;
}

/** Quotes "relation" or "schema.relation" part by part (double quotes unless the dialect says otherwise). */
export function quoteRelation(relation: string, quote: (name: string) => string = quoteIdentifier): string {
  const parts = typeof relation === 'string' ? relation.split('.') : [];
  if (parts.length < 1 || parts.length > 2) {
    throw new ChatbiError('QUERY_FAILED', `${JSON.stringify(relation)} is not a valid relation name (use name or schema.name)`);
  }
  return parts.map(quote).join('.');
}
