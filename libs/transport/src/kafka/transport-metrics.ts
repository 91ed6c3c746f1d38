import { Counter, Gauge, Histogram, type Registry } from 'prom-client';

/** Prometheus metrics of one process's message bus. */
export class TransportMetrics {
  readonly published: Counter<'topic'>;
  readonly publishFailures: Counter<'topic'>;
  readonly handled: Counter<'topic' | 'outcome'>;
  readonly handleSeconds: Histogram<'topic'>;
  readonly deliveryLagSeconds: Histogram<'topic'>;
  readonly retries: Counter<'topic'>;
  readonly deadLettered: Counter<'topic'>;
  readonly duplicates: Counter<'topic'>;
  readonly inFlight: Gauge<'topic'>;
  readonly consumersJoined: Gauge<'topic'>;
  readonly brokerRequests: Counter<'api'>;
  readonly consumerLag: Gauge<'group' | 'topic'>;
  private lagSource?: () => Promise<{ group: string; topic: string; lag: number }[]>;

  constructor(registry: Registry) {
    const registers = [registry];
    this.published = new Counter({ name: 'chatbi_bus_published_total', help: 'Messages published, by topic', labelNames: ['topic'], registers });
    this.publishFailures = new Counter({
      name: 'chatbi_bus_publish_failures_total',
      help: 'Publishes that failed after the client retries, by topic',
      labelNames: ['topic'],
      registers,
    });
    this.handled = new Counter({
      name: 'chatbi_bus_handled_total',
      help: 'Messages consumed, by topic and outcome (ok, retried_ok, dead_lettered, duplicate)',
      labelNames: ['topic', 'outcome'],
      registers,
    });
    this.handleSeconds = new Histogram({
      name: 'chatbi_bus_handle_seconds',
      help: 'Time to handle one message, retries included',
      labelNames: ['topic'],
      buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
      registers,
    });
    this.deliveryLagSeconds = new Histogram({
      name: 'chatbi_bus_delivery_lag_seconds',
      help: 'Time from a message being produced to its handler starting here (broker, fetch and queueing), by topic',
      labelNames: ['topic'],
      buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
      registers,
    });
    this.retries = new Counter({ name: 'chatbi_bus_retries_total', help: 'Handler retries after a failure, by topic', labelNames: ['topic'], registers });
    this.deadLettered = new Counter({
      name: 'chatbi_bus_dead_lettered_total',
      help: 'Messages sent to the dead-letter topic after the last retry, by source topic',
      labelNames: ['topic'],
      registers,
    });
    this.duplicates = new Counter({
      name: 'chatbi_bus_duplicates_skipped_total',
      help: 'Redelivered messages skipped because their request id was already handled',
      labelNames: ['topic'],
      registers,
    });
    this.inFlight = new Gauge({ name: 'chatbi_bus_in_flight', help: 'Messages being handled now', labelNames: ['topic'], registers });
    this.consumersJoined = new Gauge({
      name: 'chatbi_bus_consumer_joined',
      help: '1 while the consumer of a topic is a member of its group',
      labelNames: ['topic'],
      registers,
    });
    this.brokerRequests = new Counter({
      name: 'chatbi_kafka_requests_total',
      help: 'Requests this process sent to Kafka brokers (producer and consumers), by API (Fetch, Produce, Heartbeat, OffsetCommit, ...)',
      labelNames: ['api'],
      registers,
    });
    const metrics = this;
    this.consumerLag = new Gauge({
      name: 'chatbi_kafka_consumer_lag',
      help: 'Messages on the broker that a consumer group of this process has not committed yet, by group and topic (read from the broker at each scrape)',
      labelNames: ['group', 'topic'],
      registers,
      async collect() {
        this.reset();
        const lags = await metrics.readLags();
        for (const { group, topic, lag } of lags) this.set({ group, topic }, lag);
      },
    });
  }

  /** Where the lag gauge reads the broker from (the bus, once it exists). */
  measureLagWith(source: () => Promise<{ group: string; topic: string; lag: number }[]>): void {
    this.lagSource = source;
  }

  /** The lags, or none when the broker does not answer within 2 s (a scrape must not hang on it). */
  private async readLags(): Promise<{ group: string; topic: string; lag: number }[]> {
    if (!this.lagSource) return [];
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<[]>((resolve) => {
      timer = setTimeout(() => resolve([]), 2_000);
    });
    try {
      return await Promise.race([this.lagSource(), timeout]);
    } catch {
      return [];
    } finally {
      clearTimeout(timer);
    }
  }
}
