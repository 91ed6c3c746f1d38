import type { TextSpan } from '../text/text-span';

/** "singers that have songs ...", "airports which do not have any flight": rows kept for having (or lacking) related rows. */
export interface ExistenceWords extends TextSpan {
  negate: boolean;
}

const NEGATIVE =
  /(?<![a-z])(?:(?:that|who|which)\s+)?(?:do|does|did)\s*(?:not|n't)\s+(?:have|has|had)\s+(?:any\s+|a\s+|an\s+)?|(?<![a-z])(?:that|who|which)\s+(?:have|has|had)\s+(?:no|never had)\s+|(?<![a-z])(?:that|who|which)\s+(?:don't|doesn't|didn't)\s+have\s+(?:any\s+|a\s+|an\s+)?|(?<![a-z])(?:without|with\s+no)\s+(?:any\s+)?|(?<![a-z])(?:have|has|had)\s+no\s+/g;
const POSITIVE =
  /(?<![a-z])(?:that|who|which)\s+(?:have|has|had)\s+(?:a\s+|an\s+|some\s+|any\s+|at least one\s+)?|(?<![a-z])(?:with|have|has|had)\s+(?:a|an|some|at least one)\s+/g;

/** Words asking for rows that have, or have no, related rows; the related rows' noun follows each. */
export function findExistenceWords(text: string): ExistenceWords[] {
  const out: ExistenceWords[] = [];
  for (const m of text.matchAll(NEGATIVE)) out.push({ start: m.index!, end: m.index! + m[0].length, text: m[0], negate: true });
  for (const m of text.matchAll(POSITIVE)) {
    if (!out.some((o) => o.start <= m.index! && m.index! < o.end)) out.push({ start: m.index!, end: m.index! + m[0].length, text: m[0], negate: false });
  }
  return out.sort((a, b) => a.start - b.start);
}
