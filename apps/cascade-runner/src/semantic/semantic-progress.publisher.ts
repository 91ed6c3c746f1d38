import { Inject, Injectable, Logger, type OnModuleDestroy, type OnModuleInit } from '@nestjs/common';
import { TOPICS, type SemanticProgress } from '@chatbi/contracts';
import { MESSAGE_BUS, type MessageBus } from '@chatbi/transport';
import { asPartitionedBus, type PartitionedBus } from './kafka-semantic.bus';
import { jsonSafe } from './kafka-semantic.schema';
import { SemanticProgressRegistry } from './semantic-progress.registry';

/** At most one snapshot per request this often; the last one and every finished state go out at once. */
export const PROGRESS_INTERVAL_MS = 250;

/**
 * Distributed mode: relays the progress of the cascades this instance owns to chatbi.semantic-progress,
 * keyed by request id, where every dialogue instance (the HTTP edge the Ask panel polls) reads it.
 * Progress is advisory: a snapshot that cannot be sent is logged and dropped, never retried.
 */
@Injectable()
export class SemanticProgressPublisher implements OnModuleInit, OnModuleDestroy {
  private readonly logger = new Logger(SemanticProgressPublisher.name);
  private readonly waiting = new Map<string, SemanticProgress>();
  private readonly lastSent = new Map<string, number>();
  private timer?: NodeJS.Timeout;
  private readonly bus: PartitionedBus;
  private sequence = 0;

  constructor(
    private readonly registry: SemanticProgressRegistry,
    @Inject(MESSAGE_BUS) bus: MessageBus,
  ) {
    this.bus = asPartitionedBus(bus);
  }

  onModuleInit(): void {
    this.registry.onUpdate((progress) => this.offer(progress));
  }

  onModuleDestroy(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    for (const progress of this.waiting.values()) this.send(progress);
    this.waiting.clear();
  }

  private offer(progress: SemanticProgress): void {
    const finished = progress.state === 'done' || progress.state === 'failed';
    const due = (this.lastSent.get(progress.requestId) ?? 0) + PROGRESS_INTERVAL_MS;
    if (finished || Date.now() >= due) {
      this.waiting.delete(progress.requestId);
      this.send(progress);
      if (finished) this.lastSent.delete(progress.requestId);
      return;
    }
    this.waiting.set(progress.requestId, progress);
    this.timer ??= setTimeout(() => this.flush(), Math.max(0, due - Date.now()));
  }

  private flush(): void {
    this.timer = undefined;
    const now = Date.now();
    for (const [requestId, progress] of this.waiting) {
      if (now < (this.lastSent.get(requestId) ?? 0) + PROGRESS_INTERVAL_MS) continue;
      this.waiting.delete(requestId);
      this.send(progress);
    }
    if (this.waiting.size > 0) this.timer = setTimeout(() => this.flush(), PROGRESS_INTERVAL_MS);
  }

  private send(progress: SemanticProgress): void {
    this.lastSent.set(progress.requestId, Date.now());
    // Snapshots of one request share its requestId, the bus's default message id: each needs its own.
    const messageId = `${progress.requestId}:progress:${process.pid}:${this.sequence++}`;
    this.bus.publishTo(TOPICS.semanticProgress, jsonSafe(progress), { key: progress.requestId, messageId }).catch((error: unknown) => {
      this.logger.warn(`progress of ${progress.requestId} not relayed: ${error instanceof Error ? error.message : String(error)}`);
    });
  }
}
