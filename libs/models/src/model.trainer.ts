import type { Catalog } from '@chatbi/catalog';
import { argmax, forward, type BagClassifierWeights } from './classifier/bag-classifier';
import { DEFAULT_TRAINER_OPTIONS, trainBagClassifier, type LabelledBag, type TrainerOptions } from './classifier/bag-classifier.trainer';
import { DEFAULT_FEATURE_CONFIG, QuestionFeaturizer } from './features/question-featurizer';
import { MODEL_FORMAT_VERSION, type ModelCard, type ModelKind } from './model-card';
import { encodeBagClassifier } from './onnx/bag-classifier.onnx-encoder';
import { sha256 } from './sha256';
import { completenessSet, viewSelectionSet, type LabelledQuestion, type Paraphrases, type TrainingSet } from './synthetic/training-sets';

export const DEFAULT_MODEL_SEED = 7;

export interface ModelTrainingOptions {
  seed?: number;
  paraphrases?: Paraphrases;
  /** Identifies the paraphrase cache on the card. */
  paraphrasesSha256?: string | null;
  /** Hand the event loop back this often while featurising and training (a serving process). */
  yieldEveryMs?: number;
  /** Stops a training that is no longer wanted (the service is shutting down). */
  signal?: AbortSignal;
  /** How many questions to generate; smaller sets train faster (tests), larger ones generalise a little better. */
  questions?: TrainingSizes;
}

export interface TrainingSizes {
  /** Questions per view for view ranking. */
  perView?: number;
  /** Questions in all for completeness. */
  completeness?: number;
}

export interface TrainedModel {
  card: ModelCard;
  onnx: Uint8Array;
  weights: BagClassifierWeights;
}

const DESCRIPTIONS: Record<ModelKind, string> = {
  completeness:
    'Multi-round dialogue matching, I(Q) of the paper: 1 when a question names a metric and a dimension (a dimension, an enum value, a time range, a grain or a comparison), 0 for a follow-up that lacks either.',
  'view-ranking': 'Single view selection: the probability that each catalog view is the one view (fewest columns) holding everything the question names.',
};

/** How many questions training generates: per view bounded so that a large catalog still trains in seconds. */
export function defaultTrainingSizes(catalog: Catalog): Required<TrainingSizes> {
  return { perView: Math.max(200, Math.min(1000, Math.floor(12_000 / Math.max(1, catalog.views.length)))), completeness: 6000 };
}

/**
 * Trains one model from the catalog alone: generates its questions, featurises them, trains the
 * bag classifier with a seed, measures it on the held-out templates and exports it to ONNX with a
 * model card. Same catalog and seed, same bytes.
 */
export async function trainModel(kind: ModelKind, catalog: Catalog, options: ModelTrainingOptions = {}): Promise<TrainedModel> {
  const started = performance.now();
  const seed = options.seed ?? DEFAULT_MODEL_SEED;
  const sizes = { ...defaultTrainingSizes(catalog), ...options.questions };
  const set: TrainingSet =
    kind === 'view-ranking'
      ? viewSelectionSet(catalog, { seed, size: sizes.perView, paraphrases: options.paraphrases })
      : completenessSet(catalog, { seed, size: sizes.completeness, paraphrases: options.paraphrases });
  const featurizer = new QuestionFeaturizer(catalog, DEFAULT_FEATURE_CONFIG);
  const yielder = new Yielder(options.yieldEveryMs, options.signal);
  const train: LabelledBag[] = [];
  const validation: LabelledBag[] = [];
  for (const example of set.examples) {
    (example.split === 'train' ? train : validation).push({ bag: featurizer.featurize(example.text), label: example.label });
    await yielder.maybe();
  }
  const trainer: TrainerOptions = {
    ...DEFAULT_TRAINER_OPTIONS,
    buckets: DEFAULT_FEATURE_CONFIG.buckets,
    classes: set.labels.length,
    seed,
    yieldEveryMs: options.yieldEveryMs,
    signal: options.signal,
  };
  const weights = await trainBagClassifier(train, trainer);
  const validationAccuracy = accuracy(weights, validation);
  const trainAccuracy = accuracy(weights, train);
  const onnx = encodeBagClassifier(weights, {
    kind,
    labels: JSON.stringify(set.labels),
    catalog_hash: catalog.hash,
    format_version: MODEL_FORMAT_VERSION,
  });
  const card: ModelCard = {
    kind,
    formatVersion: MODEL_FORMAT_VERSION,
    description: DESCRIPTIONS[kind],
    labels: set.labels,
    catalogHash: catalog.hash,
    paraphrasesSha256: options.paraphrasesSha256 ?? null,
    seed,
    trainedAt: new Date().toISOString(),
    trainSeconds: round((performance.now() - started) / 1000),
    data: {
      generated: set.examples.filter((e) => !e.paraphrase).length,
      train: train.length,
      validation: validation.length,
      paraphrases: set.examples.filter((e) => e.paraphrase).length,
      byLabel: countBy(set.examples, (e) => set.labels[e.label]),
      byLanguage: countBy(set.examples, (e) => e.lang),
    },
    validationAccuracy: round(validationAccuracy),
    trainAccuracy: round(trainAccuracy),
    architecture: {
      buckets: trainer.buckets,
      hidden: trainer.hidden,
      classes: trainer.classes,
      tagWeight: DEFAULT_FEATURE_CONFIG.tagWeight,
      epochs: trainer.epochs,
      learningRate: trainer.learningRate,
      featureDropout: trainer.featureDropout,
    },
    onnx: { file: `${kind}.onnx`, bytes: onnx.length, sha256: sha256(onnx), opset: 13 },
  };
  return { card, onnx, weights };
}

function accuracy(w: BagClassifierWeights, examples: readonly LabelledBag[]): number {
  if (examples.length === 0) return 0;
  return examples.filter((e) => argmax(forward(w, e.bag).probabilities) === e.label).length / examples.length;
}

function countBy(items: readonly LabelledQuestion[], key: (e: LabelledQuestion) => string): Record<string, number> {
  const out: Record<string, number> = {};
  for (const item of items) out[key(item)] = (out[key(item)] ?? 0) + 1;
  return out;
}

function round(n: number): number {
  return Math.round(n * 10_000) / 10_000;
}

/** Gives the event loop a turn when a stretch of work has run longer than the budget. */
class Yielder {
  private last = performance.now();
  private count = 0;

  constructor(
    private readonly everyMs?: number,
    private readonly signal?: AbortSignal,
  ) {}

  async maybe(): Promise<void> {
    this.signal?.throwIfAborted();
    if (this.everyMs === undefined || (++this.count & 63) !== 0 || performance.now() - this.last < this.everyMs) return;
    await new Promise<void>((resolve) => setImmediate(resolve));
    this.last = performance.now();
  }
}
