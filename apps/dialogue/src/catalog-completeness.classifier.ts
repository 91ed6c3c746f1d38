import { Injectable } from '@nestjs/common';
import { CatalogRegistry } from '@chatbi/catalog';
import { localDate } from '@chatbi/contracts';
import { SchemaLinker, parseTimeExpressions } from '@chatbi/language';
import type { QuestionCompletenessClassifier, QuestionSignals } from './question-completeness.classifier';

/**
 * I(Q) read off the catalog: a question is complete when it names a metric and a dimension, an
 * enum value or a time expression. The trained classifier replaces this behind the same interface.
 */
@Injectable()
export class CatalogCompletenessClassifier implements QuestionCompletenessClassifier {
  constructor(private readonly catalogs: CatalogRegistry) {}

  async isComplete(question: string): Promise<{ complete: boolean; signals: QuestionSignals }> {
    const { mentions } = SchemaLinker.for(this.catalogs.current()).link(question);
    const time = parseTimeExpressions(question, localDate(new Date()));
    const signals: QuestionSignals = {
      metrics: unique(mentions.filter((m) => m.role === 'metric').map((m) => m.text)),
      dimensions: unique(mentions.filter((m) => m.role === 'dimension').map((m) => m.text)),
      time: time.matches.length > 0,
    };
    return { complete: signals.metrics.length > 0 && (signals.dimensions.length > 0 || signals.time), signals };
  }
}

function unique(items: string[]): string[] {
  return [...new Set(items)];
}
