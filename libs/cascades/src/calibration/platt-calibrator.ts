import { logit, sigmoid, type CalibratedProbability, type CalibrationPoint, type ScoreCalibrator } from './calibrator';

/**
 * Platt scaling, P(event | s) = sigmoid(a logit(s) + b), fitted by Newton's method: the usual
 * baseline, which can only stretch and shift the logit and so misses S-shaped miscalibration.
 * No band: it reports its point estimate as both ends.
 */
export class PlattCalibrator implements ScoreCalibrator {
  private constructor(
    readonly a: number,
    readonly b: number,
  ) {}

  static fit(points: readonly CalibrationPoint[]): PlattCalibrator {
    let a = 1;
    let b = 0;
    for (let iteration = 0; iteration < 50; iteration++) {
      let ga = 0, gb = 0, haa = 1e-6, hab = 0, hbb = 1e-6;
      for (const point of points) {
        const x = logit(point.score);
        const p = sigmoid(a * x + b);
        const r = (point.positive ? 1 : 0) - p;
        const w = p * (1 - p);
        ga += r * x;
        gb += r;
        haa += w * x * x;
        hab += w * x;
        hbb += w;
      }
      const det = haa * hbb - hab * hab;
      if (!(Math.abs(det) > 1e-12)) break;
      const da = (hbb * ga - hab * gb) / det;
      const db = (haa * gb - hab * ga) / det;
      a += da;
      b += db;
      if (Math.abs(da) + Math.abs(db) < 1e-9) break;
    }
    return new PlattCalibrator(a, b);
  }

  predict(score: number): CalibratedProbability {
    const p = sigmoid(this.a * logit(score) + this.b);
    return { p, low: p, high: p };
  }
}
