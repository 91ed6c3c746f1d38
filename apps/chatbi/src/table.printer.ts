/** Renders rows as a plain-text table for the terminal, wide values cut at maxWidth. */
export function formatTable(columns: string[], rows: Record<string, unknown>[], maxWidth = 40): string {
  const cell = (v: unknown): string => {
    const text = v === null || v === undefined ? '∅' : typeof v === 'number' && !Number.isInteger(v) ? v.toFixed(4) : String(v);
    return text.length > maxWidth ? `${text.slice(0, maxWidth - 1)}…` : text;
  };
  const body = rows.map((r) => columns.map((c) => cell(r[c])));
  const widths = columns.map((c, i) => Math.max(displayWidth(c), ...body.map((r) => displayWidth(r[i]))));
  const line = (cells: string[]) => cells.map((c, i) => c + ' '.repeat(widths[i] - displayWidth(c))).join(' │ ');
  return [line(columns), widths.map((w) => '─'.repeat(w)).join('─┼─'), ...body.map(line)].join('\n');
}

/** East Asian characters take two terminal cells. */
function displayWidth(text: string): number {
  let width = 0;
  for (const ch of text) width += /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/.test(ch) ? 2 : 1;
  return width;
}
