import type { TextSpan } from './text-span';

const WORD = /[a-z0-9]+(?:['’][a-z]+)?|[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]+/g;

/** Latin words and numbers one by one, and runs of Chinese characters as one piece each. */
export function tokenizeWords(text: string): TextSpan[] {
  const out: TextSpan[] = [];
  for (const m of text.matchAll(WORD)) out.push({ start: m.index!, end: m.index! + m[0].length, text: m[0] });
  return out;
}

export function isLatinWordChar(ch: string | undefined): boolean {
  return ch !== undefined && /[a-z0-9]/.test(ch);
}
