import type { AskAnswer } from '../api/answerTypes';

/** A UTF-8 byte order mark: Excel reads the file as UTF-8 with it (Chinese names stay readable). */
export const UTF8_BOM = '\uFEFF';

/**
 * The answer's rows as CSV (RFC 4180): a header of column names, CRLF line ends, and a field quoted
 * (with its quotes doubled) when it holds a comma, a quote or a line break. Values as ChatBI sent
 * them, not as the table formats them, so numbers keep every digit.
 */
export function answerCsv(answer: Pick<AskAnswer, 'columns' | 'rows'>): string {
  const lines = [answer.columns.map((c) => csvField(c.name)), ...answer.rows.map((row) => answer.columns.map((c) => csvField(row[c.name])))];
  return `${UTF8_BOM}${lines.map((fields) => fields.join(',')).join('\r\n')}\r\n`;
}

export function csvField(value: unknown): string {
  if (value === null || value === undefined) return '';
  const text = typeof value === 'object' ? JSON.stringify(value) : String(value);
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** "DAU of the main app, last 7 days?" -> "dau-of-the-main-app-last-7-days.csv" (letters of any script kept). */
export function csvFileName(question: string): string {
  const stem = question
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60);
  return `${stem || 'chatbi-answer'}.csv`;
}

/** Saves text as a file through a temporary link (works in Superset's iframe-free page and standalone). */
export function downloadText(text: string, fileName: string, type: string): void {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 0);
}
