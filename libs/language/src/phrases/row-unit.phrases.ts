import type { TextSpan } from '../text/text-span';

/**
 * "the highest follower count of any creator", "any single video", 单条反馈最多回复了几次: the noun
 * after these words names the rows an extreme is taken over, not groups to split the answer by.
 */
const ENGLISH_BEFORE = /(?<![a-z])(?:any(?: single| one| individual)?|a single|one single|a given|an individual)\s+(?:the\s+)?$/;
const CHINESE_BEFORE = /(?:单条|单个|单次|单篇|单场|单部|单支|任何一?[个条位]?|任意一?[个条位]?)$/;

/** The words just before a mention that make it the unit of the rows, if there are any. */
export function rowUnitMarker(text: string, mention: TextSpan): TextSpan | undefined {
  const from = Math.max(0, mention.start - 24);
  const before = text.slice(from, mention.start);
  const m = ENGLISH_BEFORE.exec(before) ?? CHINESE_BEFORE.exec(before);
  if (!m) return undefined;
  const start = from + m.index;
  return { start, end: mention.start, text: text.slice(start, mention.start) };
}
