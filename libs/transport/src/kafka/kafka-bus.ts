import { Logger } from '@nestjs/common';
import { Kafka, Partitioners, logLevel, type Admin, type Consumer, type KafkaConfig, type KafkaMessage, type LogEntry, type Message, type Producer } from 'kafkajs';
import { TOPICS, type Topic } from '@chatbi/contracts';
import type { MessageBus, MessageHandler } from '../message-bus';
import { deadLetterFailure, type DeadLetter } from './dead-letter';
import { handleInKeyOrder } from './key-ordered-batch';
import { kafkaLogLevel } from './kafka-log.level';
import { explainKafkaConnectError, kafkaClientSecurity } from './kafka-security';
import type { KafkaBusOptions } from './kafka-bus.options';
import { LayeredMessageReceipts } from './message-receipts';
import { noDelaySocketFactory } from './no-delay-socket.factory';
import { RequestCoalescer } from './request-coalescer';
import { DEFAULT_RETRY_POLICY, backoffDelay, type RetryPolicy } from './retry-policy';

const MESSAGE_ID_HEADER = 'chatbi-message-id';
/** A message produced this long before its consumer joined may have been handled by an instance that is gone. */
const REDELIVERY_WINDOW_MS = 10_000;
/** How often consumers are checked for being out of their group too long. */
const WATCHDOG_INTERVAL_MS = 2_000;
/** Messages of one fetched batch handled at once (different keys; one key is always in order). */
const DEFAULT_BATCH_CONCURRENCY = 64;
/**
 * How often handled offsets are committed. kafkajs's auto-commit sends an OffsetCommit after every
 * batch (about two per question under load, each a write to __consumer_offsets and a round trip
 * before the next fetch); a message handled but not yet committed when its partition moves is
 * redelivered and skipped by its receipt.
 */
const COMMIT_INTERVAL_MS = 500;
/** Between attempts to reach the brokers at start-up: 1 s, doubling, at most 30 s. */
const CONNECT_RETRY_POLICY: RetryPolicy = { attempts: Number.POSITIVE_INFINITY, initialDelayMs: 1_000, maxDelayMs: 30_000 };

interface PartitionOffset {
  partition: number;
  offset: string;
}

interface Outgoing {
  topic: Topic;
  message: Message;
}

export type ConsumerState = 'starting' | 'joined' | 'rebalancing' | 'crashed' | 'stopped';

export interface KafkaBusStatus {
  producer: 'connected' | 'disconnected';
  consumers: Record<string, { group: string; state: ConsumerState }>;
}

interface TopicConsumer {
  topic: Topic;
  group: string;
  consumer: Consumer;
  state: ConsumerState;
  /** When the consumer entered its state. */
  since: number;
  joinedAt: number;
  /** Per partition, the offset after the last message handled (what a commit would store), and the last one committed. */
  handled: Map<number, string>;
  committed: Map<number, string>;
  lastCommit: number;
  commitTimer?: NodeJS.Timeout;
  committing?: Promise<void>;
}

/**
 * The MessageBus over Kafka (kafkajs). Keys are session ids, so one conversation stays on one
 * partition and in order. Each subscribed topic has its own consumer, so a slow topic never holds
 * up another; a fetched batch is handled concurrently across sessions and in order within one.
 * Publishes made while a send is in flight go to the broker together. Handling is at least once
 * with idempotent handlers: a message whose request id this group already handled is skipped; a
 * failing handler is retried with backoff, then the message goes to chatbi.dead-letter (and a
 * question's sender gets a chatbi.failed notice); close() drains. A consumer that kafkajs leaves
 * out of its group (after a broker restart) is replaced.
 */
export class KafkaBus implements MessageBus {
  private readonly logger: Logger;
  private readonly kafka: Kafka;
  private readonly adminClient: Kafka;
  private readonly handlers = new Map<Topic, MessageHandler[]>();
  private readonly consumers = new Map<Topic, TopicConsumer>();
  private readonly broadcast: Set<string>;
  private readonly repeatable: Set<string>;
  private readonly receipts: LayeredMessageReceipts;
  private readonly retry: RetryPolicy;
  private readonly partitions: number;
  private producer?: Producer;
  private readonly outgoing = new RequestCoalescer<Outgoing, void>((batch) => this.send(batch));
  private admin?: Admin;
  private producerConnected = false;
  private watchdog?: NodeJS.Timeout;
  private closing = false;
  private connecting = false;

  constructor(private readonly options: KafkaBusOptions) {
    this.logger = new Logger(`KafkaBus:${options.service}`);
    this.broadcast = new Set(options.broadcastTopics ?? []);
    this.repeatable = new Set(options.repeatableTopics ?? []);
    options.metrics?.measureLagWith(() => this.consumerLags());
    this.receipts = new LayeredMessageReceipts(options.receipts);
    this.retry = options.retry ?? DEFAULT_RETRY_POLICY;
    this.partitions = options.partitions ?? 4;
    const client: KafkaConfig = {
      clientId: `chatbi-${options.service}-${options.instanceId}`,
      brokers: options.brokers,
      ...kafkaClientSecurity(options.security),
      connectionTimeout: 3_000,
      requestTimeout: 30_000,
      socketFactory: noDelaySocketFactory,
      logLevel: logLevel.WARN,
      logCreator: () => (entry: LogEntry) => this.log(entry),
    };
    // A broker restart takes seconds: keep trying for about half a minute before giving up.
    this.kafka = new Kafka({ ...client, retry: { initialRetryTime: 200, maxRetryTime: 3_000, retries: 12 } });
    // The admin (start-up, topics, lag) gives up within seconds: connect() tries again with a longer backoff and says so.
    this.adminClient = new Kafka({ ...client, retry: { initialRetryTime: 200, maxRetryTime: 1_000, retries: 3 } });
  }

  /**
   * Creates the topics (idempotent) and connects the producer. Publishing works from here on. While
   * the brokers cannot be reached it tries again with backoff (one warning per attempt) and gives
   * up after connectTimeoutMs with an error naming the brokers.
   */
  async connect(topics: string[] = Object.values(TOPICS)): Promise<void> {
    const started = Date.now();
    const giveUpAfterMs = this.options.connectTimeoutMs ?? 300_000;
    for (let attempt = 1; ; attempt++) {
      this.connecting = true;
      try {
        await this.connectOnce(topics);
        return;
      } catch (error) {
        await this.producer?.disconnect().catch(() => undefined);
        await this.admin?.disconnect().catch(() => undefined);
        // Refused credentials or an untrusted certificate do not mend with time: say which setting to fix, now.
        const explained = explainKafkaConnectError(error, this.options.security);
        if (explained !== error && (explained as { cause?: unknown }).cause === error) throw explained;
        const brokers = this.options.brokers.join(',');
        if (Date.now() - started >= giveUpAfterMs) {
          throw new Error(`Kafka at ${brokers} could not be reached in ${Math.round((Date.now() - started) / 1000)} s (${attempt} attempts; last: ${describe(error)}). Check KAFKA_BROKERS and that the brokers are up.`);
        }
        const delay = backoffDelay(CONNECT_RETRY_POLICY, attempt);
        this.logger.warn(`Kafka at ${brokers} is not reachable (attempt ${attempt}: ${describe(error)}); trying again in ${(delay / 1000).toFixed(1)} s`);
        await sleep(delay);
      } finally {
        this.connecting = false;
      }
    }
  }

  private async connectOnce(topics: string[]): Promise<void> {
    this.admin = this.adminClient.admin();
    await this.admin.connect();
    await this.ensureTopics(topics);
    this.producer = this.kafka.producer({ createPartitioner: Partitioners.DefaultPartitioner, allowAutoTopicCreation: false });
    this.producer.on(this.producer.events.CONNECT, () => (this.producerConnected = true));
    this.producer.on(this.producer.events.DISCONNECT, () => (this.producerConnected = false));
    this.producer.on(this.producer.events.REQUEST, (event) => this.options.metrics?.brokerRequests.inc({ api: event.payload.apiName }));
    await this.producer.connect();
  }

  /**
   * Resolves once the broker has the message (acks from all in-sync replicas). Messages published
   * while a send is in flight go together in the next request, in order.
   */
  async publish<T>(topic: Topic, key: string, message: T): Promise<void> {
    if (!this.producer) throw new Error('KafkaBus.publish before connect()');
    const id = messageIdOf(message);
    try {
      await this.outgoing.run({ topic, message: { key, value: JSON.stringify(message), headers: id ? { [MESSAGE_ID_HEADER]: id } : {} } });
      this.options.metrics?.published.inc({ topic });
    } catch (error) {
      this.options.metrics?.publishFailures.inc({ topic });
      throw error;
    }
  }

  /**
   * publish() to a chosen partition, and with the id idempotency is keyed on given explicitly (when
   * several messages of one request must each be handled once, e.g. one per batch of rows).
   */
  async publishTo<T>(topic: Topic, message: T, target: { key: string; partition?: number; messageId?: string }): Promise<void> {
    if (!this.producer) throw new Error('KafkaBus.publishTo before connect()');
    const id = target.messageId ?? messageIdOf(message);
    try {
      await this.outgoing.run({ topic, message: { key: target.key, partition: target.partition, value: JSON.stringify(message), headers: id ? { [MESSAGE_ID_HEADER]: id } : {} } });
      this.options.metrics?.published.inc({ topic });
    } catch (error) {
      this.options.metrics?.publishFailures.inc({ topic });
      throw error;
    }
  }

  /** How many partitions a topic has on the broker. */
  async partitionCount(topic: Topic): Promise<number> {
    if (!this.admin) throw new Error('KafkaBus.partitionCount before connect()');
    const { topics } = await this.admin.fetchTopicMetadata({ topics: [topic] });
    return topics[0]?.partitions.length ?? 0;
  }

  private async send(batch: Outgoing[]): Promise<void[]> {
    const byTopic = new Map<Topic, Message[]>();
    for (const { topic, message } of batch) {
      const list = byTopic.get(topic);
      if (list) list.push(message);
      else byTopic.set(topic, [message]);
    }
    await this.producer!.sendBatch({ acks: -1, topicMessages: [...byTopic].map(([topic, messages]) => ({ topic, messages })) });
    return batch.map(() => undefined);
  }

  subscribe<T>(topic: Topic, handler: MessageHandler<T>): () => void {
    if (this.consumers.has(topic)) throw new Error(`KafkaBus: ${topic} is already being consumed; subscribe before start()`);
    const list = this.handlers.get(topic) ?? [];
    list.push(handler as MessageHandler);
    this.handlers.set(topic, list);
    return () => {
      const current = this.handlers.get(topic) ?? [];
      this.handlers.set(topic, current.filter((h) => h !== handler));
    };
  }

  /**
   * Joins a consumer group for every subscribed topic and starts handling messages; resolves once
   * every consumer is in its group (a broadcast group reads only what comes after it joined).
   */
  async start(joinTimeoutMs = 60_000): Promise<void> {
    await Promise.all([...this.handlers.keys()].map((topic) => this.startConsumer(topic)));
    this.watchdog ??= setInterval(() => this.replaceStuckConsumers(), WATCHDOG_INTERVAL_MS);
    this.watchdog.unref();
    const deadline = Date.now() + joinTimeoutMs;
    while (![...this.consumers.values()].every((c) => c.state === 'joined')) {
      if (Date.now() > deadline) {
        const waiting = [...this.consumers.values()].filter((c) => c.state !== 'joined').map((c) => c.group);
        throw new Error(`Kafka consumer groups not joined within ${joinTimeoutMs} ms: ${waiting.join(', ')}`);
      }
      await sleep(25);
    }
  }

  /** Stops consuming the given topics (all when omitted): in-flight messages finish and their offsets are committed. */
  async stopConsuming(topics?: Topic[]): Promise<void> {
    const targets = [...this.consumers.values()].filter((c) => !topics || topics.includes(c.topic));
    await Promise.all(
      targets.map(async (c) => {
        if (c.state === 'stopped') return;
        await this.commitHandled(c).catch((e: unknown) => this.logger.warn(`committing ${c.group}: ${describe(e)}`));
        await c.consumer.stop().catch((e: unknown) => this.logger.warn(`stopping ${c.group}: ${String(e)}`));
        await c.consumer.disconnect().catch((e: unknown) => this.logger.warn(`leaving ${c.group}: ${String(e)}`));
        c.state = 'stopped';
        clearTimeout(c.commitTimer);
        this.options.metrics?.consumersJoined.set({ topic: c.topic }, 0);
      }),
    );
  }

  /** Drains every consumer, then disconnects the producer. */
  async close(): Promise<void> {
    this.closing = true;
    clearInterval(this.watchdog);
    await this.stopConsuming();
    await this.producer?.disconnect().catch(() => undefined);
    await this.admin?.disconnect().catch(() => undefined);
  }

  status(): KafkaBusStatus {
    const consumers: KafkaBusStatus['consumers'] = {};
    for (const c of this.consumers.values()) consumers[c.topic] = { group: c.group, state: c.state };
    return { producer: this.producerConnected ? 'connected' : 'disconnected', consumers };
  }

  /**
   * Per consumer group of this process: messages on the broker it has not committed yet (the sum
   * over the topic's partitions of the latest offset minus the group's committed one).
   */
  async consumerLags(): Promise<{ group: string; topic: Topic; lag: number }[]> {
    const admin = this.admin;
    if (!admin) return [];
    const entries = [...this.consumers.values()].filter((c) => c.state !== 'stopped');
    return Promise.all(
      entries.map(async ({ group, topic }) => {
        const [latest, [committed]] = await Promise.all([admin.fetchTopicOffsets(topic), admin.fetchOffsets({ groupId: group, topics: [topic] })]);
        const committedOf = new Map(committed?.partitions.map((p) => [p.partition, Number(p.offset)]) ?? []);
        let lag = 0;
        for (const p of latest) {
          const done = committedOf.get(p.partition) ?? -1;
          lag += Math.max(0, Number(p.high) - (done < 0 ? Number(p.low) : done));
        }
        return { group, topic, lag };
      }),
    );
  }

  /** True when the producer is connected and every consumer is a member of its group. */
  ready(): boolean {
    return this.producerConnected && [...this.consumers.values()].every((c) => c.state === 'joined');
  }

  /**
   * A consumer out of its group for longer than a rebalance may take is stuck (after a broker
   * restart kafkajs can keep a consumer rejoining, or restarting, without end): replace it.
   */
  private replaceStuckConsumers(): void {
    if (this.closing) return;
    const patience = this.rebalanceTimeoutMs() + this.sessionTimeoutMs();
    for (const entry of this.consumers.values()) {
      if (entry.state === 'joined' || entry.state === 'stopped') continue;
      if (Date.now() - entry.since > patience) this.replaceConsumer(entry, `it has been ${entry.state} for ${Math.round((Date.now() - entry.since) / 1000)} s`);
    }
  }

  /** Leaves the old consumer behind (without waiting for it) and joins the group afresh. */
  private replaceConsumer(entry: TopicConsumer, why: string): void {
    if (this.closing || this.consumers.get(entry.topic) !== entry) return;
    this.logger.warn(`replacing the consumer of ${entry.group}: ${why}`);
    this.consumers.delete(entry.topic);
    entry.state = 'stopped';
    clearTimeout(entry.commitTimer);
    void entry.consumer.disconnect().catch(() => undefined);
    void this.startConsumer(entry.topic).catch((error: unknown) => this.logger.error(`restarting ${entry.group}: ${describe(error)}`));
  }

  private sessionTimeoutMs(): number {
    return this.options.sessionTimeoutMs ?? 10_000;
  }

  private rebalanceTimeoutMs(): number {
    return Math.max(30_000, this.sessionTimeoutMs());
  }

  private async ensureTopics(topics: string[]): Promise<void> {
    const admin = this.admin!;
    const deadline = Date.now() + 30_000;
    for (;;) {
      const existing = new Set(await admin.listTopics());
      const missing = topics.filter((t) => !existing.has(t));
      if (missing.length === 0) return;
      try {
        await admin.createTopics({ topics: missing.map((topic) => ({ topic, numPartitions: this.partitions })), waitForLeaders: true });
      } catch (error) {
        // Another service may be creating the same topics right now; look again.
        if (Date.now() > deadline) throw error;
        await sleep(200);
      }
    }
  }

  private async startConsumer(topic: Topic): Promise<void> {
    const broadcast = this.broadcast.has(topic);
    const group = broadcast
      ? `chatbi.${this.options.service}.${topic}.${this.options.instanceId}`
      : `chatbi.${this.options.service}.${topic}`;
    const sessionTimeout = this.sessionTimeoutMs();
    const consumer = this.kafka.consumer({
      groupId: group,
      sessionTimeout,
      rebalanceTimeout: this.rebalanceTimeoutMs(),
      heartbeatInterval: Math.floor(sessionTimeout / 3),
      // The broker answers a fetch as soon as there is data; a long wait only spares idle polling.
      maxWaitTimeInMs: Math.min(2_000, Math.floor(sessionTimeout / 3)),
      allowAutoTopicCreation: false,
      retry: { initialRetryTime: 200, maxRetryTime: 3_000, retries: 12 },
    });
    const entry: TopicConsumer = {
      topic,
      group,
      consumer,
      state: 'starting',
      since: Date.now(),
      joinedAt: Date.now(),
      handled: new Map(),
      committed: new Map(),
      lastCommit: 0,
    };
    this.consumers.set(topic, entry);
    const enter = (state: ConsumerState) => {
      if (entry.state === 'stopped') return;
      if (entry.state !== state) entry.since = Date.now();
      entry.state = state;
      this.options.metrics?.consumersJoined.set({ topic }, state === 'joined' ? 1 : 0);
    };
    consumer.on(consumer.events.GROUP_JOIN, () => {
      entry.joinedAt = Date.now();
      // A new generation: the partitions may have moved, and kafkajs resumes each from its committed offset.
      entry.handled.clear();
      entry.committed.clear();
      enter('joined');
    });
    // A heartbeat the coordinator accepts means this member is in a stable group, whatever events came before.
    consumer.on(consumer.events.HEARTBEAT, () => enter('joined'));
    consumer.on(consumer.events.REBALANCING, () => enter('rebalancing'));
    consumer.on(consumer.events.REQUEST, (event) => this.options.metrics?.brokerRequests.inc({ api: event.payload.apiName }));
    consumer.on(consumer.events.CRASH, (event) => {
      enter('crashed');
      this.logger.warn(`consumer ${group} crashed (${String(event.payload.error)}); kafkajs restarts it: ${event.payload.restart}`);
      // kafkajs gives up on errors it does not deem retriable; a service must not stay deaf, so start afresh.
      if (!event.payload.restart) setTimeout(() => this.replaceConsumer(entry, 'it crashed for good'), 1_000).unref();
    });
    await consumer.connect();
    // A service group reads what was published before it first joined; a broadcast group only replies to come.
    await consumer.subscribe({ topic, fromBeginning: !broadcast });
    await consumer.run({
      partitionsConsumedConcurrently: this.options.concurrency ?? this.partitions,
      autoCommit: false,
      eachBatchAutoResolve: false,
      eachBatch: async ({ batch, resolveOffset, heartbeat, isRunning, isStale, commitOffsetsIfNecessary }) => {
        const beat = setInterval(() => void heartbeat().catch(() => undefined), 1_000);
        try {
          const outcome = await handleInKeyOrder(batch.messages, (m) => m.key?.toString('utf8') ?? '', (m) => this.deliver(entry, batch.partition, m), {
            concurrency: this.options.batchConcurrency ?? DEFAULT_BATCH_CONCURRENCY,
            mayStart: () => isRunning() && !isStale(),
          });
          if (outcome.handledPrefix > 0) {
            const last = batch.messages[outcome.handledPrefix - 1].offset;
            resolveOffset(last);
            entry.handled.set(batch.partition, (BigInt(last) + 1n).toString());
          }
          // Stopping (or failing): commit now, while still a member of the group; otherwise at most every COMMIT_INTERVAL_MS.
          // (Through the batch's own commit: consumer.commitOffsets does nothing once the consumer is stopping.)
          const commitNow = (offsets: PartitionOffset[]) => commitOffsetsIfNecessary({ topics: [{ topic, partitions: offsets }] });
          if (outcome.error !== undefined || !isRunning()) await this.commitHandled(entry, commitNow).catch((e: unknown) => this.logger.warn(`committing ${group}: ${describe(e)}`));
          else this.commitHandledSoon(entry);
          // Kafka redelivers the rest of the batch; messages already handled there are skipped by their receipts.
          if (outcome.error !== undefined) throw outcome.error;
        } finally {
          clearInterval(beat);
        }
      },
    });
  }

  /** Commits in the background at most every COMMIT_INTERVAL_MS, so that the next fetch never waits for it. */
  private commitHandledSoon(entry: TopicConsumer): void {
    if (entry.commitTimer) return;
    entry.commitTimer = setTimeout(
      () => {
        entry.commitTimer = undefined;
        if (entry.state !== 'joined') return; // uncommitted messages are redelivered after the rejoin and skipped by their receipts
        void this.commitHandled(entry).catch((e: unknown) => this.logger.warn(`committing ${entry.group}: ${describe(e)}`));
      },
      Math.max(0, entry.lastCommit + COMMIT_INTERVAL_MS - Date.now()),
    );
  }

  /** Commits the offsets handled since the last commit (one request for all partitions of the consumer); one commit at a time. */
  private async commitHandled(
    entry: TopicConsumer,
    commit = (offsets: PartitionOffset[]) => entry.consumer.commitOffsets(offsets.map((o) => ({ topic: entry.topic, ...o }))),
  ): Promise<void> {
    while (entry.committing) await entry.committing.catch(() => undefined);
    const offsets = [...entry.handled].filter(([partition, offset]) => entry.committed.get(partition) !== offset);
    entry.lastCommit = Date.now();
    if (offsets.length === 0) return;
    entry.committing = commit(offsets.map(([partition, offset]) => ({ partition, offset })));
    try {
      await entry.committing;
      for (const [partition, offset] of offsets) entry.committed.set(partition, offset);
    } finally {
      entry.committing = undefined;
    }
  }

  private async deliver(entry: TopicConsumer, partition: number, message: KafkaMessage): Promise<void> {
    const { topic, group } = entry;
    const metrics = this.options.metrics;
    const text = message.value?.toString('utf8') ?? null;
    const key = message.key?.toString('utf8') ?? '';
    let payload: unknown;
    try {
      payload = text === null ? null : JSON.parse(text);
    } catch (error) {
      await this.deadLetter(entry, partition, message, 1, new Error(`not JSON: ${(error as Error).message}`), undefined);
      return;
    }
    const id = this.repeatable.has(topic) ? undefined : (message.headers?.[MESSAGE_ID_HEADER]?.toString() ?? messageIdOf(payload));
    const mayBeRedelivery = Number(message.timestamp) < entry.joinedAt + REDELIVERY_WINDOW_MS;
    const durable = !this.broadcast.has(topic);
    if (id && (await this.receipts.has(group, topic, id, mayBeRedelivery, durable))) {
      metrics?.duplicates.inc({ topic });
      metrics?.handled.inc({ topic, outcome: 'duplicate' });
      return;
    }
    const handlers = this.handlers.get(topic) ?? [];
    metrics?.deliveryLagSeconds.observe({ topic }, Math.max(0, Date.now() - Number(message.timestamp)) / 1000);
    const started = performance.now();
    metrics?.inFlight.inc({ topic });
    try {
      let attempt = 1;
      for (;;) {
        try {
          // Each handler gets its own copy, as on the in-process bus.
          for (const handler of handlers) await handler(attempt === 1 && handlers.length === 1 ? payload : JSON.parse(text!), key);
          metrics?.handled.inc({ topic, outcome: attempt === 1 ? 'ok' : 'retried_ok' });
          break;
        } catch (error) {
          if (attempt >= this.retry.attempts || this.closing) {
            await this.deadLetter(entry, partition, message, attempt, error, payload);
            break;
          }
          metrics?.retries.inc({ topic });
          this.logger.warn(`${group}: attempt ${attempt} on ${id ?? `offset ${message.offset}`} failed (${describe(error)}); retrying`);
          await sleep(backoffDelay(this.retry, attempt));
          attempt++;
        }
      }
      if (id) await this.receipts.record(group, topic, id, durable);
    } finally {
      metrics?.inFlight.dec({ topic });
      metrics?.handleSeconds.observe({ topic }, (performance.now() - started) / 1000);
    }
  }

  /** Sets a message aside; if that fails too (the broker is down) the error leaves uncommitted and Kafka redelivers. */
  private async deadLetter(entry: TopicConsumer, partition: number, message: KafkaMessage, attempts: number, error: unknown, payload: unknown): Promise<void> {
    const letter: DeadLetter = {
      topic: entry.topic,
      partition,
      offset: message.offset,
      key: message.key?.toString('utf8') ?? null,
      value: message.value?.toString('utf8') ?? null,
      consumer: entry.group,
      attempts,
      error: describe(error),
      failedAt: new Date().toISOString(),
    };
    this.logger.error(`${entry.group}: giving up on offset ${message.offset} of ${entry.topic}[${partition}] after ${attempts} attempts: ${letter.error}`);
    await this.publish(TOPICS.deadLetter, letter.key ?? entry.topic, letter);
    this.options.metrics?.deadLettered.inc({ topic: entry.topic });
    this.options.metrics?.handled.inc({ topic: entry.topic, outcome: 'dead_lettered' });
    const failure = deadLetterFailure(entry.topic, this.options.service, payload, attempts);
    if (failure) await this.publish(TOPICS.failed, failure.sessionId, failure);
  }

  private log(entry: LogEntry): void {
    const { message, ...rest } = entry.log;
    const text = `${message} ${JSON.stringify(rest)}`;
    const level = kafkaLogLevel({ level: entry.level, message, error: rest.error }, this.connecting);
    if (level === 'error' && !this.closing) this.logger.error(text);
    else if (level === 'debug') this.logger.debug(text);
    else this.logger.warn(text);
  }
}

/** The request id of a pipeline message: what makes handling it idempotent. */
function messageIdOf(message: unknown): string | undefined {
  const id = (message as { requestId?: unknown } | null)?.requestId;
  return typeof id === 'string' && id.length > 0 ? id : undefined;
}

function describe(error: unknown): string {
  if (error instanceof Error) return `${error.name}: ${error.message}`;
  // Nest's RPC exception handler turns a handler's error into a plain {status, message} object.
  return typeof error === 'object' && error !== null ? JSON.stringify(error) : String(error);
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
