import type { Catalog } from '@chatbi/catalog';
import type { OnnxBagClassifier } from './classifier/onnx-bag-classifier';
import { QuestionFeaturizer } from './features/question-featurizer';
import type { ModelCard } from './model-card';

export interface LabelProbability {
  label: string;
  probability: number;
}

export interface Prediction {
  /** Every label, most probable first. */
  ranked: LabelProbability[];
  /** Milliseconds spent featurising and running the model. */
  ms: number;
}

/** A trained model in service: its card, the featuriser of the catalog it was trained on, and the ONNX session. */
export class ServedModel {
  private readonly featurizer: QuestionFeaturizer;

  constructor(
    readonly card: ModelCard,
    catalog: Catalog,
    private readonly classifier: OnnxBagClassifier,
  ) {
    this.featurizer = new QuestionFeaturizer(catalog, { buckets: card.architecture.buckets, tagWeight: card.architecture.tagWeight });
  }

  get catalogHash(): string {
    return this.card.catalogHash;
  }

  async predict(question: string): Promise<Prediction> {
    const started = performance.now();
    const probabilities = await this.classifier.probabilities(this.featurizer.featurize(question));
    const ranked = this.card.labels
      .map((label, i) => ({ label, probability: probabilities[i] }))
      .sort((a, b) => b.probability - a.probability || a.label.localeCompare(b.label));
    return { ranked, ms: performance.now() - started };
  }

  async release(): Promise<void> {
    await this.classifier.release();
  }
}
