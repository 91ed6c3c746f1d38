import { readFile } from 'node:fs/promises';
import { OnnxBagClassifier } from '@chatbi/models';
import type { CascadeRow, ProxyModel, SemanticTask } from '@chatbi/contracts';
import { DEFAULT_FEATURE_BUCKETS, featurizeText } from './hashed-ngram.featurizer';

export interface OnnxProxyOptions {
  /** The .onnx file, or its bytes. */
  model: string | Uint8Array;
  /** Outputs of the model: 2 for a filter (index 1 = "yes"), one per label for a classifier, in the task's label order. */
  classes: number;
  /** Hashed feature space the model was trained on; default 2^18 (the featurizer's). */
  buckets?: number;
  name?: string;
}

/**
 * A user-supplied proxy run by onnxruntime-node. The model reads one row as a bag of hashed n-gram
 * features, the same contract as ChatBI's own bag classifiers (libs/models):
 *
 *   inputs   feature_ids int64[n]         bucket of each feature of textFeatures(text), hash mod `buckets`
 *            feature_weights float[1, n]  1/sqrt(n) each
 *   output   probabilities float[1, classes]
 *
 * Any graph with these names and shapes works (logistic regression, a small MLP, ...); for a
 * filter the proxy score is probabilities[1], for a classifier the whole vector.
 */
export class OnnxProxyModel implements ProxyModel {
  private constructor(
    private readonly classifier: OnnxBagClassifier,
    private readonly classes: number,
    private readonly buckets: number,
    readonly name: string,
  ) {}

  static async load(options: OnnxProxyOptions): Promise<OnnxProxyModel> {
    const bytes = typeof options.model === 'string' ? new Uint8Array(await readFile(options.model)) : options.model;
    const classifier = await OnnxBagClassifier.load(bytes, options.classes);
    return new OnnxProxyModel(classifier, options.classes, options.buckets ?? DEFAULT_FEATURE_BUCKETS, options.name ?? 'onnx');
  }

  async score(task: SemanticTask, rows: readonly CascadeRow[]): Promise<number[][]> {
    const expected = task.kind === 'filter' ? 2 : task.labels.length;
    if (expected !== this.classes) throw new Error(`the ONNX proxy has ${this.classes} outputs, the ${task.kind} needs ${expected}`);
    const out: number[][] = [];
    for (const row of rows) {
      const features = featurizeText(row.text ?? '', this.buckets);
      const probabilities = await this.classifier.probabilities({ ids: features.ids, weights: features.weights });
      out.push(task.kind === 'filter' ? [probabilities[1]] : Array.from(probabilities));
    }
    return out;
  }

  release(): Promise<void> {
    return this.classifier.release();
  }
}
