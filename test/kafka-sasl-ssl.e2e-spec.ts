import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { TOPICS, type KafkaAskRequest } from '@chatbi/contracts';
import { createTestCertificates, type TestCertificates } from '@chatbi/testing';
import { KafkaBus, type KafkaSaslMechanism, type KafkaSecurity } from '@chatbi/transport';
import { startDistributedEnvironment, type DistributedEnvironment } from '../apps/chatbi/src/distributed/testing/distributed-environment';
import { KafkaApiClient } from './distributed-clients';
import { eventually } from './eventually';

jest.setTimeout(400_000);

const USERS: { mechanism: KafkaSaslMechanism; username: string; password: string }[] = [
  { mechanism: 'SCRAM-SHA-512', username: 'chatbi', password: `scram512-${randomUUID()}` },
  { mechanism: 'SCRAM-SHA-256', username: 'chatbi256', password: `scram256-${randomUUID()}` },
  { mechanism: 'PLAIN', username: 'chatbiplain', password: `plain-${randomUUID()}` },
];

/**
 * Kafka over SASL_SSL: a broker whose only client listener is SASL over TLS (its certificate from
 * a throwaway CA), the six services configured for it through the environment, a question over the
 * Kafka API; each SASL mechanism; and the start-up errors an operator gets for a wrong password or
 * an untrusted certificate.
 */
describe('Kafka over SASL_SSL', () => {
  let certificates: TestCertificates;
  let env: DistributedEnvironment;
  const buses: KafkaBus[] = [];

  const serviceEnv = (user = USERS[0]) => ({
    KAFKA_SECURITY_PROTOCOL: 'SASL_SSL',
    KAFKA_SASL_MECHANISM: user.mechanism,
    KAFKA_SASL_USERNAME: user.username,
    KAFKA_SASL_PASSWORD: user.password,
    KAFKA_SSL_CA_FILE: certificates.caFile,
  });
  const security = (user = USERS[0]): KafkaSecurity => ({
    tls: { ca: certificates.ca.toString() },
    sasl: { mechanism: user.mechanism, username: user.username, password: user.password },
  });
  function bus(service: string, s: KafkaSecurity): KafkaBus {
    const b = new KafkaBus({ brokers: [env.broker.saslSslBrokers!], security: s, service, instanceId: randomUUID().slice(0, 8), partitions: 4 });
    buses.push(b);
    return b;
  }

  beforeAll(async () => {
    certificates = await createTestCertificates();
    env = await startDistributedEnvironment({ fromSource: true, broker: { saslSsl: { certificates, users: USERS } }, env: serviceEnv() });
  });

  afterAll(async () => {
    await Promise.all(buses.map((b) => b.close().catch(() => undefined)));
    await env?.stop();
    certificates?.remove();
  });

  it('answers a question asked over the Kafka API, every service talking SASL_SSL to the broker', async () => {
    const client = new KafkaApiClient(env.broker.saslSslBrokers!, security());
    try {
      await client.start();
      const request: KafkaAskRequest = { requestId: `sasl-${randomUUID()}`, question: 'DAU of the main app over the last 7 days', sessionId: `sasl-${randomUUID()}` };
      await client.send(request, request.requestId);
      const reply = await client.reply(request.requestId, 120_000);
      expect(reply.requestId).toBe(request.requestId);
      // The error itself, when there is one, says why.
      expect(reply.ok ? 'answered' : reply.error).toBe('answered');
      expect(reply.ok && reply.answer.rows.length).toBeGreaterThan(0);
    } finally {
      await client.close();
    }
  });

  it.each(USERS.map((u) => [u.mechanism, u] as const))('carries a message with %s', async (_mechanism, user) => {
    const run = randomUUID().slice(0, 8);
    const received: string[] = [];
    const consumer = bus(`sasl-${run}`, security(user));
    consumer.subscribe<{ requestId: string }>(TOPICS.deadLetter, async (m) => {
      if (m.requestId.startsWith(run)) received.push(m.requestId);
    });
    await consumer.connect();
    await consumer.start();
    await consumer.publish(TOPICS.deadLetter, run, { requestId: `${run}-1` });
    await eventually(async () => expect(received).toEqual([`${run}-1`]), 30_000);
  });

  it('refuses a wrong password with a clear error, at the bus and when a service starts', async () => {
    const wrong = { ...USERS[0], password: 'not-the-password' };
    await expect(bus(`wrong-${randomUUID().slice(0, 8)}`, security(wrong)).connect()).rejects.toThrow(
      /Kafka refused the SASL credentials of chatbi \(SCRAM-SHA-512\): check KAFKA_SASL_USERNAME, KAFKA_SASL_PASSWORD/,
    );
    const failed = await env.cluster.start('view-advisor', serviceEnv(wrong)).then(
      () => undefined,
      (error: Error) => error,
    );
    expect(failed?.message).toMatch(/exited \(1\) while starting/);
    const log = readFileSync(/see (\S+)$/.exec(failed!.message)![1], 'utf8');
    expect(log).toMatch(/Kafka refused the SASL credentials of chatbi \(SCRAM-SHA-512\)/);
    expect(log).not.toContain('not-the-password');
  });

  it('says which setting to look at when the broker certificate is not trusted', async () => {
    await expect(bus(`untrusted-${randomUUID().slice(0, 8)}`, { ...security(), tls: {} }).connect()).rejects.toThrow(
      /Kafka's TLS certificate was not accepted: give the CA that signed it in KAFKA_SSL_CA_FILE/,
    );
  });
});
