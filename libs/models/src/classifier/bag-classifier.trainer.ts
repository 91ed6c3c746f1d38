import { SeededRandom } from '../seeded-random';
import { argmax, emptyWeights, forward, type BagClassifierWeights, type FeatureBag } from './bag-classifier';

export interface LabelledBag {
  bag: FeatureBag;
  label: number;
}

export interface TrainerOptions {
  buckets: number;
  classes: number;
  hidden: number;
  epochs: number;
  /** Starting step size of plain SGD, decayed linearly to zero over the run (as fastText does). */
  learningRate: number;
  /** Share of an example's features dropped at random each time it is seen: robustness to unseen phrasings. */
  featureDropout: number;
  seed: number;
  /** Hand the event loop back at least this often, so a service keeps answering while a model trains. */
  yieldEveryMs?: number;
  signal?: AbortSignal;
}

export const DEFAULT_TRAINER_OPTIONS: Omit<TrainerOptions, 'buckets' | 'classes' | 'seed'> = {
  hidden: 32,
  epochs: 6,
  learningRate: 0.15,
  featureDropout: 0.2,
  yieldEveryMs: 25,
};

/**
 * Trains the bag classifier with softmax cross-entropy and sparse SGD: only the embedding rows of
 * an example's features change. Deterministic for a seed: initial weights, shuffles and dropout all
 * come from one seeded source, and JavaScript arithmetic is the same everywhere.
 */
export async function trainBagClassifier(examples: readonly LabelledBag[], options: TrainerOptions): Promise<BagClassifierWeights> {
  const { buckets, classes, hidden: H } = options;
  const random = new SeededRandom(options.seed);
  const w = emptyWeights(buckets, H, classes);
  const spread = 0.5;
  for (let i = 0; i < w.embedding.length; i++) w.embedding[i] = (random.next() * 2 - 1) * spread;
  w.hiddenBias.fill(0.1);
  const outSpread = 1 / Math.sqrt(H);
  for (let i = 0; i < w.output.length; i++) w.output[i] = (random.next() * 2 - 1) * outSpread;

  const order = examples.map((_, i) => i);
  const total = Math.max(1, examples.length * options.epochs);
  const pass = { pre: new Float32Array(H), hidden: new Float32Array(H), probabilities: new Float32Array(classes) };
  const dz = new Float32Array(classes);
  const dh = new Float32Array(H);
  const kept: FeatureBag = { ids: new Int32Array(0), weights: new Float32Array(0) };
  let step = 0;
  let lastYield = performance.now();

  for (let epoch = 0; epoch < options.epochs; epoch++) {
    random.shuffle(order);
    for (let n = 0; n < order.length; n++) {
      const { bag, label } = examples[order[n]];
      const lr = options.learningRate * (1 - step / total);
      step++;
      dropFeatures(bag, options.featureDropout, random, kept);
      forward(w, kept, pass);

      for (let c = 0; c < classes; c++) dz[c] = pass.probabilities[c] - (c === label ? 1 : 0);
      for (let j = 0; j < H; j++) {
        if (pass.pre[j] <= 0) {
          dh[j] = 0;
          continue;
        }
        let g = 0;
        const row = j * classes;
        for (let c = 0; c < classes; c++) g += w.output[row + c] * dz[c];
        dh[j] = g;
      }
      for (let j = 0; j < H; j++) {
        const a = pass.hidden[j];
        if (a === 0) continue;
        const row = j * classes;
        for (let c = 0; c < classes; c++) w.output[row + c] -= lr * a * dz[c];
      }
      for (let c = 0; c < classes; c++) w.outputBias[c] -= lr * dz[c];
      for (let j = 0; j < H; j++) w.hiddenBias[j] -= lr * dh[j];
      for (let k = 0; k < kept.ids.length; k++) {
        const row = kept.ids[k] * H;
        const scale = lr * kept.weights[k];
        for (let j = 0; j < H; j++) w.embedding[row + j] -= scale * dh[j];
      }

      if ((n & 127) === 0) options.signal?.throwIfAborted();
      if (options.yieldEveryMs !== undefined && (n & 127) === 0 && performance.now() - lastYield > options.yieldEveryMs) {
        await new Promise<void>((resolve) => setImmediate(resolve));
        lastYield = performance.now();
      }
    }
  }
  return w;
}

/** Keeps each feature with probability 1 - p (always at least one), weights unchanged. */
function dropFeatures(bag: FeatureBag, p: number, random: SeededRandom, into: FeatureBag): void {
  if (p <= 0) {
    into.ids = bag.ids;
    into.weights = bag.weights;
    return;
  }
  const ids: number[] = [];
  const weights: number[] = [];
  for (let k = 0; k < bag.ids.length; k++) {
    if (k === 0 || !random.chance(p)) {
      ids.push(bag.ids[k]);
      weights.push(bag.weights[k]);
    }
  }
  into.ids = Int32Array.from(ids);
  into.weights = Float32Array.from(weights);
}

/** Share of examples whose most probable label is the right one. */
export function accuracyOf(w: BagClassifierWeights, examples: readonly LabelledBag[]): number {
  if (examples.length === 0) return 0;
  let right = 0;
  for (const e of examples) if (argmax(forward(w, e.bag).probabilities) === e.label) right++;
  return right / examples.length;
}
