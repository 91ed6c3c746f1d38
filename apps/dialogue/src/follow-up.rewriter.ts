import type { Catalog } from '@chatbi/catalog';
import { findReplacementWords, linkQuestion, type LinkedPhrase, type TimeMatch } from '@chatbi/language';

const CJK = /[\u3400-\u9fff]/;

/**
 * The display side of multi-round matching: a follow-up written into the question it follows, as
 * one complete question. A value, metric or time range the follow-up names takes the place of the
 * one of the same kind (same column for values) in the base question; a dimension, grain or
 * comparison is added at the end. "DAU of the main app over the last 7 days" + "what about the lite
 * app?" reads "DAU of the lite app over the last 7 days". The plan is merged separately, slot by
 * slot, by the planner.
 */
export function rewriteFollowUp(catalog: Catalog, base: string, followUp: string, today: string): string {
  const before = linkQuestion(catalog, base, today);
  const after = linkQuestion(catalog, followUp, today);
  const chinese = CJK.test(base);
  const replaceDimensions = findReplacementWords(after.text).length > 0;
  let text = base;
  const additions: string[] = [];

  const replace = (old: { text: string }, replacement: string): boolean => {
    const at = text.toLowerCase().indexOf(old.text);
    if (at < 0) return false;
    text = text.slice(0, at) + replacement + text.slice(at + old.text.length);
    return true;
  };

  for (const phrase of after.phrases) {
    const written = asWritten(followUp, phrase.text);
    const kind = phraseKind(phrase);
    const target =
      kind === 'value'
        ? before.phrases.find((p) => phraseKind(p) === 'value' && sharesColumn(p, phrase))
        : kind === 'metric'
          ? before.phrases.find((p) => phraseKind(p) === 'metric')
          : kind === 'dimension' && replaceDimensions
            ? before.phrases.find((p) => phraseKind(p) === 'dimension')
            : undefined;
    if (target && replace(target, written)) continue;
    if (kind === 'dimension') additions.push(chinese ? `按${written}` : `by ${written}`);
    else if (kind === 'value') additions.push(chinese ? written : `for ${written}`);
    else additions.push(written);
  }
  for (const time of after.time.matches) {
    const written = asWritten(followUp, time.text);
    const target = time.kind === 'range' ? before.time.matches.find((t: TimeMatch) => t.kind === 'range') : undefined;
    if (target && replace(target, written)) continue;
    additions.push(written);
  }
  if (additions.length === 0 && text === base) additions.push(stripFollowUpWords(followUp));
  const joined = additions.filter((a) => a.length > 0);
  if (joined.length === 0) return text;
  return chinese ? `${trimEnd(text)}，${joined.join('，')}` : `${trimEnd(text)}, ${joined.join(', ')}`;
}

/** The rewritten question with the complete question it follows up on, for display. */
export function describeFollowUp(rewritten: string, anchor: string): string {
  return CJK.test(anchor) ? `${rewritten}（接上文：${anchor}）` : `${rewritten} (following up on "${anchor}")`;
}

type PhraseKind = 'metric' | 'dimension' | 'value' | 'other';

function phraseKind(p: LinkedPhrase): PhraseKind {
  if (p.mentions.some((m) => m.kind === 'value')) return 'value';
  if (p.mentions.some((m) => m.role === 'metric')) return 'metric';
  if (p.mentions.some((m) => m.role === 'dimension')) return 'dimension';
  return 'other';
}

function sharesColumn(a: LinkedPhrase, b: LinkedPhrase): boolean {
  return a.mentions.some((m) => b.mentions.some((n) => n.kind === 'value' && m.column === n.column));
}

/** The phrase as the user typed it (case kept), when the normalised text can be found in the original. */
function asWritten(original: string, normalized: string): string {
  const at = original.toLowerCase().indexOf(normalized);
  return at < 0 ? normalized : original.slice(at, at + normalized.length);
}

function stripFollowUpWords(text: string): string {
  return text
    .trim()
    .replace(/^(?:and|so|ok|okay|now|also|then)\b[\s,]*/i, '')
    .replace(/^(?:what|how) about\s+/i, '')
    .replace(/^(?:那么|那|还有|再)/, '')
    .replace(/[呢吗]?[?？。.!！\s]*$/, '');
}

function trimEnd(text: string): string {
  return text.replace(/[?？。.!！\s]+$/, '');
}
