import type { Catalog } from '@chatbi/catalog';
import { findAggregationWords, findNewTopicWords, findTopN, linkQuestion, soundsLikeContinuation, type LinkedPhrase } from '@chatbi/language';
import type { QuestionSignals } from './question-completeness.classifier';

/** What a question names, read off the catalog: metrics, dimensions and values (as the catalog labels them), time. */
export function readQuestionSignals(catalog: Catalog, question: string, today: string): QuestionSignals {
  const { phrases, time, unlinkedWords, text } = linkQuestion(catalog, question, today);
  // Name a value as the catalog labels it ("Tianjin"), not as the normalised question spells it.
  const label = (p: LinkedPhrase) => {
    const m = p.mentions[0];
    const value = m.kind === 'value' ? catalog.column(m.view, m.column)?.values.find((v) => v.value === m.value) : undefined;
    return value?.label ?? p.text;
  };
  const named = (role: string) => unique(phrases.filter((p) => p.mentions.some((m) => m.role === role)).map(label));
  return {
    metrics: named('metric'),
    dimensions: named('dimension'),
    time: time.matches.length > 0,
    namesRange: time.range !== undefined,
    continues: soundsLikeContinuation(text) || time.shift !== undefined,
    unlinkedWords,
    ranks: findTopN(text).some((t) => t.n !== undefined) || findAggregationWords(text).some((w) => w.agg === 'count' || w.agg === 'count_distinct'),
    newTopic: findNewTopicWords(text).length > 0,
  };
}

function unique(items: string[]): string[] {
  return [...new Set(items)];
}
