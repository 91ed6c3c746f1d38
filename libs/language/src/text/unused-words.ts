import { isEnglishStopword, stripChineseStopwords } from './stopwords';
import type { TextSpan } from './text-span';
import { uncoveredWords } from './uncovered-words';

/** The meaningful words of the question that no slot used, stopwords left out. */
export function unusedWords(text: string, used: readonly TextSpan[]): string[] {
  const out: string[] = [];
  for (const word of uncoveredWords(text, used)) {
    if (/^[a-z0-9]/.test(word.text)) {
      if (!isEnglishStopword(word.text)) out.push(word.text);
    } else {
      out.push(...stripChineseStopwords(word.text));
    }
  }
  return out;
}
