import { homedir, hostname } from 'node:os';
import { join, resolve } from 'node:path';
import { z } from 'zod';
import { chatbiConfigSchema, parseConfig } from '../config/chatbi.config';
import { metadataUrlWithPassword } from '../config/metadata-url';
import { checkKafkaSecurity, kafkaSecurityConfigShape } from './kafka-security.config';

export const SERVICE_NAMES = ['dialogue', 'view-selector', 'json-planner', 'sql-templater', 'cascade-runner', 'view-advisor'] as const;
export type ServiceName = (typeof SERVICE_NAMES)[number];

/** Where each service listens for /health and /metrics (and dialogue for the HTTP API) unless PORT says otherwise. */
export const DEFAULT_HTTP_PORTS: Record<ServiceName, number> = {
  dialogue: 3000,
  'view-selector': 3001,
  'json-planner': 3002,
  'sql-templater': 3003,
  'cascade-runner': 3004,
  'view-advisor': 3005,
};

const positiveInt = (fallback: number) => z.coerce.number().int().positive().default(fallback);

/** Settings of one distributed service: the embedded ones plus Kafka, PostgreSQL and the instance's identity. */
export const distributedConfigSchema = chatbiConfigSchema.extend({
  /** /health, /metrics (and dialogue's HTTP API); the service's own port (DEFAULT_HTTP_PORTS) unless set. */
  PORT: z.coerce.number().int().min(0).max(65535).optional(),
  /** Where a service keeps the demo warehouse and its models: outside the checkout unless set (serviceDataDir). */
  CHATBI_DATA_DIR: z.string().min(1).optional(),
  /** Comma-separated host:port of the Kafka bootstrap brokers. */
  KAFKA_BROKERS: z
    .string()
    .transform((s) => s.split(',').map((b) => b.trim()).filter(Boolean))
    .refine((list) => list.length > 0 && list.every((b) => /^[^:\s]+:\d+$/.test(b)), 'must be host:port[,host:port...]'),
  ...kafkaSecurityConfigShape,
  /** Distributed mode keeps metadata in PostgreSQL, schema from migrations. */
  CHATBI_METADATA_URL: z.string().regex(/^postgres(ql)?:\/\//, 'must be a postgres:// URL'),
  /** This process's name among the instances of its service (its Kafka client id); unique per process. */
  CHATBI_INSTANCE_ID: z
    .string()
    .regex(/^[A-Za-z0-9_.-]{1,60}$/)
    .default(`${hostname().replace(/[^A-Za-z0-9_.-]/g, '-').slice(0, 40)}-${process.pid}`),
  /**
   * Partitions per topic: the most instances one service can usefully run. An instance handles many
   * sessions of a partition at once, so more partitions do not add speed; each one costs broker and
   * client work on every fetch and send (on 2 cores, 3 instead of 12 answered ~25% more questions).
   */
  CHATBI_KAFKA_PARTITIONS: positiveInt(4),
  /** How long a Kafka consumer group waits for a silent instance before giving its partitions to others. */
  CHATBI_KAFKA_SESSION_TIMEOUT_MS: positiveInt(10_000),
  /** How long a service keeps trying to reach Kafka at start-up (with backoff, a warning each attempt) before it exits. */
  CHATBI_KAFKA_CONNECT_TIMEOUT_MS: positiveInt(300_000),
  /** How often each instance says on chatbi.heartbeats that it is alive and whether it is ready. */
  CHATBI_HEARTBEAT_INTERVAL_MS: positiveInt(2_000),
  /** dialogue: a stage with no ready heartbeat for this long is down, and questions get PIPELINE_UNAVAILABLE at once. */
  CHATBI_STAGE_SILENT_AFTER_MS: positiveInt(6_000),
  /** dialogue's gRPC API; 0 picks a free port. */
  GRPC_PORT: z.coerce.number().int().min(0).max(65535).default(50051),
});

export type DistributedConfig = z.infer<typeof distributedConfigSchema> & { PORT: number; CHATBI_DATA_DIR: string };

/** A distributed service's data directory when CHATBI_DATA_DIR is unset: $XDG_DATA_HOME/chatbi, else ~/.local/share/chatbi. */
export function serviceDataDir(env: NodeJS.ProcessEnv): string {
  return join(env.XDG_DATA_HOME || join(env.HOME || homedir(), '.local', 'share'), 'chatbi');
}

export function loadDistributedConfig(service: ServiceName, env: NodeJS.ProcessEnv = process.env): DistributedConfig {
  const config = parseConfig(distributedConfigSchema.superRefine(checkKafkaSecurity), env, `Invalid configuration of ${service}`);
  return {
    ...config,
    PORT: config.PORT ?? DEFAULT_HTTP_PORTS[service],
    CHATBI_DATA_DIR: resolve(config.CHATBI_DATA_DIR ?? serviceDataDir(env)),
    CHATBI_METADATA_URL: metadataUrlWithPassword(config.CHATBI_METADATA_URL, config.CHATBI_METADATA_PASSWORD),
  };
}
