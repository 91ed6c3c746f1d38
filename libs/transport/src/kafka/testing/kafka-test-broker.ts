import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { createWriteStream, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { findAncestorWith } from '@chatbi/contracts';
import { promisify } from 'node:util';
import { explainProcessError, freePort } from '@chatbi/testing';

const run = promisify(execFile);

export interface KafkaTestBroker {
  /** 127.0.0.1:<port>, for KafkaBusOptions.brokers and KAFKA_BROKERS. */
  brokers: string;
  port: number;
  dir: string;
  /** The broker's JVM process, while it runs (a benchmark reads its CPU time). */
  readonly pid: number | undefined;
  /** Stops the broker (SIGTERM, a clean shutdown) and starts it again on the same port and data. */
  restart(options?: { downMs?: number }): Promise<void>;
  /** Stops the broker and deletes its data. */
  stop(): Promise<void>;
}

/**
 * A throwaway single-node Kafka broker in KRaft mode (kafka.Kafka, no ZooKeeper) on 127.0.0.1 and a
 * free port, from the jars that scripts/kafka/fetch-kafka.sh caches from Maven Central (it runs
 * here when the cache is empty). Resolves once the broker says it has started.
 */
export async function startKafkaTestBroker(): Promise<KafkaTestBroker> {
  const scripts = kafkaScriptsDir();
  const home = await fetchKafkaJars(scripts);
  const dir = mkdtempSync(join(tmpdir(), 'chatbi-kafka-'));
  const port = await freePort();
  const controllerPort = await freePort();
  const properties = join(dir, 'server.properties');
  writeFileSync(properties, brokerProperties(dir, port, controllerPort));
  const java = ['-Xms256m', '-Xmx768m', '-XX:+UseSerialGC', `-Dlog4j.configuration=file:${join(scripts, 'log4j.properties')}`, '-cp', `${join(home, 'libs')}/*`];
  const clusterId = newClusterId();
  try {
    await run('java', [...java, 'kafka.tools.StorageTool', 'format', '-t', clusterId, '-c', properties], { timeout: 60_000 });
  } catch (error) {
    rmSync(dir, { recursive: true, force: true });
    throw new Error(`Could not format Kafka storage: ${explainProcessError(error)}`);
  }

  let child: ChildProcess | undefined;
  let starts = 0;
  const launch = async () => {
    const log = join(dir, `broker-${++starts}.log`);
    const out = createWriteStream(log);
    const broker = spawn('java', [...java, 'kafka.Kafka', properties], { stdio: ['ignore', 'pipe', 'pipe'] });
    broker.stdout!.pipe(out);
    broker.stderr!.pipe(out);
    child = broker;
    await waitForStart(broker, log);
  };
  const halt = async () => {
    const current = child;
    child = undefined;
    if (current) await stopProcess(current);
  };

  try {
    await launch();
  } catch (error) {
    await halt();
    rmSync(dir, { recursive: true, force: true });
    throw error;
  }
  return {
    brokers: `127.0.0.1:${port}`,
    port,
    dir,
    get pid() {
      return child?.pid;
    },
    async restart(options = {}) {
      await halt();
      if (options.downMs) await new Promise((resolve) => setTimeout(resolve, options.downMs));
      await launch();
    },
    async stop() {
      await halt();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

function brokerProperties(dir: string, port: number, controllerPort: number): string {
  return [
    'process.roles=broker,controller',
    'node.id=1',
    `listeners=PLAINTEXT://127.0.0.1:${port},CONTROLLER://127.0.0.1:${controllerPort}`,
    `advertised.listeners=PLAINTEXT://127.0.0.1:${port}`,
    'controller.listener.names=CONTROLLER',
    `controller.quorum.voters=1@127.0.0.1:${controllerPort}`,
    'listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT',
    `log.dirs=${join(dir, 'data')}`,
    'num.partitions=12',
    'offsets.topic.replication.factor=1',
    'offsets.topic.num.partitions=8',
    'transaction.state.log.replication.factor=1',
    'transaction.state.log.min.isr=1',
    // A single test broker: groups form at once, and a killed member is noticed within seconds.
    'group.initial.rebalance.delay.ms=0',
    'group.min.session.timeout.ms=3000',
    'auto.create.topics.enable=false',
    '',
  ].join('\n');
}

async function waitForStart(broker: ChildProcess, log: string): Promise<void> {
  const deadline = Date.now() + 90_000;
  while (Date.now() < deadline) {
    if (broker.exitCode !== null || broker.signalCode !== null) {
      throw new Error(`The Kafka broker exited while starting:\n${tail(log)}`);
    }
    if (existsSync(log) && readFileSync(log, 'utf8').includes('Kafka Server started')) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`The Kafka broker did not start within 90 s:\n${tail(log)}`);
}

/** SIGTERM is a clean broker shutdown; SIGKILL if it takes longer than 30 s. */
async function stopProcess(broker: ChildProcess): Promise<void> {
  if (broker.exitCode !== null || broker.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => broker.once('exit', () => resolve()));
  broker.kill('SIGTERM');
  const timer = setTimeout(() => broker.kill('SIGKILL'), 30_000);
  await exited;
  clearTimeout(timer);
}

/** The jar cache, filled by scripts/kafka/fetch-kafka.sh when empty. */
async function fetchKafkaJars(scripts: string): Promise<string> {
  try {
    const { stdout } = await run('bash', [join(scripts, 'fetch-kafka.sh')], { timeout: 600_000 });
    return stdout.trim().split('\n').pop()!;
  } catch (error) {
    throw new Error(
      `Could not fetch Apache Kafka's jars with Maven (scripts/kafka/fetch-kafka.sh; needs mvn, Java 17 and Maven Central): ${explainProcessError(error)}`,
    );
  }
}

/** scripts/kafka of the repository, found from the source or from the compiled copy in dist/. */
export function kafkaScriptsDir(): string {
  const root = findAncestorWith(__dirname, join('scripts', 'kafka', 'pom.xml'));
  if (!root) throw new Error(`scripts/kafka not found above ${__dirname}`);
  return join(root, 'scripts', 'kafka');
}

function tail(file: string): string {
  return existsSync(file) ? readFileSync(file, 'utf8').split('\n').slice(-30).join('\n') : '(no log)';
}

/** Kafka's format tool reads an id that starts with "-" as an option, so such ids are drawn again. */
function newClusterId(): string {
  for (;;) {
    const id = randomBytes(16).toString('base64url').slice(0, 22);
    if (!id.startsWith('-')) return id;
  }
}
