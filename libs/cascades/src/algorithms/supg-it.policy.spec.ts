import { runCascade } from '../run-cascade';
import { PartitionCascade } from '../partition-cascade';
import { precisionRecall, RecordingOracle, syntheticScoredSet } from '../testing/synthetic-scores';
import type { SemanticTask } from '@chatbi/contracts';

const task: SemanticTask = { kind: 'filter', instruction: 'is positive' };
const unlimited = { maxOracleCalls: Infinity, maxOracleTokens: Infinity };

describe('SUPG-IT', () => {
  it('meets its precision and recall targets on synthetic data in most seeds, without asking about every row', async () => {
    let met = 0;
    let delegated = 0;
    for (let seed = 1; seed <= 10; seed++) {
      const data = syntheticScoredSet(4_000, seed);
      const oracle = new RecordingOracle(data.gold);
      const outcome = await runCascade(data.rows, {
        task,
        proxy: data.proxy,
        oracle,
        algorithm: { kind: 'supg-it', targetPrecision: 0.9, targetRecall: 0.9, confidence: 0.9 },
        budget: unlimited,
        partitions: 2,
        seed,
      });
      const { precision, recall } = precisionRecall(outcome.decisions, data.gold);
      if (precision >= 0.9 && recall >= 0.9) met++;
      delegated += outcome.oracleCalls / data.rows.length;
    }
    expect(met).toBeGreaterThanOrEqual(9);
    expect(delegated / 10).toBeLessThan(0.6);
  });

  it('starts with everything uncertain, then lowers tau_high and raises tau_low as draws accumulate', async () => {
    const data = syntheticScoredSet(5_000, 42, 0.3, 1.5);
    const cascade = new PartitionCascade({
      partition: 0,
      task,
      proxy: data.proxy,
      oracle: new RecordingOracle(data.gold),
      algorithm: { kind: 'supg-it', targetPrecision: 0.9, targetRecall: 0.9, confidence: 0.95, samplesPerIteration: 20 },
      budget: unlimited,
      seed: 1,
    });
    expect(cascade.progress().thresholds[0]).toEqual({ partition: 0, low: 0, high: 1 });
    const history: { low: number; high: number }[] = [];
    for (let i = 0; i < data.rows.length; i += 200) {
      await cascade.push(data.rows.slice(i, i + 200));
      history.push(cascade.progress().thresholds[0]);
    }
    await cascade.finish();
    const early = history[1];
    const late = history[history.length - 1];
    expect(late.high).toBeLessThan(early.high);
    expect(late.low).toBeGreaterThan(early.low);
    expect(late.low).toBeLessThanOrEqual(late.high);
  });

  it('rejects targets outside (0, 1)', () => {
    const data = syntheticScoredSet(10, 1);
    expect(
      () =>
        new PartitionCascade({
          partition: 0,
          task,
          proxy: data.proxy,
          oracle: new RecordingOracle(data.gold),
          algorithm: { kind: 'supg-it', targetPrecision: 1.2, targetRecall: 0.9, confidence: 0.9 },
          budget: unlimited,
          seed: 1,
        }),
    ).toThrow(/targetPrecision/);
  });
});
