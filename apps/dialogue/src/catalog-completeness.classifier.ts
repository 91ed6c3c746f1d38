import { Injectable } from '@nestjs/common';
import { CatalogRegistry } from '@chatbi/catalog';
import { localDate } from '@chatbi/contracts';
import { linkQuestion, type LinkedPhrase } from '@chatbi/language';
import type { QuestionCompletenessClassifier, QuestionSignals } from './question-completeness.classifier';

/**
 * I(Q) read off the catalog: a question is complete when it names a metric and a dimension, an
 * enum value or a time expression. The trained classifier replaces this behind the same interface.
 */
@Injectable()
export class CatalogCompletenessClassifier implements QuestionCompletenessClassifier {
  constructor(private readonly catalogs: CatalogRegistry) {}

  async isComplete(question: string): Promise<{ complete: boolean; signals: QuestionSignals }> {
    const catalog = this.catalogs.current();
    const { phrases, time, unlinkedWords } = linkQuestion(catalog, question, localDate(new Date()));
    // Name a value as the catalog labels it ("Tianjin"), not as the normalised question spells it.
    const label = (p: LinkedPhrase) => {
      const m = p.mentions[0];
      const value = m.kind === 'value' ? catalog.column(m.view, m.column)?.values.find((v) => v.value === m.value) : undefined;
      return value?.label ?? p.text;
    };
    const named = (role: string) => unique(phrases.filter((p) => p.mentions.some((m) => m.role === role)).map(label));
    const signals: QuestionSignals = {
      metrics: named('metric'),
      dimensions: named('dimension'),
      time: time.matches.length > 0,
      unlinkedWords,
    };
    return { complete: signals.metrics.length > 0 && (signals.dimensions.length > 0 || signals.time), signals };
  }
}

function unique(items: string[]): string[] {
  return [...new Set(items)];
}
