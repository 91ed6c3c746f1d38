import { Injectable } from '@nestjs/common';
import { CatalogRegistry } from '@chatbi/catalog';
import type { CompletenessVerdict, QuestionCompletenessClassifier } from './question-completeness.classifier';
import { readQuestionSignals } from './question-signals.reader';

/**
 * I(Q) read off the catalog: a question is complete when it names a metric and a dimension, an
 * enum value or a time expression. The trained classifier stands on it when no model is in service,
 * and the benchmark measures the model against it.
 */
@Injectable()
export class CatalogCompletenessClassifier implements QuestionCompletenessClassifier {
  constructor(private readonly catalogs: CatalogRegistry) {}

  async isComplete(question: string, today: string): Promise<CompletenessVerdict> {
    const signals = readQuestionSignals(this.catalogs.current(), question, today);
    return { complete: signals.metrics.length > 0 && (signals.dimensions.length > 0 || signals.time), signals, decidedBy: 'catalog-rules' };
  }
}
