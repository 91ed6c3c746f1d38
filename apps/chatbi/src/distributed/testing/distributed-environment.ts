import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { startPostgresTestServer, type PostgresTestServer } from '../../../../../libs/catalog/src/persistence/testing/postgres-test-server';
import { startKafkaTestBroker, type KafkaTestBroker, type KafkaTestBrokerOptions } from '../../../../../libs/transport/src/kafka/testing/kafka-test-broker';
import type { ServiceName } from '../distributed.config';
import { ServiceCluster } from './service-cluster';

const run = promisify(execFile);

export interface DistributedEnvironment {
  broker: KafkaTestBroker;
  postgres: PostgresTestServer;
  cluster: ServiceCluster;
  dataDir: string;
  /** The demo warehouse every cascade-runner reads (and an embedded app may read for comparison). */
  warehouseFile: string;
  stop(): Promise<void>;
}

export interface DistributedEnvironmentOptions {
  fromSource: boolean;
  env?: Record<string, string>;
  /** The services to start (all six unless given); others can be started later with settings of their own. */
  services?: readonly ServiceName[];
  /** How long each service may take to start (the cluster's default unless given). */
  startTimeoutMs?: number;
  /** Extra flags for every service's node (see ServiceClusterOptions.nodeArgs). */
  nodeArgs?: string[];
  /** The broker's extra listener: with saslSsl the services are pointed at it (env then names the KAFKA_SASL_* and KAFKA_SSL_* settings). */
  broker?: KafkaTestBrokerOptions;
}

/**
 * A real broker, a real PostgreSQL, the demo warehouse generated once (in a child process, so that
 * the caller has not opened DuckDB when it forks the services) and the six services.
 */
export async function startDistributedEnvironment(options: DistributedEnvironmentOptions): Promise<DistributedEnvironment> {
  const dataDir = mkdtempSync(join(tmpdir(), 'chatbi-distributed-'));
  const warehouseFile = join(dataDir, 'demo-small.duckdb');
  let broker: KafkaTestBroker | undefined;
  let postgres: PostgresTestServer | undefined;
  let cluster: ServiceCluster | undefined;
  const stop = async () => {
    await cluster?.stopAll();
    await Promise.all([broker?.stop(), postgres?.stop()]);
    rmSync(dataDir, { recursive: true, force: true });
  };
  try {
    const probe = new ServiceCluster({ env: {}, logDir: join(dataDir, 'logs'), fromSource: options.fromSource });
    const cli = options.fromSource
      ? ['-r', join(__dirname, 'ts-register.js'), join(probe.root, 'apps', 'chatbi', 'src', 'main.ts')]
      : [join(probe.root, 'dist', 'apps', 'chatbi', 'src', 'main.js')];
    const [startedBroker, startedPostgres] = await Promise.all([
      startKafkaTestBroker(options.broker).then((b) => (broker = b)),
      startPostgresTestServer().then((p) => (postgres = p)),
      run(process.execPath, [...cli, 'demo', '--file', warehouseFile], { cwd: probe.root, timeout: 120_000 }),
    ]);
    cluster = new ServiceCluster({
      fromSource: options.fromSource,
      logDir: join(dataDir, 'logs'),
      startTimeoutMs: options.startTimeoutMs,
      nodeArgs: options.nodeArgs,
      env: {
        KAFKA_BROKERS: startedBroker.saslSslBrokers ?? startedBroker.brokers,
        CHATBI_METADATA_URL: startedPostgres.url,
        CHATBI_WAREHOUSE_FILE: warehouseFile,
        CHATBI_DATA_DIR: dataDir,
        CHATBI_KAFKA_SESSION_TIMEOUT_MS: '6000',
        ...options.env,
      },
    });
    await cluster.startAll(options.services);
    // All six started: questions are asked once dialogue has heard every stage say it is ready, as a readiness probe gates them.
    if (!options.services) await untilReady(`${cluster.url('dialogue')}/health/ready`, options.startTimeoutMs ?? 120_000);
    return { broker: startedBroker, postgres: startedPostgres, cluster, dataDir, warehouseFile, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}

async function untilReady(url: string, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const status = await fetch(url).then((r) => r.status).catch(() => 0);
    if (status === 200) return;
    if (Date.now() > deadline) throw new Error(`${url} did not answer 200 within ${timeoutMs} ms (last: ${status})`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}
