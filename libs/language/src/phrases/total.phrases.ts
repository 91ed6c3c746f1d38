import { matchRules, phrase, type PhraseRule } from '../text/phrase-rule';
import { selectLongest, type TextSpan } from '../text/text-span';

/** "total", "overall", "how many", 总, 合计, 多少: one number over the whole range, no time grain. */
const RULES: PhraseRule<true>[] = [
  { pattern: phrase('in total|grand total|totals?|overall|altogether|in all|summed|sum of|aggregated?|how many|how much'), build: () => true },
  { pattern: phrase('总计|合计|总共|一共|累计|汇总|总体|整体|总和|总|多少|(?<!哪)几(?:个|次|条|位|人|家|种|篇)'), build: () => true },
];

export function findTotalWords(text: string): TextSpan[] {
  return selectLongest(matchRules(text, RULES)).map(({ start, end, text: t }) => ({ start, end, text: t }));
}
