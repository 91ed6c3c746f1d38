import { matchRules, phrase, type PhraseRule } from '../text/phrase-rule';
import { selectLongest, type TextSpan } from '../text/text-span';

/** "trend", "over time", 趋势, 走势: a series over time is wanted, even where "total" might say otherwise. */
const RULES: PhraseRule<true>[] = [
  { pattern: phrase('trends?|trending|over time|time series|变化趋势|趋势|走势|曲线'), build: () => true },
];

export function findTrendWords(text: string): TextSpan[] {
  return selectLongest(matchRules(text, RULES)).map(({ start, end, text: t }) => ({ start, end, text: t }));
}
