import { matchRules, phrase, type PhraseRule } from '../text/phrase-rule';
import { selectLongest, type TextSpan } from '../text/text-span';

/**
 * Words that make a rate or a share out of two aggregates: "X per thousand Y", "X per Y", "share of
 * X from V", "what percent of X", 每千Y的X, A占B的比例, 百分之多少. `scale` multiplies the ratio.
 */
export interface RatioPhrase extends TextSpan {
  kind: 'per' | 'share';
  scale?: number;
}

type Meaning = Omit<RatioPhrase, keyof TextSpan>;

const RULES: PhraseRule<Meaning>[] = [
  { pattern: phrase('per (?:thousand|1,?000|k|mille)'), build: () => ({ kind: 'per', scale: 1000 }) },
  { pattern: phrase('per (?:hundred|100)'), build: () => ({ kind: 'per', scale: 100 }) },
  { pattern: phrase('per (?:million|1,?000,?000)'), build: () => ({ kind: 'per', scale: 1_000_000 }) },
  { pattern: phrase('per|for every|for each'), build: () => ({ kind: 'per' }) },
  { pattern: phrase('每千|每一千|千次|每1000'), build: () => ({ kind: 'per', scale: 1000 }) },
  { pattern: phrase('每百|每100'), build: () => ({ kind: 'per', scale: 100 }) },
  { pattern: phrase('what (?:percent|percentage)(?: of)?|percent(?:age)? of|% of|in percent|as a percentage(?: of)?'), build: () => ({ kind: 'share', scale: 100 }) },
  { pattern: phrase('百分之多少|百分比|百分之几'), build: () => ({ kind: 'share', scale: 100 }) },
  { pattern: phrase('(?:what )?(?:share|proportion|fraction|ratio|portion) of|as a share of|as a proportion of|share|proportion|ratio'), build: () => ({ kind: 'share' }) },
  { pattern: phrase('占比|比例|比重|占'), build: () => ({ kind: 'share' }) },
];

export function findRatioPhrases(text: string): RatioPhrase[] {
  return selectLongest(matchRules(text, RULES)).map((m) => ({ start: m.start, end: m.end, text: m.text, ...m.value }));
}
