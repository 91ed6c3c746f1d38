import type { CascadeAlgorithmConfig, CascadeBudget, CascadeOutcome, CascadeProgress, CascadeRow, Oracle, ProxyModel, RowDecision, SemanticTask } from '@chatbi/contracts';
import { DEFAULT_WINDOW_ROWS, PartitionCascade } from './partition-cascade';
import { partitionOf } from './rows/partition-of';

export interface RunCascadeOptions {
  task: SemanticTask;
  /** One instance for all partitions, or a factory: a proxy that learns online needs one per partition. */
  proxy: ProxyModel | ((partition: number) => ProxyModel);
  oracle: Oracle;
  algorithm: CascadeAlgorithmConfig;
  /** The whole query's budget; each partition gets an equal share. */
  budget: CascadeBudget;
  partitions: number;
  seed: number;
  signal?: AbortSignal;
  onProgress?: (p: CascadeProgress) => void;
  windowRows?: number;
  oracleBatchRows?: number;
  maxTextChars?: number;
}

/**
 * Embedded mode: rows are dealt to in-process partitions by a stable hash of their id, each run by
 * its own PartitionCascade exactly as a Kafka worker runs its partition: no shared state, no
 * coordination; the partitions work concurrently while rows are read.
 */
export async function runCascade(rows: AsyncIterable<CascadeRow> | Iterable<CascadeRow>, options: RunCascadeOptions): Promise<CascadeOutcome> {
  const { partitions } = options;
  const cascades = Array.from({ length: partitionCount(partitions) }, (_, partition) => {
    const proxy = typeof options.proxy === 'function' ? options.proxy(partition) : options.proxy;
    return {
      proxyName: proxy.name,
      cascade: new PartitionCascade({
        partition,
        task: options.task,
        proxy,
        oracle: options.oracle,
        algorithm: options.algorithm,
        budget: budgetShare(options.budget, partitions, partition),
        seed: options.seed,
        signal: options.signal,
        windowRows: options.windowRows,
        oracleBatchRows: options.oracleBatchRows,
        maxTextChars: options.maxTextChars,
      }),
    };
  });
  const chunkRows = options.windowRows ?? DEFAULT_WINDOW_ROWS;
  const buffers: CascadeRow[][] = cascades.map(() => []);
  const running: Promise<void>[] = cascades.map(() => Promise.resolve());
  const decisions: RowDecision[][] = cascades.map(() => []);
  const report = () => options.onProgress?.(sumProgress(cascades.map((c) => c.cascade.progress())));

  const hand = (partition: number, work: (c: PartitionCascade) => Promise<RowDecision[]>) => {
    running[partition] = running[partition].then(async () => {
      decisions[partition].push(...(await work(cascades[partition].cascade)));
      report();
    });
    // Marked as handled here; the failure still reaches whoever awaits this partition next.
    running[partition].catch(() => undefined);
    return running[partition];
  };

  for await (const row of rows) {
    options.signal?.throwIfAborted();
    const partition = partitionOf(row.id, partitions);
    buffers[partition].push(row);
    if (buffers[partition].length >= chunkRows) {
      const chunk = buffers[partition];
      buffers[partition] = [];
      // Back-pressure per partition: wait for its previous chunk before reading on.
      await running[partition];
      void hand(partition, (c) => c.push(chunk));
    }
  }
  await Promise.all(
    cascades.map((_, p) => {
      const chunk = buffers[p];
      return hand(p, async (c) => [...(await c.push(chunk)), ...(await c.finish())]);
    }),
  );

  return {
    ...sumProgress(cascades.map((c) => c.cascade.progress())),
    decisions: decisions.flat(),
    algorithm: options.algorithm.kind,
    proxy: cascades[0].proxyName,
    oracle: options.oracle.name,
    partitions,
  };
}

/** An equal share of the query's budget; the remainder goes to the first partitions. */
export function budgetShare(budget: CascadeBudget, partitions: number, partition: number): CascadeBudget {
  const share = (total: number) => {
    if (!Number.isFinite(total)) return total;
    const base = Math.floor(total / partitions);
    return base + (partition < total - base * partitions ? 1 : 0);
  };
  return { maxOracleCalls: share(budget.maxOracleCalls), maxOracleTokens: share(budget.maxOracleTokens) };
}

export function sumProgress(parts: readonly CascadeProgress[]): CascadeProgress {
  const sum = (pick: (p: CascadeProgress) => number | undefined) => parts.reduce((s, p) => s + (pick(p) ?? 0), 0);
  return {
    rowsSeen: sum((p) => p.rowsSeen),
    rowsDecided: sum((p) => p.rowsDecided),
    oracleCalls: sum((p) => p.oracleCalls),
    oracleTokens: sum((p) => p.oracleTokens),
    undecided: sum((p) => p.undecided),
    truncated: sum((p) => p.truncated),
    thresholds: parts.flatMap((p) => p.thresholds),
  };
}

function partitionCount(partitions: number): number {
  if (!Number.isInteger(partitions) || partitions < 1) throw new RangeError(`partitions must be a positive integer, got ${partitions}`);
  return partitions;
}
