import { encodeBagClassifier, trainBagClassifier } from '@chatbi/models';
import { DEFAULT_FEATURE_BUCKETS, featurizeText } from './hashed-ngram.featurizer';

export interface LabelledText {
  text: string;
  /** Index of the class: for a filter 1 = yes, 0 = no; for a classifier the label's position. */
  label: number;
}

export interface TextProxyTrainingOptions {
  classes: number;
  seed: number;
  buckets?: number;
  hidden?: number;
  /** Default: defaultEpochs(examples). */
  epochs?: number;
  /** Strings stored in the model's metadata (instruction, labels, where the labels came from). */
  metadata?: Record<string, string>;
}

/**
 * Trains a proxy for one semantic task from labelled texts (a team's own labels, or an oracle's from
 * earlier runs) and returns it as ONNX bytes that OnnxProxyModel runs: the bag classifier of
 * @chatbi/models over the same hashed n-grams the online proxy reads.
 */
export async function trainTextProxy(examples: readonly LabelledText[], options: TextProxyTrainingOptions): Promise<Uint8Array> {
  const buckets = options.buckets ?? DEFAULT_FEATURE_BUCKETS;
  for (const e of examples) {
    if (!Number.isInteger(e.label) || e.label < 0 || e.label >= options.classes) throw new Error(`label ${e.label} is not one of the ${options.classes} classes`);
  }
  const weights = await trainBagClassifier(
    examples.map((e) => ({ bag: featurizeText(e.text, buckets), label: e.label })),
    { buckets, classes: options.classes, hidden: options.hidden ?? 16, epochs: options.epochs ?? defaultEpochs(examples.length), learningRate: 0.15, featureDropout: 0.2, seed: options.seed },
  );
  return encodeBagClassifier(weights, options.metadata ?? {}, 'chatbi_text_proxy');
}

/**
 * Passes over the examples: about 20,000 updates in all, between 6 and 60 passes. A few hundred
 * labels (a month of an oracle's verdicts) need many passes; six thousand need six.
 */
export function defaultEpochs(examples: number): number {
  return Math.min(60, Math.max(6, Math.ceil(20_000 / Math.max(1, examples))));
}
