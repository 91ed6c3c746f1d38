import { matchRules, phrase, type PhraseRule } from '../text/phrase-rule';
import { selectLongest, type TextSpan } from '../text/text-span';

/** A word that puts a dimension on the rows, before it ("by X", 按X) or after it ("X breakdown", X拆分). */
export interface GroupByMarker extends TextSpan {
  side: 'before' | 'after';
}

const MARKERS: PhraseRule<GroupByMarker['side']>[] = [
  {
    pattern: phrase(
      '(?:broken down|break down|breakdown|split(?: up)?|grouped|group|segmented|sliced|aggregated) by|for (?:each|every)|in each|across(?: all)?(?: the)?|by|per|each|every|different|various',
    ),
    build: () => 'before',
  },
  // 哪些省份 ("which provinces") asks for the provinces as rows.
  { pattern: phrase('按照|按|分|各个|各|每个|每一个|每一|不同|哪些'), build: () => 'before' },
  { pattern: phrase('breakdown|split|distribution|拆分|细分|分组|分布|拆开|展开'), build: () => 'after' },
];

/** Words that ask to see several named values side by side: "ios vs android", 男女对比, 分别. */
const CONTRASTS: PhraseRule<true>[] = [
  { pattern: phrase('vs\\.?|versus|compare|compared|comparison|respectively|side by side|对比|比较|相比|分别|各自'), build: () => true },
];

/** Words that replace rather than add in a follow-up: "by city instead", 换成, 改为. */
const REPLACEMENTS: PhraseRule<true>[] = [
  { pattern: phrase('instead(?: of)?|rather than|switch to|change to|replace with|换成|改成|改为|换为|替换为'), build: () => true },
];

/** "fans gained by creators", "videos posted by authors": after a participle, "by" names who did it, not groups. */
const AGENT_BY = /(?<![a-z])(?:gained|made|earned|posted|published|uploaded|received|generated|sent|submitted|written|created|given|brought in|done|completed|raised|reported|filed)\s+$/;

export function findGroupByMarkers(text: string): GroupByMarker[] {
  return selectLongest(matchRules(text, MARKERS))
    .filter((m) => !(m.text === 'by' && AGENT_BY.test(text.slice(Math.max(0, m.start - 20), m.start))))
    .map((m) => ({ start: m.start, end: m.end, text: m.text, side: m.value }));
}

export function findContrastWords(text: string): TextSpan[] {
  return strip(selectLongest(matchRules(text, CONTRASTS)));
}

export function findReplacementWords(text: string): TextSpan[] {
  return strip(selectLongest(matchRules(text, REPLACEMENTS)));
}

function strip(matches: (TextSpan & { value: unknown })[]): TextSpan[] {
  return matches.map(({ start, end, text }) => ({ start, end, text }));
}
