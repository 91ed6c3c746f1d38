/**
 * The metadata URL with the password given apart from it (CHATBI_METADATA_PASSWORD, e.g. from a
 * Secret of the database's own), encoded as a URL needs it; the URL unchanged without one.
 */
export function metadataUrlWithPassword<U extends string | undefined>(url: U, password?: string): U {
  if (!url || !password) return url;
  const parsed = new URL(url);
  parsed.password = encodeURIComponent(password);
  return parsed.toString() as U;
}
