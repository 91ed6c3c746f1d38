import type { Topic } from '@chatbi/contracts';
import type { KafkaSecurity } from './kafka-security';
import type { MessageReceipts } from './message-receipts';
import type { RetryPolicy } from './retry-policy';
import type { TransportMetrics } from './transport-metrics';

export interface KafkaBusOptions {
  /** host:port of the bootstrap brokers. */
  brokers: string[];
  /** TLS and SASL towards the brokers; plaintext when omitted. */
  security?: KafkaSecurity;
  /** The service this process is an instance of: its consumer groups are chatbi.<service>.<topic>. */
  service: string;
  /** Unique per process (several instances of a service scale as one consumer group). */
  instanceId: string;
  /**
   * Topics every instance of the service reads in full, each in a group of its own (replies such as
   * chatbi.answered, which the instance holding the waiting caller must see). Other topics are
   * shared by the instances of the service: each message goes to one of them.
   */
  broadcastTopics?: Topic[];
  /**
   * Topics whose handler answers a repeated request id itself (the Kafka API sends the stored reply
   * again): the bus hands every message over instead of skipping repeats by their receipt.
   */
  repeatableTopics?: Topic[];
  /** Partitions of each topic created at connect (4 unless given); the same for all, so one session stays on one partition number. */
  partitions?: number;
  /** Partitions one consumer handles at once. */
  concurrency?: number;
  /** Messages of one fetched partition batch handled at once: different keys (sessions) in parallel, one key always in order. */
  batchConcurrency?: number;
  retry?: RetryPolicy;
  /** Durable receipts shared by all instances (PostgreSQL); the process's memory alone otherwise. */
  receipts?: MessageReceipts;
  metrics?: TransportMetrics;
  /** How long connect() keeps trying to reach the brokers before it fails (5 minutes unless given). */
  connectTimeoutMs?: number;
  /** How long the group waits for a silent member before handing its partitions to others. */
  sessionTimeoutMs?: number;
}
