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
 * Compiles a phrase written with plain spaces: each space accepts any run of spaces, and a match
 * may not start or end inside a Latin word ("mom" does not match in "moment"); Chinese edges need
 * no boundary ("近7天dau").
 */
export function phrase(source: string, flags = 'g'): RegExp {
  const body = source.replace(/ /g, '\\s+');
  return new RegExp(`${START}(?:${body})${END}`, flags);
}

/** Every match of every rule, overlapping ones included; pick with selectLongest. */
export function matchRules<T>(text: string, rules: readonly PhraseRule<T>[]): PhraseMatch<T>[] {
  const out: PhraseMatch<T>[] = [];
  for (const rule of rules) {
    rule.pattern.lastIndex = 0;
    for (const m of text.matchAll(rule.pattern)) {
      if (m[0].length === 0) continue;
      const value = rule.build(m as RegExpExecArray);
      if (value !== undefined) out.push({ start: m.index!, end: m.index! + m[0].length, text: m[0], value });
    }
  }
  return out;
}
