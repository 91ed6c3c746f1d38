import { join, resolve } from 'node:path';
import { z } from 'zod';
import { MIN_TRUSTED_PROXY_SECRET_LENGTH } from '@chatbi/auth';
import { accessConfigShape } from './access.config';
import { parseWarehouseUrl, warehouseLocationOfFile, type WarehouseLocation } from '@chatbi/warehouse';
import { LOG_FORMATS } from '../logging/app-logger';
import { checkGrpcTls, grpcTlsConfigShape } from './grpc-tls.config';
import { metadataUrlWithPassword } from './metadata-url';
import { chosenPlanner, plannerConfigShape, type PlannerConfig } from './planner.config';
import { semanticConfigShape } from './semantic.config';

const positiveInt = (fallback: number) => z.coerce.number().int().positive().default(fallback);

/** Every setting the embedded runtime reads, from the environment, checked once at start-up. */
export const chatbiConfigSchema = z.object({
  /** The HTTP port (the API, /health, /metrics); 0 picks a free one. */
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  /** The address HTTP (and gRPC) listen on; 0.0.0.0 for every interface. */
  HOST: z.string().default('127.0.0.1'),
  /** Where the demo warehouse, the small models and SQLite metadata are kept. */
  CHATBI_DATA_DIR: z.string().default('.data'),
  /** The small models' cache, which the processes of one deployment may share; CHATBI_DATA_DIR/models by default. */
  CHATBI_MODELS_DIR: z.string().optional(),
  /** A catalog directory of YAML files; defaults to the demo world's catalog. */
  CHATBI_CATALOG_DIR: z.string().optional(),
  /**
   * The warehouse to query: duckdb:///file, sqlite:///file, postgres://..., mysql://... (MariaDB
   * too). Its scheme picks the SQL dialect for every service. Unset (and no CHATBI_WAREHOUSE_FILE):
   * the generated demo warehouse.
   */
  CHATBI_WAREHOUSE_URL: z
    .string()
    .optional()
    .superRefine((url, ctx) => {
      if (url === undefined) return;
      try {
        parseWarehouseUrl(url);
      } catch (error) {
        ctx.addIssue({ code: 'custom', message: error instanceof Error ? error.message : String(error) });
      }
    }),
  /** A DuckDB (or .sqlite/.sqlite3/.db SQLite) file to query; the older form of CHATBI_WAREHOUSE_URL. */
  CHATBI_WAREHOUSE_FILE: z.string().optional(),
  /** The generated demo warehouse: small (seconds, a few MB) or bench (38M rows, minutes). */
  CHATBI_DEMO_SIZE: z.enum(['small', 'bench']).default('small'),
  /** Seed of the generated demo warehouse. */
  CHATBI_DEMO_SEED: z.coerce.number().int().default(42),
  /** postgres://... to keep metadata in PostgreSQL; SQLite in the data directory otherwise. */
  CHATBI_METADATA_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'must be a postgres:// URL')
    .optional(),
  /** The metadata database's password, when CHATBI_METADATA_URL carries none (the chart's externalDatabase reads it from a Secret). */
  CHATBI_METADATA_PASSWORD: z.string().min(1).optional(),
  /** Statement timeout of every warehouse query. */
  CHATBI_QUERY_TIMEOUT_MS: positiveInt(30_000),
  /** Rows an answer carries at most (the rest is cut, and the answer says so). */
  CHATBI_MAX_ROWS: positiveInt(10_000),
  /** How long a caller of /api/ask, gRPC or the Kafka request topic waits for an answer. */
  CHATBI_ASK_TIMEOUT_MS: positiveInt(60_000),
  /** How long a reply to a caller's own request id is kept, so that a repeated id gets the same reply (ms). */
  CHATBI_REPLY_TTL_MS: positiveInt(600_000),
  /** How many such replies each dialogue instance keeps at most (the oldest go first). */
  CHATBI_REPLY_CACHE_SIZE: positiveInt(1_000),
  /** A folder of SQL templates (one subfolder per dialect) to use instead of the shipped apps/sql-templater/src/templates. */
  SQL_TEMPLATES_DIR: z.string().optional(),
  /** Origins whose pages may call the API (the Ask panel inside Superset), comma-separated; none by default. */
  CHATBI_CORS_ORIGINS: z
    .string()
    .default('')
    .transform((value) => value.split(',').map((origin) => origin.trim()).filter(Boolean))
    .pipe(z.array(z.string().regex(/^(\*|https?:\/\/[^/\s]+)$/, 'each origin looks like https://superset.example.com (no path), or is *'))),
  /** Bearer token for the DBA endpoints (/api/admin/*); unset, they answer requests from this machine only. */
  CHATBI_ADMIN_TOKEN: z.string().min(16, 'use at least 16 characters (e.g. openssl rand -hex 24)').optional(),
  /**
   * The secret a trusted proxy (Superset's ChatBI blueprint) signs the signed-in user with
   * (X-ChatBI-User, X-ChatBI-Signature); /api/ask and /api/catalog then take the user from there.
   */
  CHATBI_TRUSTED_PROXY_SECRET: z
    .string()
    .min(MIN_TRUSTED_PROXY_SECRET_LENGTH, `use at least ${MIN_TRUSTED_PROXY_SECRET_LENGTH} characters (e.g. openssl rand -hex 32)`)
    .optional(),
  ...plannerConfigShape,
  /** How long a stopping service (SIGTERM, SIGINT) waits for the questions in flight before it leaves anyway. */
  CHATBI_DRAIN_TIMEOUT_MS: positiveInt(15_000),
  /** auto: JSON lines when stdout is not a terminal (containers, files), coloured text on a terminal; json or text force one. */
  CHATBI_LOG_FORMAT: z.enum(LOG_FORMATS).default('auto'),
  /** Embedded mode: also serve the gRPC API (Ask, Chat) on this port; unset, no gRPC. */
  CHATBI_GRPC_PORT: z.coerce.number().int().min(0).max(65535).optional(),
  ...grpcTlsConfigShape,
  ...accessConfigShape,
  ...semanticConfigShape,
});

/** Both ways of naming the warehouse cannot be used at once: which one would win is a trap. Checked by loadConfig and loadDistributedConfig. */
export function checkOneWarehouse(config: { CHATBI_WAREHOUSE_URL?: string; CHATBI_WAREHOUSE_FILE?: string }, ctx: z.RefinementCtx): void {
  if (config.CHATBI_WAREHOUSE_URL !== undefined && config.CHATBI_WAREHOUSE_FILE !== undefined) {
    ctx.addIssue({
      code: 'custom',
      path: ['CHATBI_WAREHOUSE_FILE'],
      message: 'set CHATBI_WAREHOUSE_URL or CHATBI_WAREHOUSE_FILE, not both (CHATBI_WAREHOUSE_FILE=/path/f.duckdb means CHATBI_WAREHOUSE_URL=duckdb:///path/f.duckdb)',
    });
  }
}

export type ChatbiConfig = z.infer<typeof chatbiConfigSchema>;

export class ConfigError extends Error {}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): ChatbiConfig {
  const config = parseConfig(chatbiConfigSchema, env, 'Invalid configuration');
  return { ...config, CHATBI_DATA_DIR: resolve(config.CHATBI_DATA_DIR), CHATBI_METADATA_URL: metadataUrlWithPassword(config.CHATBI_METADATA_URL, config.CHATBI_METADATA_PASSWORD) };
}

type CheckedConfig = PlannerConfig & Parameters<typeof checkGrpcTls>[0] & { CHATBI_WAREHOUSE_URL?: string; CHATBI_WAREHOUSE_FILE?: string };

/** Parses the environment with a ChatBI config schema, and checks what no single field can: one warehouse, gRPC TLS, the planner choice. */
export function parseConfig<S extends z.ZodType<CheckedConfig>>(schema: S, env: NodeJS.ProcessEnv, title: string): z.infer<S> {
  const parsed = schema.superRefine(checkOneWarehouse).superRefine(checkGrpcTls).safeParse(env);
  const issues = parsed.success
    ? chosenPlanner(parsed.data).issues
    : parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
  const jwt = parsed.success ? (parsed.data as { CHATBI_JWT_ISSUER?: string; CHATBI_JWT_JWKS_URL?: string; CHATBI_JWT_PUBLIC_KEY?: string }) : {};
  if (jwt.CHATBI_JWT_ISSUER && !jwt.CHATBI_JWT_JWKS_URL && !jwt.CHATBI_JWT_PUBLIC_KEY) {
    issues.push("CHATBI_JWT_ISSUER: give the issuer's keys too, CHATBI_JWT_JWKS_URL or CHATBI_JWT_PUBLIC_KEY");
  }
  if (!parsed.success || issues.length > 0) throw new ConfigError(`${title}:\n${issues.map((line) => `  ${line}`).join('\n')}`);
  return parsed.data as z.infer<S>;
}

export const CHATBI_CONFIG = Symbol('CHATBI_CONFIG');

/** The configured warehouse; undefined means the generated demo warehouse. */
export function configuredWarehouse(config: Pick<ChatbiConfig, 'CHATBI_WAREHOUSE_URL' | 'CHATBI_WAREHOUSE_FILE'>): WarehouseLocation | undefined {
  if (config.CHATBI_WAREHOUSE_URL) return parseWarehouseUrl(config.CHATBI_WAREHOUSE_URL);
  if (config.CHATBI_WAREHOUSE_FILE) return warehouseLocationOfFile(config.CHATBI_WAREHOUSE_FILE);
  return undefined;
}

/** The demo warehouse file a process uses when none is configured. */
export function demoWarehouseFile(config: Pick<ChatbiConfig, 'CHATBI_DATA_DIR' | 'CHATBI_DEMO_SIZE'>): string {
  return join(config.CHATBI_DATA_DIR, `demo-${config.CHATBI_DEMO_SIZE}.duckdb`);
}

/** The warehouse a distributed service reads (and whose dialect it writes): the configured one, else the demo file. */
export function serviceWarehouse(
  config: Pick<ChatbiConfig, 'CHATBI_WAREHOUSE_URL' | 'CHATBI_WAREHOUSE_FILE' | 'CHATBI_DATA_DIR' | 'CHATBI_DEMO_SIZE'>,
): WarehouseLocation {
  return configuredWarehouse(config) ?? warehouseLocationOfFile(demoWarehouseFile(config));
}

/** What the dialogue's AskService reads: how long a caller waits, and how long replies are kept for repeats. */
export function askOptionsOf(config: Pick<ChatbiConfig, 'CHATBI_ASK_TIMEOUT_MS' | 'CHATBI_REPLY_TTL_MS' | 'CHATBI_REPLY_CACHE_SIZE'>) {
  return { askTimeoutMs: config.CHATBI_ASK_TIMEOUT_MS, replies: { ttlMs: config.CHATBI_REPLY_TTL_MS, capacity: config.CHATBI_REPLY_CACHE_SIZE } };
}

export function modelsDirOf(config: Pick<ChatbiConfig, 'CHATBI_DATA_DIR' | 'CHATBI_MODELS_DIR'>): string {
  return config.CHATBI_MODELS_DIR ? resolve(config.CHATBI_MODELS_DIR) : join(config.CHATBI_DATA_DIR, 'models');
}
