import type { TextSpan } from './text-span';
import { tokenizeWords } from './word-tokenizer';

/**
 * The words no span touches: Latin words and numbers whole, and the stretches of Chinese runs
 * that lie outside every span (Chinese has no spaces, so a run is cut where spans cover it).
 */
export function uncoveredWords(text: string, spans: readonly { start: number; end: number }[]): TextSpan[] {
  const covered = new Uint8Array(text.length);
  for (const s of spans) covered.fill(1, Math.max(0, s.start), Math.min(text.length, s.end));
  const out: TextSpan[] = [];
  for (const word of tokenizeWords(text)) {
    if (/^[a-z0-9]/.test(word.text)) {
      if (!covered.subarray(word.start, word.end).includes(1)) out.push(word);
      continue;
    }
    let start = -1;
    for (let i = word.start; i <= word.end; i++) {
      const free = i < word.end && covered[i] === 0;
      if (free && start < 0) start = i;
      if (!free && start >= 0) {
        out.push({ start, end: i, text: text.slice(start, i) });
        start = -1;
      }
    }
  }
  return out;
}
