import { copyFileSync, mkdirSync, readFileSync, readdirSync, renameSync } from 'node:fs';
import { join } from 'node:path';
import { Kafka, logLevel, type Admin, type Consumer } from 'kafkajs';
import { TOPICS, type KafkaAskReply } from '@chatbi/contracts';
import { SERVICE_NAMES } from '../apps/chatbi/src/distributed/distributed.config';
import { startDistributedEnvironment, type DistributedEnvironment } from '../apps/chatbi/src/distributed/testing/distributed-environment';
import type { ServiceProcess } from '../apps/chatbi/src/distributed/testing/service-cluster';
import { GrpcClient, KafkaApiClient, askHttp } from './distributed-clients';
import { eventually } from './eventually';

jest.setTimeout(600_000);

interface Sample {
  name: string;
  labels: Record<string, string>;
  value: number;
}

/** The samples of a Prometheus text exposition (label order is the client's, so read them by name). */
function samples(text: string): Sample[] {
  return [...text.matchAll(/^([a-z_:]+)\{([^}]*)\} (\S+)$/gm)].map(([, name, labels, value]) => ({
    name,
    labels: Object.fromEntries([...labels.matchAll(/([a-z_]+)="([^"]*)"/g)].map(([, k, v]) => [k, v])),
    value: Number(value),
  }));
}

/** The sum of the samples of one metric whose labels include these. */
function valueOf(text: string, name: string, labels: Record<string, string> = {}): number {
  return samples(text)
    .filter((s) => s.name === name && Object.entries(labels).every(([k, v]) => s.labels[k] === v))
    .reduce((sum, s) => sum + s.value, 0);
}

const QUESTION = 'DAU of the main app over the last 7 days';
/** dialogue counts a stage down after this long without a ready heartbeat (heartbeats every second here). */
const SILENT_AFTER_MS = 4_000;

/**
 * What an operator relies on, on a real broker, PostgreSQL and service processes: readiness that
 * tells the truth (and a service that is not ready takes no work), a fast clear error when a stage
 * is down, a repeated Kafka request id answered again, metrics that count every answer, JSON logs.
 */
describe('distributed mode operations', () => {
  let env: DistributedEnvironment;
  let client: KafkaApiClient;
  let admin: Admin;
  /** Every message on chatbi.api.replies, as a product line's own consumer sees them (no de-duplication). */
  const rawReplies: KafkaAskReply[] = [];
  let repliesConsumer: Consumer;

  beforeAll(async () => {
    // Everything but cascade-runner: the first test starts it without its warehouse.
    env = await startDistributedEnvironment({
      fromSource: true,
      services: SERVICE_NAMES.filter((s) => s !== 'cascade-runner'),
      env: { CHATBI_HEARTBEAT_INTERVAL_MS: '1000', CHATBI_STAGE_SILENT_AFTER_MS: String(SILENT_AFTER_MS), CHATBI_ASK_TIMEOUT_MS: '60000' },
    });
    client = new KafkaApiClient(env.broker.brokers);
    await client.start();
    const kafka = new Kafka({ brokers: [env.broker.brokers], logLevel: logLevel.NOTHING });
    admin = kafka.admin();
    await admin.connect();
    repliesConsumer = kafka.consumer({ groupId: 'e2e-raw-replies', sessionTimeout: 6_000, heartbeatInterval: 1_000 });
    await repliesConsumer.connect();
    await repliesConsumer.subscribe({ topic: TOPICS.apiReplies, fromBeginning: true });
    await repliesConsumer.run({ eachMessage: async ({ message }) => void rawReplies.push(JSON.parse(message.value!.toString()) as KafkaAskReply) });
  });

  afterAll(async () => {
    await repliesConsumer?.disconnect();
    await admin?.disconnect();
    await client?.close();
    await env?.stop();
  });

  async function readiness(name: string): Promise<{ status: number; body: any }> {
    const response = await fetch(`${env.cluster.url(name as never)}/health/ready`);
    return { status: response.status, body: await response.json() };
  }

  async function groupMembers(group: string): Promise<string[]> {
    const { groups } = await admin.describeGroups([group]);
    return groups[0].members.map((m) => m.clientId);
  }

  async function timedAsk(body: unknown): Promise<{ status: number; json: any; ms: number }> {
    const started = performance.now();
    const response = await askHttp(env.cluster.url('dialogue'), body);
    return { ...response, ms: performance.now() - started };
  }

  it('a cascade-runner whose warehouse is missing is live, not ready, takes no partitions, and dialogue says so at once; it joins once the file appears', async () => {
    const lateDir = join(env.dataDir, 'late');
    mkdirSync(lateDir);
    const lateFile = join(lateDir, 'warehouse.duckdb');
    const runner: ServiceProcess = await env.cluster.start('cascade-runner', { CHATBI_WAREHOUSE_FILE: lateFile }, 'listening');
    const base = env.cluster.url('cascade-runner');

    expect((await fetch(`${base}/health/live`)).status).toBe(200);
    const notReady = await readiness('cascade-runner');
    expect(notReady).toMatchObject({ status: 503, body: { status: 'starting', checks: { warehouse: { ok: false }, metadata: { ok: true } } } });
    expect(notReady.body.checks.warehouse.detail).toContain('warehouse.duckdb');
    // It stays out of its consumer groups, so the questions wait on Kafka for an instance that can run them.
    await new Promise((resolve) => setTimeout(resolve, 3_000));
    for (const topic of [TOPICS.rendered, TOPICS.semanticRows]) expect({ topic, members: await groupMembers(`chatbi.cascade-runner.${topic}`) }).toEqual({ topic, members: [] });

    // dialogue has heard no ready cascade-runner: not ready, and a question is refused at once, naming it.
    await eventually(async () => expect((await readiness('dialogue')).body.checks.stages).toEqual({ ok: false, detail: 'no ready instance of cascade-runner' }), 30_000);
    const refused = await timedAsk({ question: QUESTION });
    expect({ status: refused.status, code: refused.json.error.code, stages: refused.json.error.details.stages }).toEqual({ status: 503, code: 'PIPELINE_UNAVAILABLE', stages: ['cascade-runner'] });
    expect(refused.json.error.message).toContain('cascade-runner');
    expect(refused.ms).toBeLessThan(2_000);

    // The warehouse appears (whole, by a rename): the instance joins its groups and serves.
    copyFileSync(env.warehouseFile, `${lateFile}.tmp`);
    renameSync(`${lateFile}.tmp`, lateFile);
    await eventually(async () => expect((await readiness('cascade-runner')).status).toBe(200), 60_000);
    expect(await groupMembers(`chatbi.cascade-runner.${TOPICS.rendered}`)).toEqual([`chatbi-cascade-runner-${runner.instance}`]);
    await eventually(async () => expect((await readiness('dialogue')).status).toBe(200), 30_000);
    const answered = await askHttp(env.cluster.url('dialogue'), { question: QUESTION });
    expect(answered.status).toBe(200);
    expect(answered.json.rows).toHaveLength(7);
  });

  it('a killed view-selector makes dialogue not ready within seconds, and callers get PIPELINE_UNAVAILABLE at once; all is well again after a restart', async () => {
    await env.cluster.kill('view-selector');
    const killedAt = performance.now();
    await eventually(async () => expect((await readiness('dialogue')).body.checks.stages).toEqual({ ok: false, detail: 'no ready instance of view-selector' }), 20_000);
    const noticedAfterMs = performance.now() - killedAt;
    expect(noticedAfterMs).toBeLessThan(SILENT_AFTER_MS + 3_000);
    expect((await readiness('dialogue')).status).toBe(503);

    const http = await timedAsk({ question: QUESTION });
    expect({ status: http.status, code: http.json.error.code, stages: http.json.error.details.stages, fast: http.ms < 2_000 }).toEqual({ status: 503, code: 'PIPELINE_UNAVAILABLE', stages: ['view-selector'], fast: true });
    const grpc = new GrpcClient(`127.0.0.1:${env.cluster.get('dialogue').ports.grpc}`);
    try {
      expect(await grpc.ask({ question: QUESTION })).toMatchObject({ status: 'error', code: 'PIPELINE_UNAVAILABLE', grpcCode: 14 });
    } finally {
      grpc.close();
    }
    await client.send({ requestId: 'while-down-1', question: QUESTION }, 'while-down-1');
    expect(await client.reply('while-down-1', 10_000)).toMatchObject({ ok: false, error: { code: 'PIPELINE_UNAVAILABLE' } });

    await env.cluster.start('view-selector');
    await eventually(async () => expect((await readiness('dialogue')).status).toBe(200), 30_000);
    expect((await askHttp(env.cluster.url('dialogue'), { question: QUESTION })).status).toBe(200);
    // A failure worth retrying is not kept: the same request id asked again now is answered.
    await client.send({ requestId: 'while-down-1', question: QUESTION }, 'while-down-1');
    await eventually(async () => expect(rawReplies.filter((r) => r.requestId === 'while-down-1').map((r) => r.ok)).toEqual([false, true]), 60_000);
  });

  it('answers a repeated Kafka API request id (and gRPC one) with the same reply, without asking the pipeline again', async () => {
    const asksPublished = async () => valueOf(await (await fetch(`${env.cluster.url('dialogue')}/metrics`)).text(), 'chatbi_bus_published_total', { topic: TOPICS.ask });
    const request = { requestId: 'lost-reply-1', question: QUESTION, sessionId: 'lost-reply' };
    await client.send(request, request.sessionId);
    await eventually(async () => expect(rawReplies.filter((r) => r.requestId === request.requestId)).toHaveLength(1), 60_000);
    const before = await asksPublished();
    await client.send(request, request.sessionId);
    await eventually(async () => expect(rawReplies.filter((r) => r.requestId === request.requestId)).toHaveLength(2), 30_000);
    const [first, again] = rawReplies.filter((r) => r.requestId === request.requestId);
    expect(first.ok).toBe(true);
    expect(again).toEqual(first);
    expect(await asksPublished()).toBe(before);

    const grpc = new GrpcClient(`127.0.0.1:${env.cluster.get('dialogue').ports.grpc}`);
    try {
      const one = await grpc.ask({ question: QUESTION, requestId: 'grpc-retry-1' });
      const two = await grpc.ask({ question: QUESTION, requestId: 'grpc-retry-1' });
      expect(one.status).toBe('ok');
      expect(two).toEqual(one);
    } finally {
      grpc.close();
    }
  });

  it('counts every answer of a burst by API and code, times them, and reports consumer lag', async () => {
    const scrape = async () => (await fetch(`${env.cluster.url('dialogue')}/metrics`)).text();
    const answers = (text: string) => new Map(samples(text).filter((s) => s.name === 'chatbi_answers_total').map((s) => [`${s.labels.entry} ${s.labels.code}`, s.value]));
    const before = answers(await scrape());
    const questions = [QUESTION, '   ', 'Quelle est la météo à Paris demain ?', 'DAU of the lite app yesterday', 'what about Tianjin?'];
    const expected = new Map<string, number>();
    const count = (key: string) => expected.set(key, (expected.get(key) ?? 0) + 1);

    const kafkaIds = questions.flatMap((question, i) => [0, 1].map((n) => ({ requestId: `burst-metrics-${i}-${n}`, question, sessionId: `burst-metrics-${i}-${n}` })));
    await Promise.all(kafkaIds.map((r) => client.send(r, r.sessionId)));
    await client.send({ requestId: 'burst-metrics-bad', question: QUESTION, sessionId: 'not valid!' }, 'bad');
    const http = await Promise.all(questions.map((question, i) => askHttp(env.cluster.url('dialogue'), { question, sessionId: `burst-http-${i}` })));
    for (const r of http) count(`http ${r.status === 200 ? 'OK' : r.json.error.code}`);
    for (const id of [...kafkaIds.map((r) => r.requestId), 'burst-metrics-bad']) {
      const reply = await client.reply(id);
      count(`kafka ${reply.ok ? 'OK' : reply.error.code}`);
    }
    expect(expected.get('kafka INVALID_REQUEST')).toBe(1);
    expect(expected.get('http QUESTION_EMPTY')).toBe(1);
    expect(expected.get('http OK')).toBeGreaterThanOrEqual(2);

    const text = await scrape();
    const after = answers(text);
    const delta = new Map([...after].map(([key, value]) => [key, value - (before.get(key) ?? 0)]).filter(([, d]) => d !== 0) as [string, number][]);
    expect(Object.fromEntries(delta)).toEqual(Object.fromEntries(expected));
    for (const entry of ['http', 'kafka', 'grpc']) {
      const answered = valueOf(text, 'chatbi_answers_total', { entry });
      expect({ entry, timed: valueOf(text, 'chatbi_answer_duration_seconds_count', { entry }) }).toEqual({ entry, timed: answered });
    }
    for (const stage of ['dialogue', 'view-selector', 'json-planner', 'sql-templater', 'cascade-runner']) {
      expect({ stage, timed: valueOf(text, 'chatbi_stage_duration_seconds_count', { stage }) > 0 }).toEqual({ stage, timed: true });
    }
    const lags = samples(text).filter((s) => s.name === 'chatbi_kafka_consumer_lag');
    expect(lags.find((s) => s.labels.group === 'chatbi.dialogue.chatbi.api.requests')).toMatchObject({ labels: { topic: TOPICS.apiRequests }, value: expect.any(Number) });
    // Every request of the burst was handled and committed: the group's lag comes back to 0.
    await eventually(async () => expect(valueOf(await scrape(), 'chatbi_kafka_consumer_lag', { group: 'chatbi.dialogue.chatbi.api.requests' })).toBe(0), 10_000);
    const planner = samples(await (await fetch(`${env.cluster.url('json-planner')}/metrics`)).text());
    expect(planner.find((s) => s.name === 'chatbi_kafka_consumer_lag' && s.labels.group === 'chatbi.json-planner.chatbi.view-selected')).toMatchObject({ labels: { topic: TOPICS.viewSelected } });
  });

  it('logs JSON lines without colour codes off a terminal, and no broker start-up noise at error level', () => {
    const logs = readdirSync(join(env.dataDir, 'logs')).map((f) => readFileSync(join(env.dataDir, 'logs', f), 'utf8'));
    const lines = logs.flatMap((l) => l.split('\n')).filter((l) => l.length > 0 && !l.startsWith('chatbi-service-'));
    expect(lines.length).toBeGreaterThan(20);
    const records = lines.map((line) => {
      try {
        return JSON.parse(line) as { level: string; message: unknown };
      } catch {
        return { level: 'not JSON', message: line };
      }
    });
    expect(records.filter((r) => r.level === 'not JSON')).toEqual([]);
    expect(lines.filter((l) => l.includes('\u001b['))).toEqual([]);
    expect(records.filter((r) => r.level === 'error' && /coordinator|leader/i.test(String(r.message)))).toEqual([]);
  });
});
