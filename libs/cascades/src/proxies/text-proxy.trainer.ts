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
    { buckets, classes: options.classes, hidden: options.hidden ?? 16, epochs: options.epochs ?? 6, learningRate: 0.15, featureDropout: 0.2, seed: options.seed },
  );
  return encodeBagClassifier(weights, options.metadata ?? {}, 'chatbi_text_proxy');
}
