import { Kafka, logLevel } from 'kafkajs';
import { TOPICS, type KafkaAskReply } from '@chatbi/contracts';
import { SERVICE_NAMES } from '../apps/chatbi/src/distributed/distributed.config';
import { startDistributedEnvironment, type DistributedEnvironment } from '../apps/chatbi/src/distributed/testing/distributed-environment';
import { KafkaApiClient, askHttp } from './distributed-clients';
import { eventually } from './eventually';

jest.setTimeout(400_000);

const ASK_TIMEOUT_MS = 40_000;
const QUESTIONS = [
  'DAU of the main app over the last 7 days',
  'DAU of the lite app yesterday',
  '上周主版分操作系统的DAU',
  'DAU of the main app by operating system over the last 3 days',
];

/**
 * Faults in distributed mode, on a real broker and real processes: a service killed in the middle of
 * a burst and restarted, and the broker restarted. Every question is answered or fails with a clear
 * error (a timeout, or PIPELINE_UNAVAILABLE once dialogue knows the killed stage is down); none is
 * answered twice; none is lost.
 */
describe('distributed mode under faults', () => {
  let env: DistributedEnvironment;
  let client: KafkaApiClient;
  /** Every chatbi.answered message, counted by request id, read by a plain consumer (no de-duplication). */
  const answered = new Map<string, number>();
  let stopWatching: () => Promise<void>;

  beforeAll(async () => {
    env = await startDistributedEnvironment({ fromSource: true, env: { CHATBI_ASK_TIMEOUT_MS: String(ASK_TIMEOUT_MS) } });
    client = new KafkaApiClient(env.broker.brokers);
    await client.start();
    const kafka = new Kafka({ brokers: [env.broker.brokers], logLevel: logLevel.NOTHING, retry: { retries: 20, maxRetryTime: 2_000 } });
    const consumer = kafka.consumer({ groupId: 'e2e-answered-watch', sessionTimeout: 6_000, heartbeatInterval: 1_000 });
    await consumer.connect();
    await consumer.subscribe({ topic: TOPICS.answered, fromBeginning: true });
    await consumer.run({
      eachMessage: async ({ message }) => {
        const id = JSON.parse(message.value!.toString()).requestId as string;
        answered.set(id, (answered.get(id) ?? 0) + 1);
      },
    });
    stopWatching = () => consumer.disconnect();
  });

  afterAll(async () => {
    await stopWatching?.();
    await client?.close();
    await env?.stop();
  });

  async function allHealthy(): Promise<void> {
    await eventually(async () => {
      expect(client.ready()).toBe(true);
      for (const name of SERVICE_NAMES) {
        const response = await fetch(`${env.cluster.url(name)}/health`);
        const body = (await response.json()) as { kafka: unknown };
        expect({ name, status: response.status, kafka: response.status === 200 ? 'ok' : body.kafka }).toEqual({ name, status: 200, kafka: 'ok' });
      }
    }, 90_000);
  }

  function expectAnsweredOrTimedOut(reply: KafkaAskReply): void {
    if (reply.ok) expect(reply.answer.rows.length).toBeGreaterThan(0);
    else expect(['PIPELINE_TIMEOUT', 'PIPELINE_UNAVAILABLE']).toContain(reply.error.code);
  }

  it('answers every question of a burst once when json-planner is killed in the middle and restarted', async () => {
    const burst = Array.from({ length: 80 }, (_, i) => ({ requestId: `burst-${i}`, question: QUESTIONS[i % QUESTIONS.length], sessionId: `burst-s${i}` }));
    const httpAnswers: Promise<{ status: number; json: any }>[] = [];
    for (const [i, request] of burst.entries()) {
      await client.send(request, request.sessionId);
      if (i % 4 === 0) httpAnswers.push(askHttp(env.cluster.url('dialogue'), { question: request.question, sessionId: `burst-http-${i}` }));
    }
    // Kill json-planner once the first answers are back, with most of the burst still in the pipeline.
    await eventually(async () => expect(client.replies.size).toBeGreaterThanOrEqual(5), 60_000);
    const answeredBeforeKill = client.replies.size;
    await env.cluster.kill('json-planner');
    await env.cluster.start('json-planner');
    expect(answeredBeforeKill).toBeLessThan(burst.length / 2);

    const replies = await Promise.all(burst.map((r) => client.reply(r.requestId, ASK_TIMEOUT_MS + 60_000)));
    replies.forEach(expectAnsweredOrTimedOut);
    const answeredOk = replies.filter((r) => r.ok).length;
    expect(answeredOk).toBeGreaterThan(burst.length / 2);

    for (const response of await Promise.all(httpAnswers)) {
      if (response.status === 200) expect(response.json.rows.length).toBeGreaterThan(0);
      else expect([{ status: 504, code: 'PIPELINE_TIMEOUT' }, { status: 503, code: 'PIPELINE_UNAVAILABLE' }]).toContainEqual({ status: response.status, code: response.json.error.code });
    }

    // Let redeliveries, if any, come through before counting.
    await new Promise((resolve) => setTimeout(resolve, 3_000));
    for (const r of burst) expect({ id: r.requestId, replies: client.replies.get(r.requestId)!.length }).toEqual({ id: r.requestId, replies: 1 });
    const twice = [...answered.entries()].filter(([, n]) => n > 1);
    expect(twice).toEqual([]);
    const duplicatesSkipped = await (await fetch(`${env.cluster.url('json-planner')}/metrics`)).text();
    expect(duplicatesSkipped).toContain('chatbi_bus_handled_total');
  });

  // After a broker restart kafkajs may give a consumer up for good ("Failed to find group coordinator"
  // while the broker is still down) or leave it rejoining; the bus replaces a consumer that is out of
  // its group for longer than a rebalance may take, so every service gets back into its groups.
  it('keeps answering after the broker restarts; questions asked while it is down fail with a clear timeout or are answered', async () => {
    await allHealthy();
    const down = env.broker.restart({ downMs: 3_000 });
    await new Promise((resolve) => setTimeout(resolve, 500));
    const during = await Promise.all(
      QUESTIONS.map((question, i) => askHttp(env.cluster.url('dialogue'), { question, sessionId: `during-${i}` })),
    );
    await down;
    for (const response of during) {
      if (response.status === 200) expect(response.json.rows.length).toBeGreaterThan(0);
      else expect({ status: response.status, code: response.json.error.code }).toEqual({ status: 504, code: 'PIPELINE_TIMEOUT' });
    }
    await allHealthy();

    const after = [];
    for (const question of ['DAU of the main app over the last 7 days', 'what about the lite app?']) {
      after.push(await askHttp(env.cluster.url('dialogue'), { question, sessionId: 'after-restart' }));
    }
    expect(after.map((r) => r.status)).toEqual([200, 200]);
    expect(after[1].json.plan.filters).toEqual([{ column: 'app_name', op: '=', value: 'lite' }]);

    await client.send({ requestId: 'after-restart-kafka', question: QUESTIONS[0], sessionId: 'after-restart-kafka' }, 'after-restart-kafka');
    expect((await client.reply('after-restart-kafka')).ok).toBe(true);

    // Nothing was answered twice: not the questions asked while the broker was down, nor any other.
    await new Promise((resolve) => setTimeout(resolve, 3_000));
    expect(client.replies.get('after-restart-kafka')).toHaveLength(1);
    expect([...answered.entries()].filter(([, n]) => n > 1)).toEqual([]);
  });
});
