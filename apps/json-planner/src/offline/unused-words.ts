import { isEnglishStopword, stripChineseStopwords, uncoveredWords, type TextSpan } from '@chatbi/language';

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
