import { tokenizeWords } from '@chatbi/language';

/**
 * Surface features of a normalised question, for English and Chinese alike: Latin words, word
 * bigrams and character n-grams of each word (typos and inflections share most of them), and
 * character unigrams to trigrams of Chinese runs (Chinese has no spaces to split words at).
 * Digits are folded to 0 so that "last 7 days" and "last 30 days" read alike.
 */
export function textNgrams(normalized: string): string[] {
  const out: string[] = [];
  const text = normalized.replace(/\d+/g, '0');
  let previousWord: string | undefined;
  let previousEnd = -1;
  for (const token of tokenizeWords(text)) {
    const word = token.text;
    if (/^[a-z0-9]/.test(word)) {
      out.push(`w:${word}`);
      if (previousWord !== undefined && text.slice(previousEnd, token.start).trim() === '') out.push(`b:${previousWord}_${word}`);
      previousWord = word;
      previousEnd = token.end;
      if (word.length >= 3) {
        const marked = `<${word}>`;
        for (let n = 3; n <= 4; n++) for (let i = 0; i + n <= marked.length; i++) out.push(`g:${marked.slice(i, i + n)}`);
      }
    } else {
      previousWord = undefined;
      const chars = [...word];
      for (let n = 1; n <= 3; n++) for (let i = 0; i + n <= chars.length; i++) out.push(`z:${chars.slice(i, i + n).join('')}`);
      if (chars.length > 0) {
        out.push(`z:^${chars.slice(0, 2).join('')}`);
        out.push(`z:${chars.slice(-2).join('')}$`);
      }
    }
  }
  return out;
}
