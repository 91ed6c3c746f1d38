import { matchRules, phrase, type PhraseRule } from '../text/phrase-rule';
import { selectLongest, type TextSpan } from '../text/text-span';

/** "not on iOS", "excluding android", 非安卓, 除了北京以外: the values named next to it are excluded. */
export interface NegationPhrase extends TextSpan {
  /** Whether the excluded values follow the words (除了X) or precede them (X以外). */
  scope: 'after' | 'before';
}

const RULES: PhraseRule<'after' | 'before'>[] = [
  {
    // "did not come from the search bar", "not via ads": a verb of origin between the negation and the value.
    pattern: phrase("(?:not|don't|doesn't|didn't) (?:come|comes|came|coming|originate|originates|originated|originating) (?:from|via|through)|not (?:from|via|through)|not counting|not including|leaving out|not|excluding|exclude|excludes|excluded|except(?: for)?|other than|without|besides|apart from|but not|isn't|aren't|wasn't|weren't|non-?|no"),
    build: () => 'after',
  },
  { pattern: phrase('除了|除去|除开|除|不含|不包括|不包含|排除|剔除|去掉|去除|不是|不算|非'), build: () => 'after' },
  { pattern: phrase('以外|之外|除外'), build: () => 'before' },
];

export function findNegations(text: string): NegationPhrase[] {
  return selectLongest(matchRules(text, RULES)).map((m) => ({ start: m.start, end: m.end, text: m.text, scope: m.value }));
}
