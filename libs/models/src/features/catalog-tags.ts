import type { Catalog } from '@chatbi/catalog';
import { findTopN, linkQuestion, maskSpans, soundsLikeContinuation } from '@chatbi/language';

// Tags read only the kind of time phrase, never its dates, so any fixed day gives the same tags.
const TAGGING_DAY = '2024-06-15';

/**
 * What the catalog recognises in a question, as features (names start with a capital and a colon):
 * the role and kind of every linked phrase and whether one phrase could be two things (a metric
 * alias that is also an enum value), the columns it may name, the views that hold a column for
 * every phrase, whether a metric, a dimension and a time phrase were found at all, the kinds of
 * time phrases and a ranking phrase, whether the question has the complete shape of the paper's
 * Equation 3 (a metric and a dimension, value or time), and continuation words ("and ...", ...呢).
 * These let a model trained on generated questions generalise to phrasings it has not seen; the
 * surface n-grams cover what linking misses.
 */
export function catalogTags(catalog: Catalog, normalized: string): string[] {
  const links = linkQuestion(catalog, normalized, TAGGING_DAY);
  const out: string[] = [];
  let covering: Set<string> | undefined;
  const allRoles = new Set<string>();
  for (const phrase of links.phrases) {
    const roles = new Set<string>();
    const columns = new Set<string>();
    const views = new Set<string>();
    for (const m of phrase.mentions) {
      roles.add(`${m.role}/${m.kind}`);
      allRoles.add(m.role);
      columns.add(m.column);
      views.add(m.view);
    }
    for (const r of roles) out.push(`R:${r}`);
    if (roles.size > 1) out.push(`P:${[...roles].sort().join('+')}`);
    for (const c of columns) out.push(`C:${c}`);
    covering = covering ? new Set([...covering].filter((v) => views.has(v))) : views;
  }
  for (const v of covering ?? []) out.push(`A:${v}`);
  out.push(allRoles.has('metric') ? 'S:metric' : 'S:no-metric');
  out.push(allRoles.has('dimension') ? 'S:dimension' : 'S:no-dimension');
  out.push(links.time.matches.length > 0 ? 'S:time' : 'S:no-time');
  // Equation 3 of the paper as the catalog reads it: a metric and something to slice it by.
  const sliced = allRoles.has('dimension') || links.time.matches.some((t) => t.kind !== 'shift');
  out.push(allRoles.has('metric') && sliced ? 'Q:metric-and-slice' : 'Q:partial');
  if (soundsLikeContinuation(links.text)) out.push('F:continuation');
  for (const t of links.time.matches) out.push(`T:${t.kind}`);
  if (findTopN(maskSpans(links.text, links.time.matches)).length > 0) out.push('T:rank');
  if (links.unlinkedWords.length > 0) out.push('U:unlinked');
  return out;
}

export function isCatalogTag(feature: string): boolean {
  return /^[A-Z]:/.test(feature);
}
