import { type CascadeAlgorithmConfig, type RowDecision, type SemanticDecisionsMessage, type SemanticTask, TOPICS } from '@chatbi/contracts';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { PartitionCascade } from '@chatbi/cascades';
import { MESSAGE_BUS, type MessageBus } from '@chatbi/transport';
import { CASCADE_JUDGES, type CascadeJudges } from './cascade-judges';
import { asPartitionedBus, type PartitionedBus } from './kafka-semantic.bus';
import { KAFKA_SEMANTIC_OPTIONS, type KafkaSemanticOptions } from './kafka-semantic.options';
import { jsonSafe, parseRowsMessage, type ValidRowsMessage } from './kafka-semantic.schema';

/** A job's partition past its deadline by this much is forgotten, even without its last batch (its owner is gone). */
const STALE_AFTER_DEADLINE_MS = 60_000;
/** (job, partition) pairs remembered as finished, so that a late redelivery is not judged by a fresh cascade. */
const FINISHED_REMEMBERED = 20_000;

/** One (job, partition) this worker runs: the cascade, and what became of each rows batch. */
interface PartitionJob {
  cascade: PartitionCascade;
  proxy: string;
  oracle: string;
  deadline: number;
  /** Batches pushed into the cascade: their reply while it is being published, then true. */
  batches: Map<number, SemanticDecisionsMessage | true>;
}

/**
 * Distributed mode, the worker's side: every cascade-runner instance consumes chatbi.semantic-rows
 * in one consumer group, so each Kafka partition is read by one instance. For each (job, cascade
 * partition) it meets, it runs one PartitionCascade with the partition's share of the budget, the
 * judges of this host's configuration, and nothing shared with any other worker; each batch's
 * decisions (and a progress snapshot) go back on chatbi.semantic-decisions keyed by job id. A batch
 * seen again (a redelivery after a failure to commit) is not pushed into the cascade again.
 */
@Injectable()
export class KafkaPartitionWorker {
  private readonly logger = new Logger('semantic-worker');
  private readonly bus: PartitionedBus;
  private readonly running = new Map<string, PartitionJob>();
  private readonly finished = new Set<string>();

  constructor(
    @Inject(MESSAGE_BUS) bus: MessageBus,
    @Inject(CASCADE_JUDGES) private readonly judges: CascadeJudges,
    @Inject(KAFKA_SEMANTIC_OPTIONS) private readonly options: KafkaSemanticOptions,
  ) {
    this.bus = asPartitionedBus(bus);
  }

  async onRows(raw: unknown): Promise<void> {
    const message = parseRowsMessage(raw);
    const key = `${message.jobId}/${message.partition}`;
    this.forgetStale();
    if (this.finished.has(key)) {
      this.logger.warn(`job ${message.jobId}: batch ${message.sequence} of partition ${message.partition} came again after the partition finished; not judged again`);
      return;
    }
    let job = this.running.get(key);
    if (!job) {
      try {
        job = this.open(message);
      } catch (failure) {
        // No oracle here, or a task no oracle could judge: the owner hears it now rather than at its deadline.
        await this.refuse(message, failure);
        return;
      }
      if (message.sequence > 0) this.logger.warn(`job ${message.jobId}: partition ${message.partition} joined at batch ${message.sequence} (moved here from another worker): a fresh cascade judges the rest`);
      this.running.set(key, job);
    }
    const earlier = job.batches.get(message.sequence);
    if (earlier === true) return;
    const reply = earlier ?? (await this.judge(job, message));
    job.batches.set(message.sequence, reply);
    await this.bus.publishTo(TOPICS.semanticDecisions, reply, { key: message.jobId, messageId: `${key}/${message.sequence}/decisions` });
    job.batches.set(message.sequence, true);
    if (reply.done) this.finish(key);
  }

  private open(message: ValidRowsMessage): PartitionJob {
    const task = message.task as SemanticTask;
    const judges = this.judges.forTask(task);
    const proxy = judges.proxy(message.partition);
    const cascade = new PartitionCascade({
      partition: message.partition,
      task,
      proxy,
      oracle: judges.oracle,
      algorithm: message.algorithm as CascadeAlgorithmConfig,
      budget: message.budget,
      seed: message.seed,
      signal: AbortSignal.timeout(Math.max(1, message.deadline - Date.now())),
    });
    return { cascade, proxy: proxy.name, oracle: judges.oracle.name, deadline: message.deadline, batches: new Map() };
  }

  private async refuse(message: ValidRowsMessage, failure: unknown): Promise<void> {
    const key = `${message.jobId}/${message.partition}`;
    const error = `the worker could not judge the partition: ${failure instanceof Error ? failure.message : String(failure)}`;
    this.logger.warn(`job ${message.jobId}, partition ${message.partition}: ${error}`);
    const reply: SemanticDecisionsMessage = {
      jobId: message.jobId,
      partition: message.partition,
      sequence: message.sequence,
      worker: this.options.instanceId,
      proxy: 'none',
      oracle: 'none',
      decisions: [],
      progress: { rowsSeen: 0, rowsDecided: 0, oracleCalls: 0, oracleTokens: 0, undecided: 0, thresholds: [] },
      done: true,
      error,
    };
    await this.bus.publishTo(TOPICS.semanticDecisions, reply, { key: message.jobId, messageId: `${key}/${message.sequence}/decisions` });
    this.finish(key);
  }

  /** Pushes the batch (and on the last one, finishes); a failure ends the partition with the reason rather than a retry. */
  private async judge(job: PartitionJob, message: ValidRowsMessage): Promise<SemanticDecisionsMessage> {
    let decisions: RowDecision[] = [];
    let error: string | undefined;
    try {
      decisions = await job.cascade.push(message.rows);
      if (message.last) decisions.push(...(await job.cascade.finish()));
    } catch (failure) {
      error = Date.now() >= job.deadline ? 'the cascade timed out (the job passed its deadline)' : `the cascade failed: ${failure instanceof Error ? failure.message : String(failure)}`;
      this.logger.warn(`job ${message.jobId}, partition ${message.partition}: ${error}`);
    }
    return {
      jobId: message.jobId,
      partition: message.partition,
      sequence: message.sequence,
      worker: this.options.instanceId,
      proxy: job.proxy,
      oracle: job.oracle,
      decisions: decisions.map((d) => ({ id: d.id, verdict: d.verdict, by: d.by, ...(d.reason ? { reason: d.reason } : {}), ...(d.truncated ? { truncated: true } : {}) })),
      progress: jsonSafe(job.cascade.progress()),
      done: message.last || error !== undefined,
      ...(error ? { error } : {}),
    };
  }

  private finish(key: string): void {
    this.running.delete(key);
    this.finished.add(key);
    if (this.finished.size > FINISHED_REMEMBERED) this.finished.delete(this.finished.values().next().value!);
  }

  private forgetStale(): void {
    const now = Date.now();
    for (const [key, job] of this.running) {
      if (now > job.deadline + STALE_AFTER_DEADLINE_MS) {
        this.logger.warn(`${key}: no last batch long after the deadline; forgotten`);
        this.finish(key);
      }
    }
  }
}
