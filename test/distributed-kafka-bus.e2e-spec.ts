import { randomUUID } from 'node:crypto';
import { Registry } from 'prom-client';
import { TOPICS, type AskMessage, type FailedMessage } from '@chatbi/contracts';
import { KafkaBus, TransportMetrics, type DeadLetter, type KafkaBusOptions } from '@chatbi/transport';
import { startKafkaTestBroker, type KafkaTestBroker } from '../libs/transport/src/kafka/testing/kafka-test-broker';
import { eventually } from './eventually';

jest.setTimeout(120_000);

/** The KafkaBus on a real single-node broker: ordering, retries, dead letters, idempotency, groups, drain. */
describe('KafkaBus on a real broker', () => {
  let broker: KafkaTestBroker;
  const buses: KafkaBus[] = [];

  beforeAll(async () => {
    broker = await startKafkaTestBroker();
  });

  afterAll(async () => {
    await Promise.all(buses.map((b) => b.close()));
    await broker?.stop();
  });

  /** A bus of a fresh service name, so that every test has consumer groups of its own. */
  function bus(service: string, options: Partial<KafkaBusOptions> = {}): KafkaBus {
    const b = new KafkaBus({
      brokers: [broker.brokers],
      service,
      instanceId: randomUUID().slice(0, 8),
      partitions: 4,
      retry: { attempts: 3, initialDelayMs: 20, maxDelayMs: 100 },
      sessionTimeoutMs: 6_000,
      ...options,
    });
    buses.push(b);
    return b;
  }

  function ask(run: string, n: number, sessionId = `s-${run}`): AskMessage {
    const requestId = sessionId === `s-${run}` ? `${run}-${n}` : `${sessionId}-${n}`;
    return { requestId, sessionId, user: 't', askedAt: new Date().toISOString(), timings: {}, warnings: [], question: `q${n}` };
  }

  it('delivers every message once, in order per key, across partitions', async () => {
    const run = randomUUID().slice(0, 8);
    const received: AskMessage[] = [];
    const consumer = bus(`order-${run}`);
    consumer.subscribe<AskMessage>(TOPICS.ask, async (m) => {
      if (m.requestId.startsWith(run)) received.push(m);
    });
    await consumer.connect();
    await consumer.start();
    const producer = bus(`order-producer-${run}`);
    await producer.connect();
    const sessions = ['a', 'b', 'c'];
    await Promise.all(sessions.map(async (s) => {
      for (let i = 0; i < 20; i++) await producer.publish(TOPICS.ask, s, ask(run, i, `${run}-${s}`));
    }));
    await eventually(async () => expect(received).toHaveLength(60), 30_000);
    for (const s of sessions) {
      const order = received.filter((m) => m.sessionId === `${run}-${s}`).map((m) => m.question);
      expect(order).toEqual(Array.from({ length: 20 }, (_, i) => `q${i}`));
    }
  });

  it('skips a message whose request id the group already handled', async () => {
    const run = randomUUID().slice(0, 8);
    const handled: string[] = [];
    const b = bus(`dedupe-${run}`);
    b.subscribe<AskMessage>(TOPICS.ask, async (m) => {
      if (m.requestId.startsWith(run)) handled.push(m.requestId);
    });
    await b.connect();
    await b.start();
    await b.publish(TOPICS.ask, 'k', ask(run, 1));
    await b.publish(TOPICS.ask, 'k', ask(run, 1));
    await b.publish(TOPICS.ask, 'k', ask(run, 2));
    await eventually(async () => expect(handled).toEqual([`${run}-1`, `${run}-2`]), 30_000);
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(handled).toEqual([`${run}-1`, `${run}-2`]);
  });

  it('retries a failing handler with backoff and counts the retries', async () => {
    const run = randomUUID().slice(0, 8);
    const registry = new Registry();
    const attempts: number[] = [];
    const b = bus(`retry-${run}`, { metrics: new TransportMetrics(registry) });
    b.subscribe<AskMessage>(TOPICS.ask, async (m) => {
      if (!m.requestId.startsWith(run)) return;
      attempts.push(Date.now());
      if (attempts.length < 3) throw new Error('transient');
    });
    await b.connect();
    await b.start();
    await b.publish(TOPICS.ask, 'k', ask(run, 1));
    await eventually(async () => expect(attempts).toHaveLength(3), 30_000);
    expect(attempts[2] - attempts[0]).toBeGreaterThanOrEqual(20);
    const metrics = await registry.metrics();
    expect(metrics).toMatch(/chatbi_bus_retries_total\{topic="chatbi.ask"\} 2/);
    expect(metrics).toMatch(/chatbi_bus_handled_total\{topic="chatbi.ask",outcome="retried_ok"\} 1/);
  });

  it('sets a message that keeps failing aside on the dead-letter topic and tells the asker', async () => {
    const run = randomUUID().slice(0, 8);
    const failing = bus(`dlq-${run}`);
    failing.subscribe<AskMessage>(TOPICS.ask, async (m) => {
      if (m.requestId.startsWith(run)) throw new Error('the planner is broken');
    });
    const letters: DeadLetter[] = [];
    const failures: FailedMessage[] = [];
    const watcher = bus(`dlq-watch-${run}`);
    watcher.subscribe<DeadLetter>(TOPICS.deadLetter, async (l) => {
      if (l.value?.includes(run)) letters.push(l);
    });
    watcher.subscribe<FailedMessage>(TOPICS.failed, async (f) => {
      if (f.requestId.startsWith(run)) failures.push(f);
    });
    await Promise.all([failing.connect(), watcher.connect()]);
    await Promise.all([failing.start(), watcher.start()]);
    await failing.publish(TOPICS.ask, 'k', ask(run, 1));
    await eventually(async () => {
      expect(letters).toHaveLength(1);
      expect(failures).toHaveLength(1);
    }, 30_000);
    expect(letters[0]).toMatchObject({ topic: TOPICS.ask, attempts: 3, consumer: `chatbi.dlq-${run}.${TOPICS.ask}` });
    expect(letters[0].error).toContain('the planner is broken');
    expect(JSON.parse(letters[0].value!).requestId).toBe(`${run}-1`);
    expect(failures[0].error.code).toBe('INTERNAL');
    expect(failures[0].error.message).toContain(TOPICS.deadLetter);
  });

  it('shares a topic among the instances of a service, and broadcasts a broadcast topic to each', async () => {
    const run = randomUUID().slice(0, 8);
    const shared = new Map<string, string[]>();
    const broadcast = new Map<string, string[]>();
    const instances = ['one', 'two'].map((name) => {
      const b = bus(`group-${run}`, { instanceId: name, broadcastTopics: [TOPICS.answered] });
      shared.set(name, []);
      broadcast.set(name, []);
      b.subscribe<AskMessage>(TOPICS.ask, async (m) => {
        if (m.requestId.startsWith(run)) shared.get(name)!.push(m.requestId);
      });
      b.subscribe<AskMessage>(TOPICS.answered, async (m) => {
        if (m.requestId.startsWith(run)) broadcast.get(name)!.push(m.requestId);
      });
      return b;
    });
    await Promise.all(instances.map((b) => b.connect()));
    await Promise.all(instances.map((b) => b.start()));
    await eventually(async () => expect(instances.every((b) => b.ready())).toBe(true), 30_000);
    for (let i = 0; i < 40; i++) await instances[0].publish(TOPICS.ask, `${run}-${i % 8}`, ask(run, i, `${run}-${i % 8}`));
    for (let i = 0; i < 5; i++) await instances[0].publish(TOPICS.answered, 'k', ask(run, 100 + i));
    await eventually(async () => {
      expect(shared.get('one')!.length + shared.get('two')!.length).toBe(40);
      expect(broadcast.get('one')).toHaveLength(5);
      expect(broadcast.get('two')).toHaveLength(5);
    }, 30_000);
    expect(new Set([...shared.get('one')!, ...shared.get('two')!]).size).toBe(40);
  });

  it('drains on close: a message being handled finishes before close() returns', async () => {
    const run = randomUUID().slice(0, 8);
    let started = false;
    let finished = false;
    const b = bus(`drain-${run}`);
    b.subscribe<AskMessage>(TOPICS.ask, async (m) => {
      if (!m.requestId.startsWith(run)) return;
      started = true;
      await new Promise((resolve) => setTimeout(resolve, 1_500));
      finished = true;
    });
    await b.connect();
    await b.start();
    await b.publish(TOPICS.ask, 'k', ask(run, 1));
    await eventually(async () => expect(started).toBe(true), 30_000);
    await b.close();
    expect(finished).toBe(true);
    expect(b.status().consumers[TOPICS.ask].state).toBe('stopped');
  });

  it('commits what it handled when it closes, so that the next instance of the group starts after it', async () => {
    const run = randomUUID().slice(0, 8);
    const first: string[] = [];
    const second: string[] = [];
    let lastStarted = false;
    const one = bus(`handover-${run}`);
    one.subscribe<AskMessage>(TOPICS.ask, async (m) => {
      if (!m.requestId.startsWith(run)) return;
      // The last one is still being handled when close() is called.
      if (m.question === 'q9') {
        lastStarted = true;
        await new Promise((resolve) => setTimeout(resolve, 1_000));
      }
      first.push(m.question);
    });
    await one.connect();
    await one.start();
    for (let i = 0; i < 10; i++) await one.publish(TOPICS.ask, `k${i % 3}`, ask(run, i));
    await eventually(async () => expect({ handled: first.length, lastStarted }).toEqual({ handled: 9, lastStarted: true }), 30_000);
    await one.close();
    expect(first).toHaveLength(10);

    // Same group, new instance, its own memory of receipts: only what the group did not commit would reach it.
    const two = bus(`handover-${run}`);
    two.subscribe<AskMessage>(TOPICS.ask, async (m) => {
      if (m.requestId.startsWith(run)) second.push(m.question);
    });
    await two.connect();
    await two.start();
    await two.publish(TOPICS.ask, 'k0', ask(run, 10));
    await eventually(async () => expect(second).toEqual(['q10']), 30_000);
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(second).toEqual(['q10']);
  });
});
