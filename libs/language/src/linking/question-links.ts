import type { Catalog } from '@chatbi/catalog';
import { findTopN } from '../phrases/top-n.phrases';
import { maskSpans, spansOverlap } from '../text/text-span';
import { normalizeText } from '../text/text-normalizer';
import { unusedWords } from '../text/unused-words';
import { parseTimeExpressions, type TimeExpressions } from '../time/time-expression.parser';
import { SchemaLinker, type SchemaMention } from './schema-linker.service';

/** One stretch of the question and every catalog column (in any view) it may name. */
export interface LinkedPhrase {
  text: string;
  start: number;
  end: number;
  mentions: SchemaMention[];
}

export interface QuestionLinks {
  text: string;
  phrases: LinkedPhrase[];
  time: TimeExpressions;
  /** Meaningful words that neither the catalog nor a time or ranking phrase accounts for. */
  unlinkedWords: string[];
}

/**
 * Links a question to the whole catalog the way view selection needs it: a time phrase wins over
 * a catalog term inside it ("last week"), and an enum value inside a ranking phrase ("top 5") is
 * the ranking, not the value.
 */
export function linkQuestion(catalog: Catalog, question: string, today: string): QuestionLinks {
  const text = normalizeText(question);
  const time = parseTimeExpressions(text, today, { normalized: true });
  const topN = findTopN(maskSpans(text, time.matches));
  const mentions = SchemaLinker.for(catalog)
    .link(text, { normalized: true })
    .mentions.filter((m) => !time.matches.some((t) => t.start <= m.start && m.end <= t.end))
    .filter((m) => !(m.kind === 'value' && topN.some((t) => spansOverlap(t, m))));
  const bySpan = new Map<string, LinkedPhrase>();
  for (const m of mentions) {
    const key = `${m.start}:${m.end}`;
    const phrase = bySpan.get(key) ?? { text: m.text, start: m.start, end: m.end, mentions: [] };
    phrase.mentions.push(m);
    bySpan.set(key, phrase);
  }
  const phrases = [...bySpan.values()];
  return { text, phrases, time, unlinkedWords: unusedWords(text, [...phrases, ...time.matches, ...topN]) };
}
