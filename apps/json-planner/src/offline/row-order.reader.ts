import type { SortWords, TextSpan } from '@chatbi/language';
import type { ResolvedMention } from './mention-meaning.resolver';

/**
 * "in ascending order of net worth": the column named right after the sort words orders the rows;
 * it is taken out of the reading, so it is neither shown nor aggregated.
 */
export function readSortKey(text: string, sort: SortWords, read: ResolvedMention[]): string | undefined {
  const key = read.find((g) => g.start >= sort.keyAt && /^\s*$/.test(text.slice(sort.keyAt, g.start)));
  if (!key || (key.meaning.type !== 'metric' && key.meaning.type !== 'dimension')) return undefined;
  const column = key.meaning.column;
  read.splice(read.indexOf(key), 1);
  return column;
}

/** "distinct names of singers", 不同的城市: a distinct word right before the first listed column. */
export function distinctBefore(text: string, read: ResolvedMention[], listed: string[]): TextSpan | undefined {
  const first = read.find((g) => (g.meaning.type === 'dimension' || g.meaning.type === 'metric' || g.meaning.type === 'other') && g.mentions.some((m) => listed.includes(m.column)));
  if (!first) return undefined;
  const m = /(?<![a-z])(?:distinct|different|unique)\s+(?:the\s+)?$|不同的?$|去重的?$/.exec(text.slice(Math.max(0, first.start - 16), first.start));
  if (!m) return undefined;
  const start = first.start - m[0].length;
  return { start, end: first.start, text: m[0] };
}
