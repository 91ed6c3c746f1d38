import type { TextSpan } from './text-span';

/** A regular expression over normalised text and what a match of it means. */
export interface PhraseRule<T> {
  pattern: RegExp;
  build: (match: RegExpExecArray) => T | undefined;
}

export type PhraseMatch<T> = TextSpan & { value: T };

const START = '(?:(?<![a-z0-9])|(?![a-z0-9]))';
const END = '(?:(?![a-z0-9])|(?<![a-z0-9]))';

/**
 * The pattern of each phrase without its start boundary, which matchRules checks itself: a leading
 * lookbehind keeps the regex engine from skipping ahead to where a phrase can begin, so it would
 * try every position of the text with every rule.
 */
const UNANCHORED = new WeakMap<RegExp, RegExp>();

/**
 * Compiles a phrase written with plain spaces: each space accepts any run of spaces, and a match
 * may not start or end inside a Latin word ("mom" does not match in "moment"); Chinese edges need
 * no boundary ("近7天dau").
 */
export function phrase(source: string): RegExp {
  const body = `(?:${source.replace(/ /g, '\\s+')})${END}`;
  const pattern = new RegExp(`${START}${body}`, 'g');
  UNANCHORED.set(pattern, new RegExp(body, 'g'));
  return pattern;
}

/** Every match of every rule, overlapping ones included; pick with selectLongest. */
export function matchRules<T>(text: string, rules: readonly PhraseRule<T>[]): PhraseMatch<T>[] {
  const out: PhraseMatch<T>[] = [];
  for (const rule of rules) {
    const unanchored = UNANCHORED.get(rule.pattern);
    const regex = unanchored ?? rule.pattern;
    if (!regex.global) throw new TypeError(`matchRules needs a global pattern: ${regex}`);
    regex.lastIndex = 0;
    let m: RegExpExecArray | null;
    while ((m = regex.exec(text)) !== null) {
      // Where the full pattern would fail (empty, or starting inside a word), it is tried again one
      // position on, exactly as the anchored pattern's own scan would.
      if (m[0].length === 0 || (unanchored && startsInsideWord(text, m.index))) {
        regex.lastIndex = m.index + 1;
        continue;
      }
      const value = rule.build(m);
      if (value !== undefined) out.push({ start: m.index, end: m.index + m[0].length, text: m[0], value });
    }
  }
  return out;
}

function startsInsideWord(text: string, index: number): boolean {
  return index > 0 && isWordChar(text.charCodeAt(index - 1)) && isWordChar(text.charCodeAt(index));
}

function isWordChar(code: number): boolean {
  return (code >= 97 && code <= 122) || (code >= 48 && code <= 57);
}
