import { matchRules, phrase, type PhraseRule } from '../text/phrase-rule';
import { selectLongest, type TextSpan } from '../text/text-span';

/** "new question:", "different question", 换个问题, 另外问一下: what follows stands alone, whatever came before. */
const RULES: PhraseRule<true>[] = [
  { pattern: phrase('(?:a )?(?:new|different|separate|unrelated|another|other) (?:question|topic|thing)|new q|by the way|btw|switching gears|on another note|unrelated'), build: () => true },
  { pattern: phrase('换个问题|换个话题|另外问一下|另外问|新问题|另一个问题|顺便问一下|顺便问|顺便|问个别的|别的问题'), build: () => true },
];

export function findNewTopicWords(text: string): TextSpan[] {
  return selectLongest(matchRules(text, RULES)).map(({ start, end, text: t }) => ({ start, end, text: t }));
}
