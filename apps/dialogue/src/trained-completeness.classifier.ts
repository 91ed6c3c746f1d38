import { Injectable, Logger, Optional } from '@nestjs/common';
import { CatalogRegistry } from '@chatbi/catalog';
import { ModelRegistry } from '@chatbi/models';
import { CatalogCompletenessClassifier } from './catalog-completeness.classifier';
import type { CompletenessVerdict, QuestionCompletenessClassifier } from './question-completeness.classifier';
import { readQuestionSignals } from './question-signals.reader';

/**
 * I(Q) from the trained completeness model (served with onnxruntime). The signals for error
 * messages still come from the catalog. While no model for the current catalog is in service (it is
 * training after a catalog change, or training failed) the catalog rule decides.
 */
@Injectable()
export class TrainedCompletenessClassifier implements QuestionCompletenessClassifier {
  private readonly logger = new Logger(TrainedCompletenessClassifier.name);
  private readonly rules: CatalogCompletenessClassifier;

  constructor(
    private readonly catalogs: CatalogRegistry,
    @Optional() private readonly models?: ModelRegistry,
  ) {
    this.rules = new CatalogCompletenessClassifier(catalogs);
  }

  async isComplete(question: string, today: string): Promise<CompletenessVerdict> {
    const catalog = this.catalogs.current();
    const model = this.models?.model('completeness', catalog.hash);
    if (!model) return this.rules.isComplete(question, today);
    try {
      const [best] = (await model.predict(question)).ranked;
      return { complete: best.label === 'complete', signals: readQuestionSignals(catalog, question, today), decidedBy: 'model', confidence: best.probability };
    } catch (error) {
      this.logger.warn(`the completeness model failed, catalog rules decide: ${(error as Error).message}`);
      return this.rules.isComplete(question, today);
    }
  }
}
