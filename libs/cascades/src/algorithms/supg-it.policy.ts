import type { CascadeAlgorithmConfig } from '@chatbi/contracts';
import type { SeededRandom } from '@chatbi/models';
import { effectiveSampleSize, normalQuantile, wilsonLowerBound } from '../stats/confidence-bounds';
import type { CascadePolicy, ImportanceSample, LabeledScore, Route, ScoreMode } from './cascade-policy';

type SupgItConfig = Extract<CascadeAlgorithmConfig, { kind: 'supg-it' }>;

export const DEFAULT_SAMPLES_PER_ITERATION = 20;
/** Draws older than this many are forgotten: an online proxy drifts, and old scores describe an older model. */
export const SUPG_SAMPLE_MEMORY = 400;
/** A threshold needs at least this many labelled draws on its side before its bound is trusted. */
const MIN_DRAWS = 5;

/**
 * SUPG-IT, our streaming reading of SUPG (Kang et al., VLDB 2020) for one partition.
 *
 * Every window of rows is one iteration: k_t rows are drawn with replacement by importance
 * sampling, q(s) = 1/2 uniform + 1/2 sqrt(s) normalised (the defensive mixture that finds
 * positives for the recall bound), and sent to the oracle; each draw carries the weight
 * 1 / (k_t q) = how many rows of its window it stands for. From all draws kept so far the two
 * thresholds are re-estimated with one-sided Wilson bounds on Kish's effective sample size, the
 * error rate split between the two bounds:
 *   tau_high = the lowest score whose accepted set {s >= tau} has a precision lower bound >= t_P,
 *   tau_low  = the highest score whose kept set {s > tau} has a recall lower bound >= t_R.
 * The other rows of the window are routed: s >= tau_high yes, s <= tau_low no, in between the
 * oracle, whose answers are exact, so the combined answer is at least as precise and complete as
 * the bounds say. With few draws the bounds are loose, so the uncertain band starts at [0, 1]
 * (cold start delegates everything) and narrows as draws accumulate: tau_high descends and
 * tau_low rises. For a classifier only the precision bound applies (the event "the top label is
 * right"); rows below tau_high go to the oracle. The bounds hold for a fixed proxy; an online
 * proxy changes under them, which is why old draws are forgotten.
 */
export class SupgItPolicy implements CascadePolicy {
  private readonly draws: Required<LabeledScore>[] = [];
  private readonly k: number;
  private readonly z: number;
  private low = -Infinity;
  private high = Infinity;

  constructor(
    private readonly mode: ScoreMode,
    private readonly config: SupgItConfig,
  ) {
    for (const [name, value] of [
      ['targetPrecision', config.targetPrecision],
      ['targetRecall', config.targetRecall],
      ['confidence', config.confidence],
    ] as const) {
      if (!(value > 0 && value < 1)) throw new RangeError(`supg-it ${name} must be in (0, 1), got ${value}`);
    }
    this.k = config.samplesPerIteration ?? DEFAULT_SAMPLES_PER_ITERATION;
    if (!Number.isInteger(this.k) || this.k < 0) throw new RangeError(`supg-it samplesPerIteration must be a non-negative integer, got ${this.k}`);
    const errorRate = 1 - config.confidence;
    this.z = normalQuantile(1 - (mode === 'binary' ? errorRate / 2 : errorRate));
  }

  sampleWindow(scores: readonly number[], rng: SeededRandom, share = 1): ImportanceSample[] {
    const n = scores.length;
    const k = Math.ceil(this.k * Math.min(1, share));
    if (n === 0 || k === 0) return [];
    const roots = scores.map((s) => Math.sqrt(s));
    const rootSum = roots.reduce((a, b) => a + b, 0);
    const q = roots.map((r) => 0.5 / n + (rootSum > 0 ? (0.5 * r) / rootSum : 0.5 / n));
    const cumulative: number[] = [];
    q.reduce((acc, v, i) => (cumulative[i] = acc + v), 0);
    const total = cumulative[n - 1];
    const out: ImportanceSample[] = [];
    for (let d = 0; d < k; d++) {
      const u = rng.next() * total;
      let lo = 0;
      let hi = n - 1;
      while (lo < hi) {
        const mid = (lo + hi) >> 1;
        if (cumulative[mid] > u) hi = mid;
        else lo = mid + 1;
      }
      out.push({ index: lo, weight: 1 / (k * (q[lo] / total)) });
    }
    return out;
  }

  observeSamples(samples: readonly LabeledScore[]): void {
    for (const s of samples) this.draws.push({ score: s.score, positive: s.positive, weight: s.weight ?? 1 });
    if (this.draws.length > SUPG_SAMPLE_MEMORY) this.draws.splice(0, this.draws.length - SUPG_SAMPLE_MEMORY);
    this.high = this.precisionThreshold();
    this.low = this.mode === 'binary' ? this.recallThreshold() : -Infinity;
  }

  observeDelegated(): void {}

  explorationRate(): number {
    return 0;
  }

  route(score: number): Route {
    if (score >= this.high) return 'accept';
    if (score <= this.low) return 'reject';
    return 'oracle';
  }

  /** When the two bounds cross, no band is needed: the proxy decides every row at tau_high. */
  thresholds() {
    const high = Math.min(1, this.high);
    return { low: Math.min(high, Math.max(0, this.low)), high };
  }

  private precisionThreshold(): number {
    const sorted = [...this.draws].sort((a, b) => b.score - a.score);
    let best = Infinity;
    let weight = 0;
    let positiveWeight = 0;
    const weights: number[] = [];
    for (let i = 0; i < sorted.length; i++) {
      weight += sorted[i].weight;
      if (sorted[i].positive) positiveWeight += sorted[i].weight;
      weights.push(sorted[i].weight);
      // Only at the last draw of a run of equal scores is {s >= tau} what the draws above describe.
      if (i + 1 < sorted.length && sorted[i + 1].score === sorted[i].score) continue;
      if (i + 1 < MIN_DRAWS) continue;
      const bound = wilsonLowerBound(positiveWeight / weight, effectiveSampleSize(weights), this.z);
      if (bound >= this.config.targetPrecision) best = sorted[i].score;
    }
    return best;
  }

  private recallThreshold(): number {
    const positives = this.draws.filter((d) => d.positive).sort((a, b) => a.score - b.score);
    if (positives.length < MIN_DRAWS) return -Infinity;
    const nEff = effectiveSampleSize(positives.map((p) => p.weight));
    const total = positives.reduce((s, p) => s + p.weight, 0);
    const candidates = [...new Set(this.draws.map((d) => d.score))].sort((a, b) => a - b);
    let best = -Infinity;
    let lost = 0;
    let next = 0;
    for (const tau of candidates) {
      while (next < positives.length && positives[next].score <= tau) lost += positives[next++].weight;
      const bound = wilsonLowerBound((total - lost) / total, nEff, this.z);
      if (bound >= this.config.targetRecall) best = tau;
      else break;
    }
    return best;
  }
}
