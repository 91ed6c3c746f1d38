import type { CascadeRow, ProxyModel, SemanticTask, Verdict } from '@chatbi/contracts';
import { SeededRandom } from '@chatbi/models';
import { DEFAULT_FEATURE_BUCKETS, featurizeText, type HashedFeatures } from './hashed-ngram.featurizer';

const FEATURE_CACHE_ROWS = 4_096;

export interface OnlineLogisticProxyOptions {
  seed: number;
  buckets?: number;
  /** Passes over each new batch (with its replayed older labels); default 2. */
  epochs?: number;
  /** Labels remembered (the most recent); default 2,000. */
  memory?: number;
  /** Older labels replayed with each new batch; default 64. */
  replay?: number;
  /** Features of a row; by default featurizeText with a small cache. A caller scoring the same rows many times may share one cache. */
  featurize?: (row: CascadeRow) => HashedFeatures;
  learningRate?: number;
  l2?: number;
}

interface Example {
  features: HashedFeatures;
  /** filter: 0 or 1; classify: the label's index. */
  target: number;
}

/**
 * A proxy that knows nothing at first and learns from the oracle's labels as they arrive: logistic
 * regression (softmax over the labels for a classifier) on hashed word and character n-grams
 * (textFeatures), trained by AdaGrad SGD. After each batch of labels it makes a few seeded passes
 * over the new labels mixed with a random replay of older ones. With no labels every score is 0.5 (1/L for a classifier), so a
 * cascade's cold start delegates everything. One instance serves one task in one partition.
 */
export class OnlineLogisticProxy implements ProxyModel {
  readonly name = 'online-logistic';
  private readonly buckets: number;
  private readonly rng: SeededRandom;
  private readonly examples: Example[] = [];
  private weights?: Float32Array;
  private gradSquares?: Float32Array;
  private classes = 0;
  /** Features of rows seen lately, by id: a window is re-scored after every oracle batch. */
  private readonly featureCache = new Map<string, HashedFeatures>();

  constructor(private readonly options: OnlineLogisticProxyOptions) {
    this.buckets = options.buckets ?? DEFAULT_FEATURE_BUCKETS;
    this.rng = new SeededRandom(options.seed);
  }

  /** Labels learned from so far. */
  get labelsSeen(): number {
    return this.examples.length;
  }

  async score(task: SemanticTask, rows: readonly CascadeRow[]): Promise<number[][]> {
    const outputs = outputsOf(task);
    return rows.map((row) => {
      if (!this.weights) return outputs === 1 ? [0.5] : new Array(outputs).fill(1 / outputs);
      return this.probabilities(this.featuresOf(row));
    });
  }

  learn(task: SemanticTask, rows: readonly CascadeRow[], verdicts: readonly Verdict[]): void {
    this.ensureWeights(outputsOf(task));
    let added = 0;
    rows.forEach((row, i) => {
      const target = task.kind === 'filter' ? (verdicts[i] === true ? 1 : 0) : task.labels.indexOf(verdicts[i] as string);
      if (target < 0) return;
      this.examples.push({ features: this.featuresOf(row), target });
      added++;
    });
    const memory = this.options.memory ?? 2_000;
    if (this.examples.length > memory) this.examples.splice(0, this.examples.length - memory);
    // Each batch: a few passes over the new labels mixed with a random replay of older ones, so a
    // call costs the same however many labels came before.
    const fresh = Math.min(added, this.examples.length);
    const older = this.examples.length - fresh;
    const replay = Math.min(older, this.options.replay ?? 64);
    for (let epoch = 0; epoch < (this.options.epochs ?? 2); epoch++) {
      const order = Array.from({ length: fresh }, (_, i) => older + i);
      for (let r = 0; r < replay; r++) order.push(this.rng.int(older));
      for (const i of this.rng.shuffle(order)) this.step(this.examples[i]);
    }
  }

  private featuresOf(row: CascadeRow): HashedFeatures {
    if (this.options.featurize) return this.options.featurize(row);
    const cached = this.featureCache.get(row.id);
    if (cached) return cached;
    const features = featurizeText(row.text ?? '', this.buckets);
    if (this.featureCache.size >= FEATURE_CACHE_ROWS) this.featureCache.clear();
    this.featureCache.set(row.id, features);
    return features;
  }

  private ensureWeights(outputs: number): void {
    if (this.weights) return;
    this.classes = outputs;
    this.weights = new Float32Array(this.buckets * outputs);
    this.gradSquares = new Float32Array(this.buckets * outputs).fill(1e-2);
  }

  private logits(f: HashedFeatures): number[] {
    const w = this.weights!;
    const z = new Array<number>(this.classes).fill(0);
    for (let k = 0; k < f.ids.length; k++) {
      const base = f.ids[k] * this.classes;
      for (let c = 0; c < this.classes; c++) z[c] += f.weights[k] * w[base + c];
    }
    return z;
  }

  private probabilities(f: HashedFeatures): number[] {
    const z = this.logits(f);
    if (this.classes === 1) return [1 / (1 + Math.exp(-z[0]))];
    const max = Math.max(...z);
    const e = z.map((v) => Math.exp(v - max));
    const sum = e.reduce((a, b) => a + b, 0);
    return e.map((v) => v / sum);
  }

  private step(example: Example): void {
    const p = this.probabilities(example.features);
    const rate = this.options.learningRate ?? 0.5;
    const l2 = this.options.l2 ?? 1e-4;
    const w = this.weights!;
    const g2 = this.gradSquares!;
    const { ids, weights } = example.features;
    for (let c = 0; c < this.classes; c++) {
      const target = this.classes === 1 ? example.target : example.target === c ? 1 : 0;
      const error = p[c] - target;
      for (let k = 0; k < ids.length; k++) {
        const at = ids[k] * this.classes + c;
        const gradient = error * weights[k] + l2 * w[at];
        g2[at] += gradient * gradient;
        w[at] -= (rate * gradient) / Math.sqrt(g2[at]);
      }
    }
  }
}

/** A filter has one output (P(yes)), a classifier one per label. */
function outputsOf(task: SemanticTask): number {
  return task.kind === 'filter' ? 1 : task.labels.length;
}
