import type { TextSpan } from '../text/text-span';

/** "in ascending order of net worth", "sorted by age descending": rows put in the order of a column named right after `keyAt`. */
export interface SortWords extends TextSpan {
  dir: 'asc' | 'desc';
  /** Where the column the rows are sorted by is named. */
  keyAt: number;
  /** A direction said after the column ("by age descending"). */
  tail?: TextSpan;
}

const DIRECTION = '(ascending|descending|increasing|decreasing|alphabetical|reverse alphabetical)';
const ORDER_OF = new RegExp(`(?<![a-z])(?:(?:in|by)\\s+)?(?:the\\s+)?${DIRECTION}\\s+order\\s+(?:of|by)\\s+(?:the\\s+|their\\s+|its\\s+)?`);
const SORTED_BY = new RegExp(`(?<![a-z])(?:sorted|ordered|sort|order|arranged)\\s+(?:them\\s+|it\\s+)?(?:in\\s+)?(?:${DIRECTION}\\s+(?:order\\s+)?)?by\\s+(?:the\\s+|their\\s+|its\\s+)?(?:${DIRECTION}\\s+)?`);
const TRAILING_DIRECTION = new RegExp(`^[^,.?]{0,40}?\\s(?:in\\s+)?${DIRECTION}(?:\\s+order)?|^[^,.?]{0,40}?\\s(asc|desc)(?![a-z])`);

/** The first sort phrase of a question, if it has one (English). */
export function findSortWords(text: string): SortWords | undefined {
  const m = ORDER_OF.exec(text) ?? SORTED_BY.exec(text);
  if (!m) return undefined;
  const end = m.index + m[0].length;
  const named = m.slice(1).find((g) => g !== undefined);
  const trailing = named ? undefined : TRAILING_DIRECTION.exec(text.slice(end));
  const tailWord = trailing?.slice(1).find((g) => g !== undefined);
  const word = named ?? tailWord ?? 'ascending';
  const tailStart = trailing && tailWord ? end + trailing[0].lastIndexOf(tailWord) : undefined;
  return {
    start: m.index,
    end,
    text: m[0],
    dir: /^(?:descending|decreasing|reverse|desc)/.test(word) ? 'desc' : 'asc',
    keyAt: end,
    ...(tailStart !== undefined ? { tail: { start: tailStart, end: end + trailing![0].length, text: text.slice(tailStart, end + trailing![0].length) } } : {}),
  };
}
