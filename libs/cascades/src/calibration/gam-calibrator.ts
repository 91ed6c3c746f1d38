import { CubicBSplineBasis, secondDifferencePenalty } from './b-spline-basis';
import { sigmoid, type CalibratedProbability, type CalibrationPoint, type ScoreCalibrator } from './calibrator';
import { cholesky, choleskyInverse, choleskySolve } from './small-matrix';

export interface GamFitOptions {
  /** B-spline functions; default 10. */
  basisSize?: number;
  /** Smoothing parameters tried; the one with the lowest AIC (deviance + 2 edf) wins. */
  lambdas?: readonly number[];
  /** Normal quantile of the band; default 1.96 (95%). */
  bandZ?: number;
}

const DEFAULT_LAMBDAS = [0.01, 0.1, 1, 10, 100, 1000];
/**
 * A N(0, 1/0.05) prior on each coefficient (sd ~4.5 on the logit scale). Without it an online proxy
 * that separates its labels perfectly drives the fit to infinity, where the curvature vanishes and
 * the Gaussian band spans [0, 1]; with it a region of 100 agreeing labels gets a band near 0 or 1,
 * and a region with none stays near 0.5 with a wide band.
 */
const RIDGE = 0.05;
const MAX_IRLS_ITERATIONS = 60;

/**
 * A logistic GAM with one smooth term, logit P(event | s) = g(s), g a P-spline: cubic B-spline basis
 * B, second-difference penalty lambda ||D beta||^2, fitted by penalised iteratively reweighted
 * least squares. lambda is chosen on a grid by AIC with the effective degrees of freedom
 * tr((B'WB + lambda D'D)^-1 B'WB). The band comes from the Bayesian posterior of the penalised fit,
 * beta ~ N(beta_hat, (B'WB + lambda D'D)^-1) (Wood's "Bayesian" covariance), mapped through the
 * logistic function: it is wide where there are few labels, narrow where there are many.
 */
export class GamCalibrator implements ScoreCalibrator {
  private constructor(
    private readonly basis: CubicBSplineBasis,
    private readonly beta: Float64Array,
    private readonly covariance: Float64Array,
    private readonly bandZ: number,
    readonly lambda: number,
    readonly edf: number,
  ) {}

  static fit(points: readonly CalibrationPoint[], options: GamFitOptions = {}): GamCalibrator {
    if (points.length === 0) throw new Error('a GAM needs at least one labelled score');
    const basis = new CubicBSplineBasis(options.basisSize ?? 10);
    const K = basis.size;
    // Labelled scores are binned to 1/1000: the fit then costs the same for 300 or 300,000 labels.
    const bins = new Map<number, { x: number; n: number; yes: number }>();
    for (const point of points) {
      const key = Math.round(Math.min(1, Math.max(0, point.score)) * 1000);
      const bin = bins.get(key) ?? { x: key / 1000, n: 0, yes: 0 };
      bin.n++;
      if (point.positive) bin.yes++;
      bins.set(key, bin);
    }
    const data = [...bins.values()].map((b) => ({ row: basis.evaluate(b.x), n: b.n, y: b.yes / b.n }));
    const penalty = secondDifferencePenalty(K);

    let best: { aic: number; lambda: number; beta: Float64Array; covariance: Float64Array; edf: number } | undefined;
    for (const lambda of options.lambdas ?? DEFAULT_LAMBDAS) {
      const fit = penalisedIrls(data, penalty, K, lambda);
      if (!best || fit.aic < best.aic) best = { ...fit, lambda };
    }
    return new GamCalibrator(basis, best!.beta, best!.covariance, options.bandZ ?? 1.96, best!.lambda, best!.edf);
  }

  predict(score: number): CalibratedProbability {
    const b = this.basis.evaluate(score);
    const K = this.basis.size;
    let eta = 0;
    let variance = 0;
    for (let i = 0; i < K; i++) {
      eta += b[i] * this.beta[i];
      let row = 0;
      for (let j = 0; j < K; j++) row += this.covariance[i * K + j] * b[j];
      variance += b[i] * row;
    }
    const se = Math.sqrt(Math.max(0, variance));
    return { p: sigmoid(eta), low: sigmoid(eta - this.bandZ * se), high: sigmoid(eta + this.bandZ * se) };
  }
}

interface BinnedRow {
  row: Float64Array;
  n: number;
  /** Fraction positive in the bin. */
  y: number;
}

function penalisedIrls(data: readonly BinnedRow[], penalty: Float64Array, K: number, lambda: number) {
  const total = data.reduce((s, d) => s + d.n, 0);
  const mean = Math.min(1 - 1e-3, Math.max(1e-3, data.reduce((s, d) => s + d.n * d.y, 0) / total));
  let beta: Float64Array = new Float64Array(K).fill(Math.log(mean / (1 - mean)));
  let information = new Float64Array(K * K);
  let factor: Float64Array = new Float64Array(K * K);
  for (let iteration = 0; iteration < MAX_IRLS_ITERATIONS; iteration++) {
    information = new Float64Array(K * K);
    const rhs = new Float64Array(K);
    for (const d of data) {
      const eta = dot(d.row, beta);
      const mu = clampProbability(sigmoid(eta));
      const w = d.n * mu * (1 - mu);
      const z = eta + (d.y - mu) / (mu * (1 - mu));
      for (let i = 0; i < K; i++) {
        if (d.row[i] === 0) continue;
        rhs[i] += w * d.row[i] * z;
        for (let j = 0; j < K; j++) information[i * K + j] += w * d.row[i] * d.row[j];
      }
    }
    const system = new Float64Array(K * K);
    for (let i = 0; i < K * K; i++) system[i] = information[i] + lambda * penalty[i];
    for (let i = 0; i < K; i++) system[i * K + i] += RIDGE;
    factor = cholesky(system, K);
    const next = choleskySolve(factor, K, rhs);
    const change = next.reduce((m, v, i) => Math.max(m, Math.abs(v - beta[i])), 0);
    beta = next;
    if (change < 1e-7) break;
  }
  const covariance = choleskyInverse(factor, K);
  let edf = 0;
  for (let i = 0; i < K; i++) for (let j = 0; j < K; j++) edf += covariance[i * K + j] * information[j * K + i];
  let deviance = 0;
  for (const d of data) {
    const mu = clampProbability(sigmoid(dot(d.row, beta)));
    deviance -= 2 * d.n * (d.y * Math.log(mu) + (1 - d.y) * Math.log(1 - mu));
  }
  return { beta, covariance, edf, aic: deviance + 2 * edf };
}

function dot(a: Float64Array, b: Float64Array): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i] * b[i];
  return s;
}

function clampProbability(p: number): number {
  return Math.min(1 - 1e-9, Math.max(1e-9, p));
}
