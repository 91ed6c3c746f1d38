import { join } from 'node:path';
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import type { INestApplication } from '@nestjs/common';
import { Client } from 'pg';
import type { AskResponse } from '@chatbi/contracts';
import { loadConfig } from '../apps/chatbi/src/config/chatbi.config';
import { createEmbeddedApp } from '../apps/chatbi/src/embedded-runtime';
import { SERVICE_NAMES } from '../apps/chatbi/src/distributed/distributed.config';
import { startDistributedEnvironment, type DistributedEnvironment } from '../apps/chatbi/src/distributed/testing/distributed-environment';
import { GrpcClient, KafkaApiClient, askHttp, type Outcome } from './distributed-clients';
import { eventually } from './eventually';

jest.setTimeout(300_000);

const ROUNDS = ['DAU of the main app over the last 7 days', 'what about the lite app?', 'break it down by operating system'];

/** What must be the same whichever way the question came in. */
function essence(a: AskResponse) {
  return { resolvedQuestion: a.resolvedQuestion, view: a.view, plan: a.plan, sql: a.sql, sqlParams: a.sqlParams, columns: a.columns, rows: a.rows, chart: a.chart };
}

/**
 * Distributed mode end to end: a real Kafka broker, a real PostgreSQL and the six services as
 * separate processes, against the embedded app on the same warehouse file.
 */
describe('distributed mode: six services over Kafka', () => {
  let env: DistributedEnvironment;
  let embedded: INestApplication;
  let embeddedBase: string;
  let embeddedDir: string;
  let grpcClient: GrpcClient;
  let kafkaClient: KafkaApiClient;

  beforeAll(async () => {
    // The services are forked before this process opens DuckDB (the embedded app below).
    env = await startDistributedEnvironment({ fromSource: true });
    embeddedDir = mkdtempSync(join(tmpdir(), 'chatbi-embedded-'));
    // The embedded app reads the models the services trained into their shared directory.
    const shared = { CHATBI_MODELS_DIR: join(env.dataDir, 'models') };
    embedded = await createEmbeddedApp(loadConfig({ CHATBI_DATA_DIR: embeddedDir, CHATBI_WAREHOUSE_FILE: env.warehouseFile, ...shared }), { logLevels: ['error'] });
    await embedded.listen(0, '127.0.0.1');
    embeddedBase = `http://127.0.0.1:${(embedded.getHttpServer().address() as { port: number }).port}`;
    grpcClient = new GrpcClient(`127.0.0.1:${env.cluster.get('dialogue').ports.grpc}`);
    kafkaClient = new KafkaApiClient(env.broker.brokers);
    await kafkaClient.start();
  });

  afterAll(async () => {
    grpcClient?.close();
    await kafkaClient?.close();
    await embedded?.close();
    await env?.stop();
    if (embeddedDir) rmSync(embeddedDir, { recursive: true, force: true });
  });

  it('holds a three-round conversation over HTTP, gRPC and the Kafka request topic with the answers of embedded mode', async () => {
    const expected: AskResponse[] = [];
    for (const question of ROUNDS) {
      const { status, json } = await askHttp(embeddedBase, { question, sessionId: 'embedded' });
      expect({ question, status }).toEqual({ question, status: 200 });
      expected.push(json);
    }
    expect(expected[1].plan.filters).toEqual([{ column: 'app_name', op: '=', value: 'lite' }]);
    expect(expected[2].plan.dimensions).toContain('os');

    const http: AskResponse[] = [];
    for (const question of ROUNDS) {
      const { status, json } = await askHttp(env.cluster.url('dialogue'), { question, sessionId: 'over-http' });
      expect({ question, status, body: status === 200 ? 'answer' : json }).toEqual({ question, status: 200, body: 'answer' });
      http.push(json);
    }

    const chat = await grpcClient.chat(ROUNDS);
    expect(chat.map((o) => o.status)).toEqual(['ok', 'ok', 'ok']);
    expect(new Set(chat.map((o) => o.answer!.sessionId)).size).toBe(1);

    // All three rounds at once: the session key keeps them in order on one partition.
    const ids = ROUNDS.map((_, i) => `kafka-round-${i}`);
    for (const [i, question] of ROUNDS.entries()) await kafkaClient.send({ requestId: ids[i], question, sessionId: 'over-kafka' }, 'over-kafka');
    const replies = await Promise.all(ids.map((id) => kafkaClient.reply(id)));
    expect(replies.map((r) => r.ok)).toEqual([true, true, true]);
    const kafka = replies.map((r) => (r.ok ? r.answer : (undefined as never)));

    for (let round = 0; round < ROUNDS.length; round++) {
      const want = essence(expected[round]);
      expect(essence(http[round])).toEqual(want);
      expect(essence(chat[round].answer!)).toEqual(want);
      expect(essence(kafka[round])).toEqual(want);
    }
    expect(http[0].rows).toHaveLength(7);
    expect(http[0].timings).toHaveProperty('cascade-runner');
  });

  it('answers errors the same way on every API', async () => {
    const http = await askHttp(env.cluster.url('dialogue'), { question: '   ' });
    expect(http.status).toBe(400);
    expect(http.json.error.code).toBe('QUESTION_EMPTY');

    const grpcError = await grpcClient.ask({ question: 'Quelle est la météo à Paris demain ?' });
    expect(grpcError).toMatchObject({ status: 'error', code: 'NO_METRIC_FOUND', grpcCode: 9 });
    const grpcOk: Outcome = await grpcClient.ask({ question: 'DAU of the main app yesterday' });
    expect(grpcOk.answer!.rows).toHaveLength(1);

    await kafkaClient.send({ requestId: 'kafka-bad-1', question: 'DAU', sessionId: 'not valid!' }, 'bad');
    await kafkaClient.send({ requestId: 'kafka-empty-1', question: '' }, 'bad');
    const [bad, empty] = await Promise.all([kafkaClient.reply('kafka-bad-1'), kafkaClient.reply('kafka-empty-1')]);
    expect(bad).toMatchObject({ ok: false, error: { code: 'INVALID_REQUEST' } });
    expect(empty).toMatchObject({ ok: false, error: { code: 'QUESTION_EMPTY' } });
  });

  it('serves the trained models: trained once into the shared models directory, and both stages decided by them', async () => {
    const { models } = (await (await fetch(`${env.cluster.url('dialogue')}/api/models`)).json()) as { models: { kind: string; serving: boolean }[] };
    expect(models.map((m) => [m.kind, m.serving])).toEqual([['completeness', true], ['view-ranking', true]]);
    const logs = readdirSync(join(env.dataDir, 'logs')).map((f) => readFileSync(join(env.dataDir, 'logs', f), 'utf8')).join('\n');
    for (const kind of ['completeness', 'view-ranking']) {
      // dialogue and view-selector both need both models; whoever took the lock trained, the other loaded.
      expect({ kind, trained: logs.split(`Model ${kind}: trained`).length - 1, loaded: logs.split(`Model ${kind}: loaded from the cache`).length - 1 }).toEqual({ kind, trained: 1, loaded: 1 });
    }
    const first = await askHttp(env.cluster.url('dialogue'), { question: 'crash rate of the lite app last week', sessionId: 'models' });
    const followUp = await askHttp(env.cluster.url('dialogue'), { question: 'what about Android?', sessionId: 'models' });
    for (const answer of [first, followUp]) expect(answer.json.decidedBy).toEqual({ completeness: 'model', viewRanking: 'model' });
    expect(followUp.json.plan.filters).toEqual(expect.arrayContaining([{ column: 'os', op: '=', value: 'android' }, { column: 'app_name', op: '=', value: 'lite' }]));
  });

  it('serves /health and Prometheus /metrics on every service', async () => {
    for (const name of SERVICE_NAMES) {
      const health = await fetch(`${env.cluster.url(name)}/health`);
      expect({ name, status: health.status }).toEqual({ name, status: 200 });
      const body = (await health.json()) as any;
      expect(body).toMatchObject({ status: 'ok', service: name, kafka: { producer: 'connected' } });
      const metrics = await (await fetch(`${env.cluster.url(name)}/metrics`)).text();
      expect(metrics).toContain('chatbi_bus_consumer_joined');
      expect(metrics).toContain('process_cpu_seconds_total');
    }
    const planner = await (await fetch(`${env.cluster.url('json-planner')}/metrics`)).text();
    expect(planner).toMatch(/chatbi_bus_handled_total\{topic="chatbi.view-selected",outcome="ok",service="json-planner",instance="[^"]+"\} [1-9]/);
  });

  it('keeps metadata in PostgreSQL: schema from migrations, the catalog, hits and receipts', async () => {
    const db = new Client({ connectionString: env.postgres.url });
    await db.connect();
    try {
      const migrations = (await db.query('SELECT name FROM migrations ORDER BY id')).rows.map((r) => r.name);
      expect(migrations).toEqual(
        expect.arrayContaining(['CreateCatalogView1730000000000', 'CreateQuestionLog1730000000100', 'CreateMessageReceipt1730000000200', 'CreateConversationTurn1730000000500']),
      );
      // Conversations live in PostgreSQL too, so any dialogue instance can take up a session.
      expect((await db.query(`SELECT count(*)::int AS n FROM conversation_turn WHERE "sessionId" = 'over-http'`)).rows[0].n).toBe(3);
      expect((await db.query('SELECT count(*)::int AS n FROM catalog_view')).rows[0].n).toBeGreaterThanOrEqual(4);
      await eventually(async () => {
        const hits = await db.query(`SELECT count(*)::int AS n FROM question_log WHERE outcome = 'answered' AND "view" = 'user_activity_daily'`);
        expect(hits.rows[0].n).toBeGreaterThanOrEqual(9);
      }, 10_000);
      const receipts = await db.query('SELECT DISTINCT consumer FROM message_receipt ORDER BY consumer');
      expect(receipts.rows.map((r) => r.consumer)).toEqual(
        expect.arrayContaining(['chatbi.cascade-runner.chatbi.rendered', 'chatbi.dialogue.chatbi.ask', 'chatbi.json-planner.chatbi.view-selected']),
      );
    } finally {
      await db.end();
    }
  });

  it('drains on SIGTERM: a service that is asked to stop exits cleanly', async () => {
    expect(await env.cluster.terminate('view-advisor')).toBe(0);
  });
});
