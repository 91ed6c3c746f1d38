import { PartitionCascade } from '../partition-cascade';
import { SeededRandom } from '@chatbi/models';
import { RecordingOracle, syntheticScoredSet } from '../testing/synthetic-scores';
import { GamcalPolicy } from './gamcal.policy';

/** Labels from a calibrated proxy: P(yes | s) = s. */
function labels(n: number, seed: number) {
  const rng = new SeededRandom(seed);
  return Array.from({ length: n }, () => {
    const score = rng.next();
    return { score, positive: rng.next() < score };
  });
}

describe('GamcalPolicy', () => {
  it('delegates everything until batchSize labels, then refits when the labels double', () => {
    const policy = new GamcalPolicy('binary', { kind: 'gamcal', alpha: 0.2, batchSize: 100 });
    const stream = labels(1_000, 1);
    expect(policy.route(0.99)).toBe('oracle');
    policy.observeDelegated(stream.slice(0, 99));
    expect(policy.state()).toEqual({ labels: 99, fitted: false, nextFit: 100 });
    expect(policy.route(0.99)).toBe('oracle');
    policy.observeDelegated(stream.slice(99, 100));
    expect(policy.state()).toEqual({ labels: 100, fitted: true, nextFit: 200 });
    policy.observeDelegated(stream.slice(100, 450));
    expect(policy.state().nextFit).toBe(800);
  });

  it('decides confident scores, delegates the middle, and delegates more when alpha is smaller', () => {
    const band = (alpha: number) => {
      const policy = new GamcalPolicy('binary', { kind: 'gamcal', alpha, batchSize: 2_000 });
      policy.observeDelegated(labels(2_000, 2));
      return policy;
    };
    const loose = band(0.3);
    expect(loose.route(0.02)).toBe('reject');
    expect(loose.route(0.98)).toBe('accept');
    expect(loose.route(0.5)).toBe('oracle');
    const strict = band(0.05);
    const width = (p: GamcalPolicy) => p.thresholds().high - p.thresholds().low;
    expect(width(strict)).toBeGreaterThan(width(loose));
    expect(loose.thresholds().low).toBeGreaterThan(0.15);
    expect(loose.thresholds().high).toBeLessThan(0.85);
  });

  it('in top-label mode only accepts or delegates', () => {
    const policy = new GamcalPolicy('top-label', { kind: 'gamcal', alpha: 0.2, batchSize: 500 });
    policy.observeDelegated(labels(500, 3));
    expect(policy.route(0.01)).toBe('oracle');
    expect(policy.route(0.99)).toBe('accept');
  });
});

describe('GAMCAL in a partition (the paper\'s Figure 4 setting)', () => {
  it('delegates all of the cold start, then less and less as the doubling refits arrive', async () => {
    const data = syntheticScoredSet(10_000, 4, 0.3, 2);
    const cascade = new PartitionCascade({
      partition: 0,
      task: { kind: 'filter', instruction: 'is positive' },
      proxy: data.proxy,
      oracle: new RecordingOracle(data.gold),
      algorithm: { kind: 'gamcal', alpha: 0.35, batchSize: 200, exploration: 0.03 },
      budget: { maxOracleCalls: Infinity, maxOracleTokens: Infinity },
      seed: 4,
    });
    const rates: number[] = [];
    for (let i = 0; i < data.rows.length; i += 1_000) {
      const decisions = await cascade.push(data.rows.slice(i, i + 1_000));
      rates.push(decisions.filter((d) => d.by === 'oracle').length / decisions.length);
    }
    await cascade.finish();
    expect(rates[0]).toBeGreaterThan(0.2);
    expect(rates[rates.length - 1]).toBeLessThan(0.2);
    expect(rates[rates.length - 1]).toBeLessThan(rates[0] / 2);
  });
});
