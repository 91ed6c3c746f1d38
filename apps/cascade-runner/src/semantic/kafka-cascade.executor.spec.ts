import { type CascadeProgress, type CascadeRow, type Oracle, type SemanticDecisionsMessage, type SemanticRowsMessage, type Topic, TOPICS } from '@chatbi/contracts';
import { OnlineLogisticProxy, partitionOf } from '@chatbi/cascades';
import type { CascadeJob } from './cascade-executor';
import { KafkaCascadeExecutor } from './kafka-cascade.executor';
import type { PartitionedBus } from './kafka-semantic.bus';
import { DEFAULT_SEMANTIC_OPTIONS } from './semantic.options';

/** Records what the owner publishes; the workers' side is played by the test (the real thing runs in test/semantic-distributed.e2e-spec.ts). */
class RecordingBus implements PartitionedBus {
  readonly sent: { topic: Topic; message: SemanticRowsMessage; partition?: number; key: string; messageId?: string }[] = [];
  constructor(private readonly partitions: number) {}
  async publish(): Promise<void> {
    throw new Error('the owner publishes with publishTo only');
  }
  subscribe(): () => void {
    return () => undefined;
  }
  async publishTo<T>(topic: Topic, message: T, target: { key: string; partition?: number; messageId?: string }): Promise<void> {
    this.sent.push({ topic, message: message as SemanticRowsMessage, ...target });
  }
  async partitionCount(): Promise<number> {
    return this.partitions;
  }
}

const unusedOracle: Oracle = { name: 'claude', judge: async () => [], tokensUsed: () => 0 };
const noProgress: CascadeProgress = { rowsSeen: 0, rowsDecided: 0, oracleCalls: 0, oracleTokens: 0, undecided: 0, thresholds: [] };

function job(partitions: number, timeoutMs = 10_000, onProgress: (p: CascadeProgress) => void = () => undefined): CascadeJob {
  return {
    jobId: 'job-1',
    requestId: 'request-1',
    task: { kind: 'filter', instruction: 'complains about login' },
    judges: { oracle: unusedOracle, proxy: () => new OnlineLogisticProxy({ seed: 1 }) },
    options: { ...DEFAULT_SEMANTIC_OPTIONS, partitions, timeoutMs },
    signal: AbortSignal.timeout(timeoutMs),
    onProgress,
  };
}

/** What a worker would answer for the rows of one batch: every row kept, by the proxy. */
function answer(rows: SemanticRowsMessage, overrides: Partial<SemanticDecisionsMessage> = {}): SemanticDecisionsMessage {
  return {
    jobId: rows.jobId,
    partition: rows.partition,
    sequence: rows.sequence,
    worker: 'w1',
    proxy: 'online-logistic',
    oracle: 'claude',
    decisions: rows.rows.map((r) => ({ id: r.id, verdict: true, by: 'proxy' })),
    progress: { ...noProgress, rowsSeen: rows.rows.length, rowsDecided: rows.rows.length, oracleCalls: 3, thresholds: [{ partition: rows.partition, low: 0.2, high: 0.8 }] },
    done: rows.last,
    ...overrides,
  };
}

const rowsOf = (n: number, text = (i: number) => `feedback ${i}`): CascadeRow[] => Array.from({ length: n }, (_, i) => ({ id: `r${i}`, text: text(i) }));

describe('KafkaCascadeExecutor (the owner of a job)', () => {
  it('sends each cascade partition its rows in order, in bounded batches, with sequence numbers, the last carrying the row count, and its budget share', async () => {
    const bus = new RecordingBus(3);
    const executor = new KafkaCascadeExecutor(bus, { instanceId: 'owner', batchRows: 50, maxBatchBytes: 20_000 });
    const rows = rowsOf(400, (i) => (i % 100 === 7 ? 'x'.repeat(9_000) : `feedback ${i}`));
    const running = executor.run(rows, job(4));
    await new Promise((r) => setImmediate(r));
    const sent = bus.sent;
    expect(sent.every((s) => s.topic === TOPICS.semanticRows)).toBe(true);
    for (let p = 0; p < 4; p++) {
      const batches = sent.filter((s) => s.message.partition === p);
      const expectedIds = rows.filter((r) => partitionOf(r.id, 4) === p).map((r) => r.id);
      expect(batches.flatMap((b) => b.message.rows.map((r) => r.id))).toEqual(expectedIds);
      expect(batches.map((b) => b.message.sequence)).toEqual(batches.map((_, i) => i));
      expect(batches.map((b) => b.message.last)).toEqual(batches.map((_, i) => i === batches.length - 1));
      expect(batches[batches.length - 1].message.rowCount).toBe(expectedIds.length);
      expect(batches.every((b) => b.partition === p % 3 && b.key === `job-1/${p}` && b.messageId === `job-1/${p}/${b.message.sequence}`)).toBe(true);
      expect(batches.every((b) => b.message.rows.length <= 50 && JSON.stringify(b.message.rows).length < 20_000)).toBe(true);
      expect(batches[0].message.budget.maxOracleCalls).toBe(DEFAULT_SEMANTIC_OPTIONS.budget.maxOracleCalls / 4);
    }
    // Long texts go cut to the cascade's limit, and their decisions say so.
    expect(Math.max(...sent.flatMap((s) => s.message.rows.map((r) => r.text!.length)))).toBe(4_000);
    for (const s of sent) executor.onDecisions(answer(s.message));
    const outcome = await running;
    expect(outcome.decisions.map((d) => d.id)).toEqual(rows.map((r) => r.id));
    expect(outcome.decisions.filter((d) => d.truncated).map((d) => d.id)).toEqual(['r7', 'r107', 'r207', 'r307']);
    // A worker's progress is its running total: the latest snapshot of each partition counts.
    expect(outcome.oracleCalls).toBe(3 * 4);
    expect(outcome).toMatchObject({ undecided: 0, partitions: 4, proxy: 'online-logistic', oracle: 'claude' });
  });

  it('counts a redelivered decisions batch once, ignores rows of other partitions and other jobs, and reports progress as batches arrive', async () => {
    const bus = new RecordingBus(12);
    const executor = new KafkaCascadeExecutor(bus, { instanceId: 'owner', batchRows: 10 });
    const progress: CascadeProgress[] = [];
    const running = executor.run(rowsOf(40), job(2, 10_000, (p) => progress.push(p)));
    await new Promise((r) => setImmediate(r));
    const [first, ...rest] = bus.sent.map((s) => s.message);
    executor.onDecisions(answer(first));
    executor.onDecisions(answer(first, { decisions: first.rows.map((r) => ({ id: r.id, verdict: false, by: 'oracle' })) }));
    const stranger = rest.find((m) => m.partition !== first.partition)!;
    // A decision for a row of the other partition, and a message of a job this owner does not have.
    executor.onDecisions(answer({ ...first, sequence: 99 }, { decisions: [{ id: stranger.rows[0].id, verdict: false, by: 'oracle' }] }));
    executor.onDecisions(answer({ ...first, jobId: 'someone-else' }));
    executor.onDecisions({ not: 'a decisions message' });
    for (const m of rest) executor.onDecisions(answer(m));
    const outcome = await running;
    expect(outcome.decisions.filter((d) => first.rows.some((r) => r.id === d.id)).every((d) => d.verdict === true)).toBe(true);
    expect(outcome.decisions.find((d) => d.id === stranger.rows[0].id)!.verdict).toBe(true);
    // Once per batch counted: every batch sent, and the stray one; not the repeat, the other job's or the invalid message.
    expect(progress).toHaveLength(bus.sent.length + 1);
  });

  it('leaves the rows a worker did not decide undecided with its error, and at the deadline the missing ones with the time-out', async () => {
    const bus = new RecordingBus(12);
    const executor = new KafkaCascadeExecutor(bus, { instanceId: 'owner', batchRows: 1_000 });
    const started = Date.now();
    const running = executor.run(rowsOf(30), job(3, 300));
    await new Promise((r) => setImmediate(r));
    const [failed, answered] = bus.sent.map((s) => s.message);
    executor.onDecisions(answer(failed, { decisions: [], done: true, error: 'the cascade failed: proxy broke' }));
    executor.onDecisions(answer(answered));
    const outcome = await running;
    expect(Date.now() - started).toBeLessThan(2_000);
    const reasonOf = (id: string) => outcome.decisions.find((d) => d.id === id)!.reason;
    expect(failed.rows.every((r) => reasonOf(r.id) === 'the cascade failed: proxy broke')).toBe(true);
    expect(answered.rows.every((r) => reasonOf(r.id) === undefined)).toBe(true);
    const silent = bus.sent[2].message;
    expect(silent.rows.every((r) => reasonOf(r.id) === 'the cascade timed out after 0.3 s')).toBe(true);
    expect(outcome.undecided).toBe(failed.rows.length + silent.rows.length);
  });
});
