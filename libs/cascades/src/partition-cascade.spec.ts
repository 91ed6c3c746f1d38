import { type CascadeRow, ChatbiError, type Oracle, type ProxyModel, type SemanticTask } from '@chatbi/contracts';
import { PartitionCascade, type PartitionCascadeOptions } from './partition-cascade';
import { OnlineLogisticProxy } from './proxies/online-logistic.proxy';
import { partitionOf } from './rows/partition-of';
import { runCascade } from './run-cascade';
import { RecordingOracle, syntheticScoredSet } from './testing/synthetic-scores';

const filter: SemanticTask = { kind: 'filter', instruction: 'is positive' };
const unlimited = { maxOracleCalls: Infinity, maxOracleTokens: Infinity };

function cascade(overrides: Partial<PartitionCascadeOptions> & Pick<PartitionCascadeOptions, 'proxy' | 'oracle'>) {
  return new PartitionCascade({ partition: 0, task: filter, algorithm: { kind: 'gamcal', alpha: 0.1, batchSize: 100 }, budget: unlimited, seed: 1, ...overrides });
}

/** Texts that say what they are, so an online proxy can learn them. */
function talkativeRows(n: number): { rows: CascadeRow[]; gold: Map<string, boolean> } {
  const rows: CascadeRow[] = [];
  const gold = new Map<string, boolean>();
  for (let i = 0; i < n; i++) {
    const positive = i % 4 === 0;
    const id = `t${i}`;
    rows.push({ id, text: positive ? `cannot log in again, login broken ${i}` : `invoice number ${i} paid, thanks` });
    gold.set(id, positive);
  }
  return { rows, gold };
}

describe('PartitionCascade', () => {
  it('delegates every row in cold start (GAMCAL before its first fit, SUPG-IT with an untrained proxy)', async () => {
    const { rows, gold } = talkativeRows(100);
    for (const algorithm of [
      { kind: 'gamcal', alpha: 0.3, batchSize: 100 },
      { kind: 'supg-it', targetPrecision: 0.8, targetRecall: 0.8, confidence: 0.9 },
    ] as const) {
      const oracle = new RecordingOracle(gold);
      const c = cascade({ proxy: new OnlineLogisticProxy({ seed: 1 }), oracle, algorithm, windowRows: 100 });
      const decisions = [...(await c.push(rows)), ...(await c.finish())];
      expect(decisions.every((d) => d.by === 'oracle')).toBe(true);
      expect(oracle.asked).toHaveLength(100);
    }
  });

  it('GAMCAL stops delegating confident rows once its calibration has been fitted', async () => {
    const { rows, gold } = talkativeRows(1_200);
    const oracle = new RecordingOracle(gold);
    const c = cascade({ proxy: new OnlineLogisticProxy({ seed: 2 }), oracle, algorithm: { kind: 'gamcal', alpha: 0.1, batchSize: 100 } });
    const decisions = [...(await c.push(rows)), ...(await c.finish())];
    const late = decisions.slice(600);
    expect(late.filter((d) => d.by === 'oracle').length / late.length).toBeLessThan(0.15);
    expect(decisions.every((d) => d.verdict === gold.get(d.id))).toBe(true);
  });

  it('keeps bad rows away from the oracle: empty and NULL texts are undecided, enormous ones are cut and flagged', async () => {
    const oracle = new RecordingOracle(new Map([['big', true]]));
    const c = cascade({ proxy: new OnlineLogisticProxy({ seed: 1 }), oracle, maxTextChars: 1_000 });
    const decisions = [
      ...(await c.push([
        { id: 'null', text: null },
        { id: 'blank', text: '   \n' },
        { id: 'big', text: 'spam '.repeat(100_000) },
      ])),
      ...(await c.finish()),
    ];
    expect(decisions).toEqual([
      { id: 'null', verdict: null, by: 'undecided', reason: 'text is empty' },
      { id: 'blank', verdict: null, by: 'undecided', reason: 'text is empty' },
      { id: 'big', verdict: true, by: 'oracle', truncated: true },
    ]);
    expect(oracle.asked.map((r) => r.id)).toEqual(['big']);
    expect(oracle.asked[0].text).toHaveLength(1_000);
    expect(c.progress()).toMatchObject({ rowsSeen: 3, rowsDecided: 3, undecided: 2, truncated: 1, oracleCalls: 1 });
  });

  it('refuses an empty or overlong instruction and a bad label set with a ChatbiError', () => {
    const make = (task: SemanticTask) => () => cascade({ task, proxy: new OnlineLogisticProxy({ seed: 1 }), oracle: new RecordingOracle(new Map()) });
    const codeOf = (fn: () => unknown) => {
      try {
        fn();
      } catch (error) {
        return error instanceof ChatbiError ? error.code : 'not a ChatbiError';
      }
      return 'no error';
    };
    expect(codeOf(make({ kind: 'filter', instruction: '  ' }))).toBe('SEMANTIC_INSTRUCTION_EMPTY');
    expect(codeOf(make({ kind: 'filter', instruction: 'x'.repeat(501) }))).toBe('SEMANTIC_INSTRUCTION_TOO_LONG');
    expect(codeOf(make({ kind: 'classify', instruction: 'topic', labels: ['a', 'a'] }))).toBe('SEMANTIC_LABELS_INVALID');
    expect(codeOf(make({ kind: 'classify', instruction: 'topic', labels: ['only'] }))).toBe('SEMANTIC_LABELS_INVALID');
  });

  it('keeps going when the oracle fails: the rows it was asked about are undecided with the reason', async () => {
    const failing: Oracle = { name: 'down', judge: async () => Promise.reject(new Error('connection refused')), tokensUsed: () => 0 };
    const c = cascade({ proxy: new OnlineLogisticProxy({ seed: 1 }), oracle: failing });
    const decisions = [...(await c.push(talkativeRows(30).rows)), ...(await c.finish())];
    expect(decisions).toHaveLength(30);
    expect(decisions.every((d) => d.by === 'undecided' && d.reason === 'oracle failed: connection refused')).toBe(true);
  });

  it('runs a classifier through the same machinery on the event "the top label is right"', async () => {
    const labels = ['billing', 'login', 'shipping'];
    const classify: SemanticTask = { kind: 'classify', instruction: 'topic of the ticket', labels };
    const words = ['invoice charged twice', 'password reset login', 'parcel delivery late'];
    const rows = Array.from({ length: 900 }, (_, i) => ({ id: `c${i}`, text: `${words[i % 3]} ticket ${i}` }));
    const gold = new Map(rows.map((r, i) => [r.id, labels[i % 3]]));
    const oracle = new RecordingOracle(gold);
    const c = cascade({ task: classify, proxy: new OnlineLogisticProxy({ seed: 3 }), oracle, algorithm: { kind: 'gamcal', alpha: 0.1, batchSize: 60 } });
    const decisions = [...(await c.push(rows)), ...(await c.finish())];
    expect(decisions.every((d) => d.verdict === gold.get(d.id))).toBe(true);
    expect(decisions.filter((d) => d.by === 'proxy').length).toBeGreaterThan(600);
    expect(c.progress().thresholds[0].low).toBe(0);
  });
});

describe('runCascade', () => {
  it('deals rows to partitions by a stable hash, and partitions share no state', async () => {
    const data = syntheticScoredSet(3_000, 5);
    const seenBy = new Map<number, Set<string>>();
    const recordingProxy = (partition: number): ProxyModel => ({
      name: 'recording',
      score: async (task, rows) => {
        const seen = seenBy.get(partition) ?? new Set<string>();
        rows.forEach((r) => seen.add(r.id));
        seenBy.set(partition, seen);
        return data.proxy.score(task, rows);
      },
    });
    const algorithm = { kind: 'supg-it', targetPrecision: 0.9, targetRecall: 0.9, confidence: 0.9 } as const;
    const outcome = await runCascade(data.rows, { task: filter, proxy: recordingProxy, oracle: new RecordingOracle(data.gold), algorithm, budget: unlimited, partitions: 4, seed: 9 });
    expect(outcome.decisions).toHaveLength(3_000);
    for (const [partition, ids] of seenBy) for (const id of ids) expect(partitionOf(id, 4)).toBe(partition);

    // Partition 2 run alone, as a Kafka worker would run it, decides exactly as it did beside the others.
    const own = data.rows.filter((r) => partitionOf(r.id, 4) === 2);
    const alone = new PartitionCascade({ partition: 2, task: filter, proxy: data.proxy, oracle: new RecordingOracle(data.gold), algorithm, budget: unlimited, seed: 9 });
    const aloneDecisions = [...(await alone.push(own)), ...(await alone.finish())];
    const together = new Map(outcome.decisions.map((d) => [d.id, d]));
    expect(aloneDecisions).toEqual(own.map((r) => together.get(r.id)));
    expect(outcome.thresholds.map((t) => t.partition)).toEqual([0, 1, 2, 3]);
  });

  it('respects the budget of oracle calls and tokens; the rest is undecided with the reason', async () => {
    const data = syntheticScoredSet(2_000, 6);
    const oracle = new RecordingOracle(data.gold, 10);
    const progress: number[] = [];
    const outcome = await runCascade(data.rows, {
      task: filter,
      proxy: data.proxy,
      oracle,
      algorithm: { kind: 'oracle-only' },
      budget: { maxOracleCalls: 100, maxOracleTokens: Infinity },
      partitions: 8,
      seed: 1,
      onProgress: (p) => progress.push(p.oracleCalls),
    });
    expect(outcome.oracleCalls).toBe(100);
    expect(oracle.asked).toHaveLength(100);
    expect(outcome.undecided).toBe(1_900);
    expect(outcome.decisions.filter((d) => d.reason === 'oracle budget spent')).toHaveLength(1_900);
    expect(progress.length).toBeGreaterThan(0);

    const byTokens = new RecordingOracle(data.gold, 10);
    const tokenLimited = await runCascade(data.rows, { task: filter, proxy: data.proxy, oracle: byTokens, algorithm: { kind: 'oracle-only' }, budget: { maxOracleCalls: Infinity, maxOracleTokens: 4_000 }, partitions: 2, seed: 1, oracleBatchRows: 20 });
    // Each partition may finish the request it started before its 2,000 tokens ran out.
    expect(tokenLimited.oracleTokens).toBeLessThanOrEqual(4_000 + 2 * 20 * 10);
    expect(tokenLimited.oracleTokens).toBe(byTokens.tokensUsed());
    expect(tokenLimited.undecided).toBeGreaterThan(1_500);
  });

  it('stops when its signal is aborted', async () => {
    const data = syntheticScoredSet(1_000, 7);
    const controller = new AbortController();
    controller.abort(new Error('caller gave up'));
    await expect(
      runCascade(data.rows, { task: filter, proxy: data.proxy, oracle: new RecordingOracle(data.gold), algorithm: { kind: 'oracle-only' }, budget: unlimited, partitions: 2, seed: 1, signal: controller.signal }),
    ).rejects.toThrow('caller gave up');
  });
});
