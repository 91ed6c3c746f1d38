import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { createWriteStream, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { findAncestorWith } from '@chatbi/contracts';
import { promisify } from 'node:util';
import { explainProcessError, freePort, type TestCertificates } from '@chatbi/testing';
import type { KafkaSaslMechanism } from '../kafka-security';

const run = promisify(execFile);

export interface KafkaTestBroker {
  /** 127.0.0.1:<port>, for KafkaBusOptions.brokers and KAFKA_BROKERS. */
  brokers: string;
  port: number;
  /** 127.0.0.1:<port> of the SASL_SSL listener, when the broker was started with one. */
  saslSslBrokers?: string;
  dir: string;
  /** The broker's JVM process, while it runs (a benchmark reads its CPU time). */
  readonly pid: number | undefined;
  /** Stops the broker (SIGTERM, a clean shutdown) and starts it again on the same port and data. */
  restart(options?: { downMs?: number }): Promise<void>;
  /** Stops the broker and deletes its data. */
  stop(): Promise<void>;
}

export interface KafkaTestBrokerOptions {
  /**
   * Also listen with SASL over TLS (beside the plaintext listener, which the broker keeps for
   * itself): the server certificate of these certificates, and these users (SCRAM users are
   * stored at format time, PLAIN ones in the listener's JAAS line).
   */
  saslSsl?: { certificates: TestCertificates; users: { mechanism: KafkaSaslMechanism; username: string; password: string }[] };
}

/**
 * A throwaway single-node Kafka broker in KRaft mode (kafka.Kafka, no ZooKeeper) on 127.0.0.1 and a
 * free port, from the jars that scripts/kafka/fetch-kafka.sh caches from Maven Central (it runs
 * here when the cache is empty). Resolves once the broker says it has started.
 */
export async function startKafkaTestBroker(options: KafkaTestBrokerOptions = {}): Promise<KafkaTestBroker> {
  const scripts = kafkaScriptsDir();
  const home = await fetchKafkaJars(scripts);
  const dir = mkdtempSync(join(tmpdir(), 'chatbi-kafka-'));
  const port = await freePort();
  const controllerPort = await freePort();
  const saslSslPort = options.saslSsl ? await freePort() : undefined;
  const properties = join(dir, 'server.properties');
  writeFileSync(properties, brokerProperties(dir, port, controllerPort, saslSslPort) + (options.saslSsl ? saslSslProperties(options.saslSsl) : ''));
  const scramUsers = (options.saslSsl?.users ?? [])
    .filter((u) => u.mechanism !== 'PLAIN')
    .flatMap((u) => ['--add-scram', `${u.mechanism}=[name=${u.username},password=${u.password}]`]);
  const java = ['-Xms256m', '-Xmx768m', '-XX:+UseSerialGC', `-Dlog4j.configuration=file:${join(scripts, 'log4j.properties')}`, '-cp', `${join(home, 'libs')}/*`];
  const clusterId = newClusterId();
  try {
    await run('java', [...java, 'kafka.tools.StorageTool', 'format', '-t', clusterId, '-c', properties, ...scramUsers], { timeout: 60_000 });
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
    ...(saslSslPort ? { saslSslBrokers: `127.0.0.1:${saslSslPort}` } : {}),
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

function brokerProperties(dir: string, port: number, controllerPort: number, saslSslPort?: number): string {
  const saslSsl = saslSslPort ? `,SASL_SSL://127.0.0.1:${saslSslPort}` : '';
  return [
    'process.roles=broker,controller',
    'node.id=1',
    `listeners=PLAINTEXT://127.0.0.1:${port},CONTROLLER://127.0.0.1:${controllerPort}${saslSsl}`,
    `advertised.listeners=PLAINTEXT://127.0.0.1:${port}${saslSsl}`,
    'controller.listener.names=CONTROLLER',
    `controller.quorum.voters=1@127.0.0.1:${controllerPort}`,
    `listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT${saslSslPort ? ',SASL_SSL:SASL_SSL' : ''}`,
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

/**
 * A SASL_SSL listener beside the plaintext one (which stays the inter-broker listener): the
 * PKCS#12 keystore of the server certificate, the three mechanisms ChatBI supports.
 */
function saslSslProperties(saslSsl: NonNullable<KafkaTestBrokerOptions['saslSsl']>): string {
  const { file, password } = saslSsl.certificates.serverKeystore;
  const plainUsers = saslSsl.users.filter((u) => u.mechanism === 'PLAIN').map((u) => ` user_${u.username}="${u.password}"`).join('');
  return [
    'inter.broker.listener.name=PLAINTEXT',
    'sasl.enabled.mechanisms=PLAIN,SCRAM-SHA-256,SCRAM-SHA-512',
    'ssl.keystore.type=PKCS12',
    `ssl.keystore.location=${file}`,
    `ssl.keystore.password=${password}`,
    `ssl.key.password=${password}`,
    `listener.name.sasl_ssl.plain.sasl.jaas.config=org.apache.kafka.common.security.plain.PlainLoginModule required${plainUsers};`,
    'listener.name.sasl_ssl.scram-sha-256.sasl.jaas.config=org.apache.kafka.common.security.scram.ScramLoginModule required;',
    'listener.name.sasl_ssl.scram-sha-512.sasl.jaas.config=org.apache.kafka.common.security.scram.ScramLoginModule required;',
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
