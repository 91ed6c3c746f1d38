/** A calibrated probability with a two-sided band (95% unless the calibrator says otherwise). */
export interface CalibratedProbability {
  p: number;
  low: number;
  high: number;
}

/** Maps a proxy score to the probability that the event (yes / top label right) holds. */
export interface ScoreCalibrator {
  predict(score: number): CalibratedProbability;
}

export interface CalibrationPoint {
  score: number;
  positive: boolean;
}

export function sigmoid(x: number): number {
  return x >= 0 ? 1 / (1 + Math.exp(-x)) : Math.exp(x) / (1 + Math.exp(x));
}

export function logit(p: number): number {
  const q = Math.min(1 - 1e-6, Math.max(1e-6, p));
  return Math.log(q / (1 - q));
}
