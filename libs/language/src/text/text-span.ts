/** A piece of a normalised question: [start, end) offsets and the text between them. */
export interface TextSpan {
  start: number;
  end: number;
  text: string;
}

export function spansOverlap(a: { start: number; end: number }, b: { start: number; end: number }): boolean {
  return a.start < b.end && b.start < a.end;
}

/**
 * Keeps the longest candidates that do not overlap, earlier ones first on equal length; `better`
 * breaks the remaining ties. Returns them in text order.
 */
export function selectLongest<T extends { start: number; end: number }>(
  candidates: readonly T[],
  better: (a: T, b: T) => number = () => 0,
): T[] {
  const ranked = [...candidates].sort(
    (a, b) => b.end - b.start - (a.end - a.start) || better(a, b) || a.start - b.start,
  );
  const taken = new Uint8Array(ranked.reduce((max, c) => Math.max(max, c.end), 0));
  const chosen: T[] = [];
  for (const c of ranked) {
    if (c.end <= c.start || taken.subarray(c.start, c.end).includes(1)) continue;
    taken.fill(1, c.start, c.end);
    chosen.push(c);
  }
  return chosen.sort((a, b) => a.start - b.start);
}

/** Blanks the spans out with spaces, keeping every offset valid. */
export function maskSpans(text: string, spans: readonly { start: number; end: number }[]): string {
  if (spans.length === 0) return text;
  const units = text.split('');
  for (const s of spans) for (let i = Math.max(0, s.start); i < s.end && i < units.length; i++) units[i] = ' ';
  return units.join('');
}

/**
 * Keeps the non-overlapping candidates that cover the most text together (weighted interval
 * scheduling), fewer pieces on a tie, then `better`. Unlike selectLongest, one long candidate does
 * not win over two that cover more: "live gift income per creator category" reads "gift income"
 * and "creator category", not "income per creator". Returns them in text order.
 */
export function selectMostCovering<T extends { start: number; end: number }>(
  candidates: readonly T[],
  better: (a: T, b: T) => number = () => 0,
): T[] {
  const spans = candidates.filter((c) => c.end > c.start).sort((a, b) => a.end - b.end || a.start - b.start);
  interface Best {
    covered: number;
    pieces: number;
    chosen: T[];
  }
  const best: Best[] = [{ covered: 0, pieces: 0, chosen: [] }];
  const wins = (a: Best, b: Best) =>
    a.covered !== b.covered ? a.covered > b.covered : a.pieces !== b.pieces ? a.pieces < b.pieces : preferred(a.chosen, b.chosen, better) < 0;
  for (let i = 0; i < spans.length; i++) {
    const c = spans[i];
    // The best choice among the candidates ending at or before c starts.
    let j = i;
    while (j > 0 && spans[j - 1].end > c.start) j--;
    const before = best[j];
    const withC: Best = { covered: before.covered + (c.end - c.start), pieces: before.pieces + 1, chosen: [...before.chosen, c] };
    best.push(wins(withC, best[i]) ? withC : best[i]);
  }
  return best[spans.length].chosen;
}

function preferred<T>(a: readonly T[], b: readonly T[], better: (x: T, y: T) => number): number {
  for (let i = 0; i < Math.min(a.length, b.length); i++) {
    const order = better(a[i], b[i]);
    if (order !== 0) return order;
  }
  return 0;
}
