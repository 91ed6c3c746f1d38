import { Logger, type DynamicModule, type INestApplication, type Provider } from '@nestjs/common';
import { Global, Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { TypeOrmModule } from '@nestjs/typeorm';
import { Registry, collectDefaultMetrics } from 'prom-client';
import type { DataSource } from 'typeorm';
import { AuditModule } from '@chatbi/audit';
import { AuthModule } from '@chatbi/auth';
import { CatalogModule, CatalogRegistry } from '@chatbi/catalog';
import { TOPICS, type CatalogChangedMessage, type Topic } from '@chatbi/contracts';
import { DEMO_CATALOG_DIR } from '@chatbi/demo-world';
import { SchemaLinker } from '@chatbi/language';
import { KafkaBus, KafkaBusTransport, METRICS_REGISTRY, PostgresMessageReceipts, TransportMetrics, TransportModule } from '@chatbi/transport';
import { ChatbiErrorFilter } from '../chatbi-error.filter';
import { CHATBI_CONFIG, ConfigError } from '../config/chatbi.config';
import { auditOptionsOf, authOptionsOf, retentionPolicyOf } from '../config/access.config';
import { RetentionModule } from '../retention/retention.module';
import { useJsonBodies } from '../json-bodies';
import { metadataCheck } from '../health/dependency.checks';
import type { ReadinessCheck } from '../health/readiness';
import { useAppLogger } from '../logging/app-logger';
import { CatalogSync } from './catalog-sync';
import { kafkaSecurityOf } from './kafka-security.config';
import { loadDistributedConfig, type DistributedConfig, type ServiceName } from './distributed.config';
import { metadataOptions, openMetadataDatabase } from './metadata-database';
import { HeartbeatPublisher } from './heartbeat.publisher';
import { LISTENING_MARKER, READY_MARKER } from './ready-marker';
import { startingGate } from './starting-gate';
import { ServiceOpsController } from './service-ops.controller';
import { ServiceStatus } from './service-status';

/** What makes one service: its modules and how it uses the bus. The rest is the same for all six. */
export interface ServiceSpec {
  name: ServiceName;
  /** The service's own modules, as embedded mode registers them. */
  modules(config: DistributedConfig): DynamicModule[];
  /** Extra global providers, e.g. the WAREHOUSE of cascade-runner. */
  providers?(config: DistributedConfig): Provider[];
  /** Topics every instance reads in full (replies to the callers it holds); others are shared by the group. */
  broadcastTopics?: Topic[];
  /** Reads questions (dialogue, view-selector, json-planner): build the schema-linking index at start, not on the first question. */
  linksQuestions?: boolean;
  /** Topics whose handler answers a repeated request id itself (the Kafka API): not skipped by receipt. */
  repeatableTopics?: Topic[];
  /**
   * The service's own readiness checks (the warehouse, stages downstream); those that gate the
   * consumers must pass before the service joins its consumer groups.
   */
  readiness?(app: INestApplication): ReadinessCheck[];
  /** Topics where outside work enters: on shutdown their consumers stop first. */
  edgeTopics?: Topic[];
  /** After the app is up (e.g. the gRPC server); returns extra ports for the ready line. */
  afterStart?(app: INestApplication, config: DistributedConfig): Promise<Record<string, number>>;
  /** On shutdown, after HTTP and the edge topics stopped taking work: let the work in flight finish. */
  drain?(app: INestApplication, timeoutMs: number): Promise<void>;
  /** After the app closed. */
  afterClose?(): Promise<void>;
}


export interface RunningService {
  app: INestApplication;
  ports: Record<string, number>;
  stop(): Promise<void>;
}

/**
 * Starts one service on its own: PostgreSQL metadata (migrations), the catalog, the Kafka bus with
 * durable idempotency receipts, the service's @EventPattern handlers over Kafka, /health, /metrics,
 * and a graceful drain on SIGTERM/SIGINT.
 */
export async function startService(spec: ServiceSpec, env: NodeJS.ProcessEnv = process.env): Promise<RunningService> {
  const config = loadDistributedConfig(spec.name, env);
  const appLogger = useAppLogger(config.CHATBI_LOG_FORMAT, ['error', 'warn', 'log']);
  const logger = new Logger(`${spec.name}`);
  const phases: Record<string, number> = {};
  let mark = performance.now();
  const phase = (name: string) => {
    const now = performance.now();
    phases[name] = Math.round(now - mark);
    mark = now;
  };
  phases.load = Math.round(performance.now());
  const registry = new Registry();
  registry.setDefaultLabels({ service: spec.name, instance: config.CHATBI_INSTANCE_ID });
  collectDefaultMetrics({ register: registry });

  const dataSource = await openMetadataDatabase(config.CHATBI_METADATA_URL, logger);
  const catalogs = new CatalogSync(dataSource, config.CHATBI_CATALOG_DIR ?? DEMO_CATALOG_DIR);
  const owner = spec.name === 'view-advisor';
  const { catalog, changed } = owner ? await catalogs.publishFromYaml() : { catalog: await catalogs.current(), changed: false };
  phase('metadata');
  if (spec.linksQuestions) SchemaLinker.for(catalog);
  phase('linker');

  const receipts = new PostgresMessageReceipts(dataSource);
  const bus = new KafkaBus({
    brokers: config.KAFKA_BROKERS,
    security: kafkaSecurityOf(config),
    service: spec.name,
    instanceId: config.CHATBI_INSTANCE_ID,
    broadcastTopics: [...(spec.broadcastTopics ?? []), TOPICS.catalogChanged],
    partitions: config.CHATBI_KAFKA_PARTITIONS,
    sessionTimeoutMs: config.CHATBI_KAFKA_SESSION_TIMEOUT_MS,
    receipts,
    metrics: new TransportMetrics(registry),
    repeatableTopics: spec.repeatableTopics,
    connectTimeoutMs: config.CHATBI_KAFKA_CONNECT_TIMEOUT_MS,
  });
  await bus.connect();
  phase('kafka');
  const status = new ServiceStatus(spec.name, config.CHATBI_INSTANCE_ID, bus, registry, [metadataCheck(dataSource)]);

  const app = await NestFactory.create(
    ServiceRootModule.register({ spec, config, bus, dataSource, status }),
    { logger: appLogger, bufferLogs: false, bodyParser: false },
  );
  app.use(startingGate(status));
  useJsonBodies(app);
  status.readiness.add(...(spec.readiness?.(app) ?? []));
  const catalogRegistry = app.get(CatalogRegistry);
  catalogRegistry.replace(catalog);
  bus.subscribe<CatalogChangedMessage>(TOPICS.catalogChanged, (m) => catalogs.onChanged(m, catalogRegistry));
  app.useGlobalFilters(new ChatbiErrorFilter());
  app.connectMicroservice({ strategy: new KafkaBusTransport(bus) });
  phase('nest');
  await app.listen(config.PORT, config.HOST);
  const ports: Record<string, number> = { http: (app.getHttpServer().address() as { port: number }).port };
  process.stdout.write(`${LISTENING_MARKER} ${JSON.stringify({ service: spec.name, instance: config.CHATBI_INSTANCE_ID, pid: process.pid, ports })}\n`);
  await status.readiness.untilConsumersMayStart(logger);
  phase('dependencies');
  await app.startAllMicroservices();
  phase('consumers');
  Object.assign(ports, (await spec.afterStart?.(app, config)) ?? {});
  if (changed) {
    const message: CatalogChangedMessage = { catalogHash: catalog.hash, views: catalog.views.map((v) => v.name), changedAt: new Date().toISOString() };
    await bus.publish(TOPICS.catalogChanged, catalog.hash, message);
  }
  const pruning = setInterval(() => void receipts.prune().catch(() => undefined), 10 * 60_000);
  pruning.unref();
  status.phase = 'serving';
  const heartbeats = new HeartbeatPublisher(bus, status, config.CHATBI_HEARTBEAT_INTERVAL_MS);
  await heartbeats.start();
  logger.log(`serving: ${JSON.stringify(ports)}, instance ${config.CHATBI_INSTANCE_ID}, catalog ${catalog.hash}; start-up ms ${JSON.stringify(phases)}`);
  process.stdout.write(`${READY_MARKER} ${JSON.stringify({ service: spec.name, instance: config.CHATBI_INSTANCE_ID, pid: process.pid, ports })}\n`);

  let stopping: Promise<void> | undefined;
  const stop = () =>
    (stopping ??= (async () => {
      status.phase = 'draining';
      clearInterval(pruning);
      await heartbeats.stop();
      const timeout = config.CHATBI_DRAIN_TIMEOUT_MS;
      logger.log(`draining (at most ${timeout} ms)`);
      const server = app.getHttpServer() as import('node:http').Server;
      const httpClosed = new Promise<void>((resolve) => server.close(() => resolve()));
      await bus.stopConsuming(spec.edgeTopics ?? []);
      await spec.drain?.(app, timeout);
      await bus.close();
      server.closeAllConnections?.();
      await httpClosed;
      await app.close();
      await spec.afterClose?.();
      logger.log('stopped');
    })());
  return { app, ports, stop };
}

/** Entry point of apps/<service>/src/main.ts: start, stop cleanly on SIGTERM/SIGINT, exit non-zero on a failed start. */
export function runService(spec: ServiceSpec): void {
  startService(spec).then(
    (running) => {
      const onSignal = (signal: string) => {
        new Logger(spec.name).log(`${signal}: shutting down`);
        running.stop().then(
          () => process.exit(0),
          (error: unknown) => {
            console.error(error);
            process.exit(1);
          },
        );
      };
      process.once('SIGTERM', () => onSignal('SIGTERM'));
      process.once('SIGINT', () => onSignal('SIGINT'));
    },
    (error: unknown) => {
      if (error instanceof ConfigError) process.stderr.write(`${error.message}\n`);
      else console.error(error);
      process.exit(1);
    },
  );
}

interface RootDependencies {
  spec: ServiceSpec;
  config: DistributedConfig;
  bus: KafkaBus;
  dataSource: DataSource;
  status: ServiceStatus;
}

@Global()
@Module({})
class ServiceInfrastructureModule {
  static register(deps: RootDependencies): DynamicModule {
    const providers: Provider[] = [
      { provide: CHATBI_CONFIG, useValue: deps.config },
      { provide: ServiceStatus, useValue: deps.status },
      { provide: METRICS_REGISTRY, useValue: deps.status.registry },
      ...(deps.spec.providers?.(deps.config) ?? []),
    ];
    return { module: ServiceInfrastructureModule, providers, exports: providers.map((p) => (typeof p === 'function' ? p : p.provide)) };
  }
}

@Module({})
class ServiceRootModule {
  static register(deps: RootDependencies): DynamicModule {
    return {
      module: ServiceRootModule,
      imports: [
        ServiceInfrastructureModule.register(deps),
        TransportModule.forBus(deps.bus),
        TypeOrmModule.forRootAsync({
          useFactory: () => ({ ...metadataOptions(deps.config.CHATBI_METADATA_URL), autoLoadEntities: true }),
          dataSourceFactory: async () => deps.dataSource,
        }),
        AuthModule.forRoot(authOptionsOf(deps.config)),
        AuditModule.forRoot(auditOptionsOf(deps.config)),
        // One service purges the shared metadata database: the view advisor, which keeps the question log.
        ...(deps.spec.name === 'view-advisor' ? [RetentionModule.forRoot(retentionPolicyOf(deps.config))] : []),
        CatalogModule,
        ...deps.spec.modules(deps.config),
      ],
      controllers: [ServiceOpsController],
    };
  }
}
