import { type CascadeOutcome, type CascadeProgress, type CascadeRow, type RowDecision, type SemanticDecisionsMessage, type SemanticRowsMessage, TOPICS } from '@chatbi/contracts';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { DEFAULT_MAX_TEXT_CHARS, budgetShare, partitionOf, sumProgress, truncateRow } from '@chatbi/cascades';
import { MESSAGE_BUS, type MessageBus } from '@chatbi/transport';
import type { CascadeExecutor, CascadeJob } from './cascade-executor';
import { asPartitionedBus, type PartitionedBus } from './kafka-semantic.bus';
import { DEFAULT_BATCH_ROWS, DEFAULT_MAX_BATCH_BYTES, KAFKA_SEMANTIC_OPTIONS, type KafkaSemanticOptions } from './kafka-semantic.options';
import { parseDecisionsMessage } from './kafka-semantic.schema';

/** One job this instance owns, while it waits for the partitions' decisions. */
interface OwnedJob {
  /** Partition of each row of the job: decisions for other ids, or from another partition, are ignored. */
  partitionOfRow: Map<string, number>;
  decisions: Map<string, RowDecision>;
  /** `${partition}/${sequence}` of the decisions batches counted: a redelivered one is counted once. */
  batchesCounted: Set<string>;
  progress: Map<number, CascadeProgress>;
  /** Partitions that have rows and have not reported done. */
  open: Set<number>;
  workers: Map<number, string>;
  names: { proxy?: string; oracle?: string };
  truncatedIds: Set<string>;
  onProgress: (p: CascadeProgress) => void;
  finished: () => void;
}

/**
 * Distributed mode, the owner's side: the cascade-runner instance that read a question's rows
 * publishes them to chatbi.semantic-rows, each cascade partition (partitionOf the row id) to its own
 * Kafka partition, in batches ending with a marker that carries the partition's row count and its
 * share of the oracle budget. Whichever worker of the group owns that Kafka partition runs its
 * cascade (KafkaPartitionWorker); decisions come back on chatbi.semantic-decisions, which every
 * instance reads: this one keeps those of its jobs. A job ends when every partition reported done,
 * or at the deadline, its missing rows then undecided with the reason.
 */
@Injectable()
export class KafkaCascadeExecutor implements CascadeExecutor {
  private readonly logger = new Logger('semantic-kafka');
  private readonly bus: PartitionedBus;
  private readonly jobs = new Map<string, OwnedJob>();
  private topicPartitions?: Promise<number>;

  constructor(
    @Inject(MESSAGE_BUS) bus: MessageBus,
    @Inject(KAFKA_SEMANTIC_OPTIONS) private readonly options: KafkaSemanticOptions,
  ) {
    this.bus = asPartitionedBus(bus);
  }

  async run(rows: readonly CascadeRow[], job: CascadeJob): Promise<CascadeOutcome> {
    const { partitions, timeoutMs } = job.options;
    const deadline = Date.now() + timeoutMs;
    const byPartition: CascadeRow[][] = Array.from({ length: partitions }, () => []);
    const owned: OwnedJob = {
      partitionOfRow: new Map(),
      decisions: new Map(),
      batchesCounted: new Set(),
      progress: new Map(),
      open: new Set(),
      workers: new Map(),
      names: {},
      truncatedIds: new Set(),
      onProgress: job.onProgress,
      finished: () => undefined,
    };
    for (const row of rows) {
      const partition = partitionOf(row.id, partitions);
      const cut = truncateRow(row, job.options.maxTextChars ?? DEFAULT_MAX_TEXT_CHARS);
      if (cut.truncated) owned.truncatedIds.add(row.id);
      byPartition[partition].push(cut.row);
      owned.partitionOfRow.set(row.id, partition);
      owned.open.add(partition);
    }
    const finished = new Promise<void>((resolve) => (owned.finished = resolve));
    if (owned.open.size === 0) owned.finished();
    let onAbort: (() => void) | undefined;
    const aborted = new Promise<void>((resolve) => {
      onAbort = resolve;
      if (job.signal.aborted) resolve();
      else job.signal.addEventListener('abort', onAbort, { once: true });
    });
    this.jobs.set(job.jobId, owned);
    try {
      await this.publishRows(byPartition, job, deadline);
      await Promise.race([finished, aborted]);
      const timedOut = owned.open.size > 0;
      if (timedOut) this.logger.warn(`${job.requestId}: job ${job.jobId} timed out with partitions ${[...owned.open].join(', ')} still open`);
      return this.outcome(rows, owned, job, timedOut ? `the cascade timed out after ${seconds(timeoutMs)} s` : undefined);
    } finally {
      this.jobs.delete(job.jobId);
      job.signal.removeEventListener('abort', onAbort!);
    }
  }

  /** chatbi.semantic-decisions: every instance reads every job's decisions and keeps those of the jobs it owns. */
  onDecisions(raw: unknown): void {
    const message = parseDecisionsMessage(raw);
    if ('invalid' in message) {
      this.logger.warn(`dropping a message on ${TOPICS.semanticDecisions} that is not a decisions message: ${message.invalid}`);
      return;
    }
    const owned = this.jobs.get(message.jobId);
    if (!owned) return;
    const batch = `${message.partition}/${message.sequence}`;
    if (owned.batchesCounted.has(batch)) return;
    owned.batchesCounted.add(batch);
    this.take(owned, message);
  }

  private take(owned: OwnedJob, message: SemanticDecisionsMessage): void {
    const { partition } = message;
    const worker = owned.workers.get(partition);
    if (worker && worker !== message.worker) this.logger.warn(`job ${message.jobId}: partition ${partition} moved from ${worker} to ${message.worker}`);
    owned.workers.set(partition, message.worker);
    owned.names.proxy ??= message.proxy;
    owned.names.oracle ??= message.oracle;
    for (const d of message.decisions) {
      if (owned.partitionOfRow.get(d.id) !== partition || owned.decisions.has(d.id)) continue;
      const decision: RowDecision = { id: d.id, verdict: d.verdict, by: d.by, ...(d.reason ? { reason: d.reason } : {}) };
      if (d.truncated || owned.truncatedIds.has(d.id)) decision.truncated = true;
      owned.decisions.set(d.id, decision);
    }
    owned.progress.set(partition, message.progress);
    owned.onProgress(sumProgress([...owned.progress.values()]));
    if (!message.done || !owned.open.has(partition)) return;
    owned.open.delete(partition);
    const reason = message.error ?? `the worker of partition ${partition} returned no decision for the row`;
    for (const [id, p] of owned.partitionOfRow) {
      if (p === partition && !owned.decisions.has(id)) owned.decisions.set(id, { id, verdict: null, by: 'undecided', reason });
    }
    if (owned.open.size === 0) owned.finished();
  }

  /** Each partition's rows in order, in batches of bounded size; partitions in parallel. */
  private async publishRows(byPartition: CascadeRow[][], job: CascadeJob, deadline: number): Promise<void> {
    const kafkaPartitions = await this.kafkaPartitions();
    const partitions = byPartition.length;
    await Promise.all(
      byPartition.map(async (rows, partition) => {
        if (rows.length === 0) return;
        const batches = this.batches(rows);
        for (const [sequence, batch] of batches.entries()) {
          const last = sequence === batches.length - 1;
          const message: SemanticRowsMessage = {
            jobId: job.jobId,
            requestId: job.requestId,
            partition,
            partitions,
            task: job.task.kind === 'filter' ? { kind: 'filter', instruction: job.task.instruction } : { kind: 'classify', instruction: job.task.instruction, labels: [...job.task.labels] },
            algorithm: job.options.algorithm,
            budget: budgetShare(job.options.budget, partitions, partition),
            seed: job.options.seed,
            rows: batch,
            last,
            sequence,
            ...(last ? { rowCount: rows.length } : {}),
            deadline,
          };
          // More cascade partitions than Kafka partitions share them; a worker still runs one cascade per cascade partition.
          await this.bus.publishTo(TOPICS.semanticRows, message, {
            key: `${job.jobId}/${partition}`,
            partition: partition % kafkaPartitions,
            messageId: `${job.jobId}/${partition}/${sequence}`,
          });
        }
      }),
    );
  }

  private batches(rows: CascadeRow[]): CascadeRow[][] {
    const maxRows = this.options.batchRows ?? DEFAULT_BATCH_ROWS;
    const maxBytes = this.options.maxBatchBytes ?? DEFAULT_MAX_BATCH_BYTES;
    const out: CascadeRow[][] = [];
    let current: CascadeRow[] = [];
    let bytes = 0;
    for (const row of rows) {
      const size = 2 * ((row.text?.length ?? 0) + row.id.length) + 32;
      if (current.length > 0 && (current.length >= maxRows || bytes + size > maxBytes)) {
        out.push(current);
        current = [];
        bytes = 0;
      }
      current.push(row);
      bytes += size;
    }
    out.push(current);
    return out;
  }

  private kafkaPartitions(): Promise<number> {
    this.topicPartitions ??= this.bus.partitionCount(TOPICS.semanticRows).then((n) => {
      if (n < 1) throw new Error(`${TOPICS.semanticRows} has no partitions`);
      return n;
    });
    this.topicPartitions.catch(() => (this.topicPartitions = undefined));
    return this.topicPartitions;
  }

  private outcome(rows: readonly CascadeRow[], owned: OwnedJob, job: CascadeJob, missingReason?: string): CascadeOutcome {
    const decisions = rows.map(
      (row): RowDecision => owned.decisions.get(row.id) ?? { id: row.id, verdict: null, by: 'undecided', reason: missingReason ?? 'no decision came back for the row' },
    );
    const progress = sumProgress([...owned.progress.values()]);
    return {
      ...progress,
      rowsSeen: rows.length,
      rowsDecided: decisions.length,
      undecided: decisions.filter((d) => d.by === 'undecided' || d.verdict === null).length,
      decisions,
      algorithm: job.options.algorithm.kind,
      proxy: owned.names.proxy ?? job.judges.proxy(0).name,
      oracle: owned.names.oracle ?? job.judges.oracle.name,
      partitions: job.options.partitions,
    };
  }
}

function seconds(ms: number): number {
  return ms >= 10_000 ? Math.round(ms / 1000) : Math.round(ms / 100) / 10;
}
