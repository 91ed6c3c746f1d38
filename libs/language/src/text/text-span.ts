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
