import { SeededRandom } from '@chatbi/models';
import type { CalibrationPoint, ScoreCalibrator } from './calibrator';
import { GamCalibrator } from './gam-calibrator';
import { PlattCalibrator } from './platt-calibrator';

/** An S-shaped miscalibration with plateaus, which a sigmoid of logit(s) cannot follow. */
const truth = (s: number) => 0.15 + 0.7 / (1 + Math.exp(-15 * (s - 0.6)));

function sample(n: number, seed: number): CalibrationPoint[] {
  const rng = new SeededRandom(seed);
  return Array.from({ length: n }, () => {
    const score = rng.next();
    return { score, positive: rng.next() < truth(score) };
  });
}

function meanAbsoluteError(c: ScoreCalibrator): number {
  let sum = 0;
  for (let i = 0; i <= 100; i++) sum += Math.abs(c.predict(i / 100).p - truth(i / 100));
  return sum / 101;
}

describe('GamCalibrator', () => {
  it('recovers a known S-shaped curve and beats Platt scaling on it', () => {
    const points = sample(3_000, 7);
    const gam = GamCalibrator.fit(points);
    const platt = PlattCalibrator.fit(points);
    expect(meanAbsoluteError(gam)).toBeLessThan(0.04);
    expect(meanAbsoluteError(gam)).toBeLessThan(meanAbsoluteError(platt) / 1.5);
  });

  it('has a 95% band that covers the true curve almost everywhere', () => {
    const gam = GamCalibrator.fit(sample(3_000, 11));
    let covered = 0;
    for (let i = 0; i <= 100; i++) {
      const { low, high } = gam.predict(i / 100);
      if (low <= truth(i / 100) && truth(i / 100) <= high) covered++;
    }
    expect(covered).toBeGreaterThanOrEqual(85);
  });

  it('is unsure where it has no labels and sure where it has many', () => {
    const rng = new SeededRandom(3);
    const points = Array.from({ length: 1_000 }, () => {
      const score = 0.5 + 0.5 * rng.next();
      return { score, positive: rng.next() < truth(score) };
    });
    const gam = GamCalibrator.fit(points);
    const width = (s: number) => gam.predict(s).high - gam.predict(s).low;
    expect(width(0.05)).toBeGreaterThan(3 * width(0.8));
  });

  it('stays finite when every label is the same', () => {
    const gam = GamCalibrator.fit(Array.from({ length: 200 }, (_, i) => ({ score: i / 200, positive: false })));
    const { p, low, high } = gam.predict(0.5);
    expect(p).toBeLessThan(0.05);
    expect(Number.isFinite(low) && Number.isFinite(high)).toBe(true);
  });
});
