import { isEnglishStopword, stripChineseStopwords } from '@chatbi/language';

/** Phrases further apart than this never belong together (and keeps every check linear in length). */
export const MAX_GAP = 40;

/** Whether `to` follows `from` closely enough for the phrases ending and starting there to belong together. */
export function near(from: number, to: number): boolean {
  return from <= to && to - from <= MAX_GAP;
}

/** Only filler between two phrases: "not on iOS", "excluding the lite app", 除了北京的. */
export function isFillerGap(gap: string): boolean {
  if (gap.length > MAX_GAP) return false;
  const words = gap.match(/[a-z0-9']+|[\u3400-\u9fff]+/g) ?? [];
  return words.every((w) => (/^[a-z0-9]/.test(w) ? isEnglishStopword(w) : stripChineseStopwords(w).length === 0));
}

export function wordCount(gap: string): number {
  return (gap.match(/[a-z0-9]+|[\u3400-\u9fff]/g) ?? []).length;
}
