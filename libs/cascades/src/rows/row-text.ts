import type { CascadeRow } from '@chatbi/contracts';

/** Longest text the cascade hands to a proxy or oracle; longer texts are cut and flagged. */
export const DEFAULT_MAX_TEXT_CHARS = 4_000;

export function isBlankText(text: string | null | undefined): boolean {
  return text === null || text === undefined || text.trim().length === 0;
}

/** The row with its text cut to `limit` characters (never inside a surrogate pair), and whether it was cut. */
export function truncateRow(row: CascadeRow, limit: number): { row: CascadeRow; truncated: boolean } {
  const text = row.text ?? '';
  if (text.length <= limit) return { row, truncated: false };
  let end = limit;
  const code = text.charCodeAt(end - 1);
  if (code >= 0xd800 && code <= 0xdbff) end -= 1;
  return { row: { id: row.id, text: text.slice(0, end) }, truncated: true };
}
