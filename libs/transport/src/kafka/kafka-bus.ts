import { Logger } from '@nestjs/common';
import { Kafka, Partitioners, logLevel, type Admin, type Consumer, type KafkaMessage, type LogEntry, type Producer } from 'kafkajs';
import { TOPICS, type Topic } from '@chatbi/contracts';
import type { MessageBus, MessageHandler } from '../message-bus';
import { deadLetterFailure, type DeadLetter } from './dead-letter';
import type { KafkaBusOptions } from './kafka-bus.options';
import { LayeredMessageReceipts } from './message-receipts';
import { DEFAULT_RETRY_POLICY, backoffDelay, type RetryPolicy } from './retry-policy';

const MESSAGE_ID_HEADER = 'chatbi-message-id';
/** A message produced this long before its consumer joined may have been handled by an instance that is gone. */
const REDELIVERY_WINDOW_MS = 10_000;

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
  joinedAt: number;
}

/**
 * The MessageBus over Kafka (kafkajs). Keys are session ids, so one conversation stays on one
 * partition and in order. Each subscribed topic has its own consumer, so a slow topic never holds
 * up another. Handling is at least once with idempotent handlers: a message whose request id this
 * group already handled is skipped; a failing handler is retried with backoff, then the message goes
 * to chatbi.dead-letter (and a question's sender gets a chatbi.failed notice); close() drains.
 */
export class KafkaBus implements MessageBus {
  private readonly logger: Logger;
  private readonly kafka: Kafka;
  private readonly handlers = new Map<Topic, MessageHandler[]>();
  private readonly consumers = new Map<Topic, TopicConsumer>();
  private readonly broadcast: Set<string>;
  private readonly receipts: LayeredMessageReceipts;
  private readonly retry: RetryPolicy;
  private readonly partitions: number;
  private producer?: Producer;
  private admin?: Admin;
  private producerConnected = false;
  private closing = false;

  constructor(private readonly options: KafkaBusOptions) {
    this.logger = new Logger(`KafkaBus:${options.service}`);
    this.broadcast = new Set(options.broadcastTopics ?? []);
    this.receipts = new LayeredMessageReceipts(options.receipts);
    this.retry = options.retry ?? DEFAULT_RETRY_POLICY;
    this.partitions = options.partitions ?? 12;
    this.kafka = new Kafka({
      clientId: `chatbi-${options.service}-${options.instanceId}`,
      brokers: options.brokers,
      connectionTimeout: 3_000,
      requestTimeout: 30_000,
      // A broker restart takes seconds: keep trying for about half a minute before giving up.
      retry: { initialRetryTime: 200, maxRetryTime: 3_000, retries: 12 },
      logLevel: logLevel.WARN,
      logCreator: () => (entry: LogEntry) => this.log(entry),
    });
  }

  /** Creates the topics (idempotent) and connects the producer. Publishing works from here on. */
  async connect(topics: string[] = Object.values(TOPICS)): Promise<void> {
    this.admin = this.kafka.admin();
    await this.admin.connect();
    await this.ensureTopics(topics);
    this.producer = this.kafka.producer({ createPartitioner: Partitioners.DefaultPartitioner, allowAutoTopicCreation: false });
    this.producer.on(this.producer.events.CONNECT, () => (this.producerConnected = true));
    this.producer.on(this.producer.events.DISCONNECT, () => (this.producerConnected = false));
    await this.producer.connect();
  }

  async publish<T>(topic: Topic, key: string, message: T): Promise<void> {
    if (!this.producer) throw new Error('KafkaBus.publish before connect()');
    const id = messageIdOf(message);
    try {
      await this.producer.send({
        topic,
        acks: -1,
        messages: [{ key, value: JSON.stringify(message), headers: id ? { [MESSAGE_ID_HEADER]: id } : {} }],
      });
      this.options.metrics?.published.inc({ topic });
    } catch (error) {
      this.options.metrics?.publishFailures.inc({ topic });
      throw error;
    }
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
        await c.consumer.stop().catch((e: unknown) => this.logger.warn(`stopping ${c.group}: ${String(e)}`));
        await c.consumer.disconnect().catch((e: unknown) => this.logger.warn(`leaving ${c.group}: ${String(e)}`));
        c.state = 'stopped';
        this.options.metrics?.consumersJoined.set({ topic: c.topic }, 0);
      }),
    );
  }

  /** Drains every consumer, then disconnects the producer. */
  async close(): Promise<void> {
    this.closing = true;
    await this.stopConsuming();
    await this.producer?.disconnect().catch(() => undefined);
    await this.admin?.disconnect().catch(() => undefined);
  }

  status(): KafkaBusStatus {
    const consumers: KafkaBusStatus['consumers'] = {};
    for (const c of this.consumers.values()) consumers[c.topic] = { group: c.group, state: c.state };
    return { producer: this.producerConnected ? 'connected' : 'disconnected', consumers };
  }

  /** True when the producer is connected and every consumer is a member of its group. */
  ready(): boolean {
    return this.producerConnected && [...this.consumers.values()].every((c) => c.state === 'joined');
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
    const sessionTimeout = this.options.sessionTimeoutMs ?? 10_000;
    const consumer = this.kafka.consumer({
      groupId: group,
      sessionTimeout,
      rebalanceTimeout: Math.max(30_000, sessionTimeout),
      heartbeatInterval: Math.min(1_000, Math.floor(sessionTimeout / 3)),
      maxWaitTimeInMs: 500,
      allowAutoTopicCreation: false,
      retry: { initialRetryTime: 200, maxRetryTime: 3_000, retries: 12 },
    });
    const entry: TopicConsumer = { topic, group, consumer, state: 'starting', joinedAt: Date.now() };
    this.consumers.set(topic, entry);
    const joined = (value: number) => this.options.metrics?.consumersJoined.set({ topic }, value);
    consumer.on(consumer.events.GROUP_JOIN, () => {
      entry.state = 'joined';
      entry.joinedAt = Date.now();
      joined(1);
    });
    consumer.on(consumer.events.REBALANCING, () => {
      if (entry.state === 'joined') entry.state = 'rebalancing';
      joined(0);
    });
    consumer.on(consumer.events.CRASH, (event) => {
      entry.state = 'crashed';
      joined(0);
      this.logger.warn(`consumer ${group} crashed (${String(event.payload.error)}); kafkajs restarts it: ${event.payload.restart}`);
      // kafkajs gives up on errors it does not deem retriable; a service must not stay deaf, so start afresh.
      if (!event.payload.restart && !this.closing) {
        setTimeout(() => {
          if (this.closing || this.consumers.get(topic) !== entry) return;
          this.consumers.delete(topic);
          void this.startConsumer(topic).catch((error: unknown) => this.logger.error(`restarting ${group}: ${describe(error)}`));
        }, 1_000);
      }
    });
    await consumer.connect();
    // A service group reads what was published before it first joined; a broadcast group only replies to come.
    await consumer.subscribe({ topic, fromBeginning: !broadcast });
    await consumer.run({
      partitionsConsumedConcurrently: this.options.concurrency ?? this.partitions,
      autoCommitInterval: 500,
      eachMessage: async ({ partition, message, heartbeat }) => {
        const beat = setInterval(() => void heartbeat().catch(() => undefined), 1_000);
        try {
          await this.deliver(entry, partition, message);
        } finally {
          clearInterval(beat);
        }
      },
    });
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
    const id = message.headers?.[MESSAGE_ID_HEADER]?.toString() ?? messageIdOf(payload);
    const mayBeRedelivery = Number(message.timestamp) < entry.joinedAt + REDELIVERY_WINDOW_MS;
    const durable = !this.broadcast.has(topic);
    if (id && (await this.receipts.has(group, topic, id, mayBeRedelivery, durable))) {
      metrics?.duplicates.inc({ topic });
      metrics?.handled.inc({ topic, outcome: 'duplicate' });
      return;
    }
    const handlers = this.handlers.get(topic) ?? [];
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
    if (entry.level === logLevel.ERROR && !this.closing) this.logger.error(text);
    else if (entry.level <= logLevel.WARN) this.logger.warn(text);
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
