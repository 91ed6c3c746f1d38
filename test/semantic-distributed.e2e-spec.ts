import { randomUUID } from 'node:crypto';
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { INestApplication } from '@nestjs/common';
import { DuckDBInstance } from '@duckdb/node-api';
import { DEFAULT_SEMANTIC_OPTIONS, KafkaCascadeExecutor, type CascadeJudges } from '@chatbi/cascade-runner';
import { ClaudeOracle, OnlineLogisticProxy } from '@chatbi/cascades';
import { TOPICS, type AskResponse, type SemanticDecisionsMessage, type SemanticProgress, type SemanticRowsMessage } from '@chatbi/contracts';
import { KafkaBus } from '@chatbi/transport';
import { loadConfig } from '../apps/chatbi/src/config/chatbi.config';
import { createEmbeddedApp } from '../apps/chatbi/src/embedded-runtime';
import { SERVICE_NAMES } from '../apps/chatbi/src/distributed/distributed.config';
import { startDistributedEnvironment, type DistributedEnvironment } from '../apps/chatbi/src/distributed/testing/distributed-environment';
import type { ServiceProcess } from '../apps/chatbi/src/distributed/testing/service-cluster';
import { MessagesApiStandIn, rowsOf, type StandInReply, type StandInRequest } from '../libs/cascades/src/testing/messages-api.stand-in';
import { askHttp } from './distributed-clients';
import { feedbackCount, keptIds, loginFeedbackIds, setF1 } from './login-feedback.truth';
import { eventually } from './eventually';

jest.setTimeout(600_000);

const QUESTION = 'how many feedback messages in the last 12 months complained about login?';
const PARTITIONS = 4;
const SEMANTIC_SETTINGS = { CHATBI_SEMANTIC_ALGORITHM: 'gamcal', CHATBI_SEMANTIC_PARTITIONS: String(PARTITIONS), CHATBI_SEMANTIC_SEED: '42' };

/**
 * Semantic operators in distributed mode: a real KRaft broker, a real PostgreSQL, the services as
 * processes and TWO cascade-runner workers in one consumer group of chatbi.semantic-rows. The LLM
 * oracle is the only stand-in: a local server speaking the Messages API per worker (so that the
 * requests of each are told apart), answering each row from the demo data's gold feedback_category,
 * looked up by the row's text. The same question is asked of an embedded app on the same warehouse.
 */
describe('semantic operators over Kafka: one cascade per partition, two workers', () => {
  /** feedback_text -> feedback_category: every text of the demo belongs to one category. */
  const categoryOfText = new Map<string, string>();
  let oracleDelayMs = 0;
  const goldJudge = (request: StandInRequest): StandInReply => {
    if (request.body.tool_choice?.name !== 'record_verdicts') return { status: 400 };
    return { toolInput: { verdicts: rowsOf(request).map((r) => ({ row: r.row, verdict: categoryOfText.get(r.text) === 'login' })) }, delayMs: oracleDelayMs };
  };
  const standIns: MessagesApiStandIn[] = [];
  let env: DistributedEnvironment;
  const workers: ServiceProcess[] = [];
  let observer: KafkaBus;
  /** An owner of jobs in this process, on the observer's bus: the workers judge its rows like any other. */
  let owner: KafkaCascadeExecutor;
  const rowsSeen: SemanticRowsMessage[] = [];
  const decisionsSeen: SemanticDecisionsMessage[] = [];
  let embedded: INestApplication;
  let embeddedBase: string;
  let embeddedDir: string;

  beforeAll(async () => {
    const [workerA, workerB, forEmbedded] = await Promise.all([0, 1, 2].map(() => MessagesApiStandIn.start(goldJudge)));
    standIns.push(workerA, workerB, forEmbedded);
    // Only the cascade-runners get an Anthropic key: the planner stays the offline one, as in embedded mode below.
    env = await startDistributedEnvironment({
      fromSource: true,
      services: SERVICE_NAMES.filter((s) => s !== 'cascade-runner'),
      // As many Kafka partitions as cascade partitions: the group's round-robin gives each worker two of them.
      env: { ...SEMANTIC_SETTINGS, CHATBI_KAFKA_PARTITIONS: String(PARTITIONS), CHATBI_ASK_TIMEOUT_MS: '240000', CHATBI_SEMANTIC_TIMEOUT_MS: '200000' },
    });
    for (const standIn of [workerA, workerB]) {
      workers.push(await env.cluster.start('cascade-runner', { ANTHROPIC_API_KEY: standIn.apiKey, CHATBI_ANTHROPIC_BASE_URL: standIn.baseURL }));
    }

    observer = new KafkaBus({
      brokers: [env.broker.brokers],
      service: 'semantic-observer',
      instanceId: randomUUID().slice(0, 8),
      broadcastTopics: [TOPICS.semanticRows, TOPICS.semanticDecisions],
    });
    observer.subscribe<SemanticRowsMessage>(TOPICS.semanticRows, async (m) => void rowsSeen.push(m));
    owner = new KafkaCascadeExecutor(observer, { instanceId: 'test-owner' });
    observer.subscribe<SemanticDecisionsMessage>(TOPICS.semanticDecisions, async (m) => {
      decisionsSeen.push(m);
      owner.onDecisions(m);
    });
    await observer.connect();
    await observer.start();

    // Every process is forked: this one may open DuckDB now.
    for (const row of await readWarehouse('SELECT DISTINCT feedback_text AS t, feedback_category AS c FROM user_feedback', [])) {
      categoryOfText.set(String(row.t), String(row.c));
    }
    embeddedDir = mkdtempSync(join(tmpdir(), 'chatbi-semantic-embedded-'));
    const config = loadConfig({ CHATBI_DATA_DIR: embeddedDir, CHATBI_WAREHOUSE_FILE: env.warehouseFile, CHATBI_MODELS_DIR: join(env.dataDir, 'models'), ...SEMANTIC_SETTINGS });
    // What cascadeJudgesFor builds from a key, pointed at the embedded app's own stand-in.
    const judges: CascadeJudges = {
      forTask: () => ({
        oracle: new ClaudeOracle({ apiKey: forEmbedded.apiKey, baseURL: forEmbedded.baseURL, model: config.CHATBI_SEMANTIC_ORACLE_MODEL, timeoutMs: 30_000 }),
        proxy: (partition) => new OnlineLogisticProxy({ seed: config.CHATBI_SEMANTIC_SEED + partition }),
      }),
    };
    embedded = await createEmbeddedApp(config, { logLevels: ['error'], cascadeJudges: judges });
    await embedded.listen(0, '127.0.0.1');
    embeddedBase = `http://127.0.0.1:${(embedded.getHttpServer().address() as { port: number }).port}`;
  });

  afterAll(async () => {
    await observer?.close();
    await embedded?.close();
    // The cluster keeps one process per service name: the first worker is stopped here.
    await Promise.all(
      workers.map(async (w) => {
        w.child.kill('SIGTERM');
        const timer = setTimeout(() => w.child.kill('SIGKILL'), 30_000);
        await w.exited;
        clearTimeout(timer);
      }),
    );
    await env?.stop();
    await Promise.all(standIns.map((s) => s.stop()));
    if (embeddedDir) rmSync(embeddedDir, { recursive: true, force: true });
  });

  async function readWarehouse(sql: string, params: unknown[]): Promise<Record<string, unknown>[]> {
    const instance = await DuckDBInstance.create(env.warehouseFile, { access_mode: 'READ_ONLY' });
    const connection = await instance.connect();
    const reader = await connection.runAndReadAll(sql, params as never);
    const rows = reader.getRowObjectsJson() as Record<string, unknown>[];
    connection.closeSync();
    instance.closeSync();
    return rows;
  }

  const loginIds = (answer: AskResponse) => loginFeedbackIds(answer, readWarehouse);
  const oracleRows = (standIn: MessagesApiStandIn) => standIn.requests.reduce((n, r) => n + rowsOf(r).length, 0);

  /** A job of `count` demo feedback texts owned by this process: the workers judge it like any other. */
  function ownJob(prefix: string, count: number, partitions: number, alpha: number, timeoutMs: number) {
    const texts = [...categoryOfText.keys()];
    const rows = Array.from({ length: count }, (_, i) => ({ id: `${prefix}-${i}`, text: texts[i % texts.length] }));
    const jobId = `${prefix}-${randomUUID()}`;
    const outcome = owner.run(rows, {
      jobId,
      requestId: jobId,
      task: { kind: 'filter', instruction: 'complains about login' },
      judges: { oracle: new ClaudeOracle({ apiKey: 'unused', baseURL: standIns[2].baseURL }), proxy: () => new OnlineLogisticProxy({ seed: 1 }) },
      options: { ...DEFAULT_SEMANTIC_OPTIONS, partitions, algorithm: { kind: 'gamcal', alpha }, timeoutMs },
      signal: AbortSignal.timeout(timeoutMs),
      onProgress: () => undefined,
    });
    return { rows, jobId, outcome };
  }

  it('answers with each partition judged by one worker, no row twice, the count of embedded mode, and fewer oracle calls than rows', async () => {
    // The caller names its request and polls its progress at the HTTP edge (dialogue) while it runs.
    const requestId = `semantic-progress-${randomUUID()}`;
    const progressUrl = `${env.cluster.url('dialogue')}/api/ask/${requestId}/progress`;
    const polled: SemanticProgress[] = [];
    let asking = true;
    const polling = (async () => {
      while (asking) {
        const snapshot = (await (await fetch(progressUrl)).json()) as SemanticProgress;
        if (snapshot.state !== 'pending') polled.push(snapshot);
        await new Promise((r) => setTimeout(r, 100));
      }
    })();
    const distributed = await askHttp(env.cluster.url('dialogue'), { question: QUESTION, sessionId: 'semantic-distributed', requestId }).finally(() => (asking = false));
    await polling;
    expect({ status: distributed.status, error: distributed.json.error }).toEqual({ status: 200, error: undefined });
    const answer = distributed.json as AskResponse;
    const [report] = answer.semantic!;
    expect(report).toMatchObject({ op: 'ai_filter', algorithm: 'gamcal', oracle: 'claude', proxy: 'online-logistic', partitions: PARTITIONS, undecided: 0 });
    expect(report.rowsIn).toBeGreaterThan(500);
    expect(report.oracleCalls).toBeLessThan(report.rowsIn);

    // The cascade-runner that owned the job relayed its progress; the last snapshot is the answer's.
    const last = await eventually(async () => {
      const snapshot = (await (await fetch(progressUrl)).json()) as SemanticProgress;
      expect(snapshot.state).toBe('done');
      return snapshot;
    });
    expect(last).toMatchObject({ requestId, rowsSeen: report.rowsIn, oracleCalls: report.oracleCalls, undecided: 0 });
    expect(last.thresholds).toHaveLength(PARTITIONS);
    for (let i = 1; i < polled.length; i++) expect(polled[i].rowsSeen).toBeGreaterThanOrEqual(polled[i - 1].rowsSeen);

    // What went over the broker: one job, every partition of it judged by exactly one worker, each row once.
    const jobs = new Set(rowsSeen.map((m) => m.jobId));
    expect(jobs.size).toBe(1);
    const [jobId] = jobs;
    const decided = decisionsSeen.filter((m) => m.jobId === jobId);
    const workerOf = new Map<number, Set<string>>();
    for (const m of decided) workerOf.set(m.partition, new Set([...(workerOf.get(m.partition) ?? []), m.worker]));
    expect([...workerOf.keys()].sort()).toEqual(Array.from({ length: PARTITIONS }, (_, p) => p));
    expect([...workerOf.values()].every((w) => w.size === 1)).toBe(true);
    // Both workers took part, two partitions each.
    const partitionsOf = (instance: string) => [...workerOf].filter(([, w]) => w.has(instance)).length;
    expect(workers.map((w) => partitionsOf(w.instance))).toEqual([2, 2]);
    const judgedIds = decided.flatMap((m) => m.decisions.map((d) => d.id));
    expect(new Set(judgedIds).size).toBe(judgedIds.length);
    expect(judgedIds.length).toBe(report.rowsIn);
    const sentIds = rowsSeen.flatMap((m) => m.rows.map((r) => r.id));
    expect(new Set(judgedIds)).toEqual(new Set(sentIds));
    // The last batch of each partition says how many rows it got; each partition had its share of the budget.
    const lastBatches = rowsSeen.filter((m) => m.last);
    expect(lastBatches.reduce((n, m) => n + m.rowCount!, 0)).toBe(report.rowsIn);
    expect(lastBatches.reduce((n, m) => n + m.budget.maxOracleCalls, 0)).toBe(2_000);

    // Each worker asked its own oracle; together exactly the calls the answer reports.
    const [askedByA, askedByB] = [oracleRows(standIns[0]), oracleRows(standIns[1])];
    expect(askedByA).toBeGreaterThan(0);
    expect(askedByB).toBeGreaterThan(0);
    expect(askedByA + askedByB).toBe(report.oracleCalls);

    // The same question in embedded mode, and the truth by SQL on the gold category.
    const local = await askHttp(embeddedBase, { question: QUESTION, sessionId: 'semantic-embedded' });
    expect(local.status).toBe(200);
    const expected = local.json as AskResponse;
    expect(answer.plan).toEqual(expected.plan);
    const truth = await loginIds(answer);
    const tolerance = Math.max(1, 0.1 * truth.size);
    expect(Math.abs(feedbackCount(answer) - feedbackCount(expected))).toBeLessThanOrEqual(tolerance);
    expect(Math.abs(feedbackCount(answer) - truth.size)).toBeLessThanOrEqual(tolerance);
    expect(setF1(keptIds(answer), truth)).toBeGreaterThanOrEqual(0.9);
    process.stdout.write(
      `semantic-distributed: rows ${report.rowsIn}, oracle calls ${report.oracleCalls} (A ${askedByA}, B ${askedByB}), count ${feedbackCount(answer)}, embedded ${feedbackCount(expected)} with ${expected.semantic![0].oracleCalls} calls, truth ${truth.size}\n`,
    );
  });

  it('judges a redelivered rows batch once: neither the bus receipt nor the worker lets it through again', async () => {
    const original = rowsSeen.find((m) => m.sequence === 0)!;
    const before = decisionsSeen.length;
    const oracleBefore = oracleRows(standIns[0]) + oracleRows(standIns[1]);
    const target = { key: `${original.jobId}/${original.partition}`, partition: original.partition };
    // The same message again: skipped by the group's receipt of its id.
    await observer.publishTo(TOPICS.semanticRows, original, { ...target, messageId: `${original.jobId}/${original.partition}/0` });
    // The same batch under a new message id (as a producer retry could make it): the worker knows the partition finished.
    await observer.publishTo(TOPICS.semanticRows, original, { ...target, messageId: `${original.jobId}/${original.partition}/0/again` });
    // A control on the same partition after them: a new job, judged and answered, so the two above were read.
    const control: SemanticRowsMessage = { ...original, jobId: `control-${randomUUID()}`, last: true, rowCount: original.rows.length };
    await observer.publishTo(TOPICS.semanticRows, control, { key: `${control.jobId}/${control.partition}`, partition: control.partition, messageId: `${control.jobId}/${control.partition}/0` });
    await eventually(async () => expect(decisionsSeen.some((m) => m.jobId === control.jobId && m.done)).toBe(true), 60_000);
    const after = decisionsSeen.slice(before);
    expect(after.filter((m) => m.jobId === original.jobId)).toEqual([]);
    expect(after.filter((m) => m.jobId === control.jobId).flatMap((m) => m.decisions)).toHaveLength(original.rows.length);
    // Only the control reached an oracle.
    expect(oracleRows(standIns[0]) + oracleRows(standIns[1]) - oracleBefore).toBeLessThanOrEqual(original.rows.length);
    const logs = readdirSync(join(env.dataDir, 'logs'))
      .filter((f) => f.startsWith('cascade-runner'))
      .map((f) => readFileSync(join(env.dataDir, 'logs', f), 'utf8'))
      .join('\n');
    expect(logs).toContain(`job ${original.jobId}: batch 0 of partition ${original.partition} came again after the partition finished`);
  });

  it('answers at the deadline with the rows not decided by then undecided and why, and the workers stop judging', async () => {
    oracleDelayMs = 5_000;
    try {
      const timeoutMs = 2_000;
      const started = Date.now();
      const job = ownJob('late', 300, 2, 0.05, timeoutMs);
      const { rows, jobId } = job;
      const outcome = await job.outcome;
      // The oracle answers after 5 s: the owner does not wait for it.
      expect(Date.now() - started).toBeLessThan(4_500);
      expect(outcome.decisions).toHaveLength(rows.length);
      expect(outcome.undecided).toBe(rows.length);
      expect(new Set(outcome.decisions.map((d) => d.reason))).toEqual(new Set(['the cascade timed out after 2 s']));
      // Each worker gives up its partition at the same deadline and says so.
      await eventually(async () => {
        const ends = decisionsSeen.filter((m) => m.jobId === jobId && m.done);
        expect(ends.map((m) => m.partition).sort()).toEqual([0, 1]);
        expect(ends.every((m) => /timed out/.test(m.error ?? ''))).toBe(true);
      }, 30_000);
    } finally {
      oracleDelayMs = 0;
    }
  });

  // Last: it kills the second worker.
  it('moves a killed worker\'s partitions to the other worker mid-job: every row decided once, none lost', async () => {
    oracleDelayMs = 300;
    try {
      // 500 rows a partition: three batches each, so a partition can move between two of them.
      const { rows, jobId, outcome: running } = ownJob('moved', 2_000, PARTITIONS, 0.2, 180_000);
      const [survivor, victim] = workers;
      // The victim has answered a first batch: then it dies without a goodbye, in the middle of the job.
      await eventually(async () => expect(decisionsSeen.some((m) => m.jobId === jobId && m.worker === victim.instance)).toBe(true), 60_000);
      victim.child.kill('SIGKILL');
      await victim.exited;

      const outcome = await running;
      expect(outcome.decisions).toHaveLength(rows.length);
      expect(new Set(outcome.decisions.map((d) => d.id)).size).toBe(rows.length);
      // Every partition finished; those the victim had started, the survivor finished after the group rebalanced.
      const mine = decisionsSeen.filter((m) => m.jobId === jobId);
      const ends = mine.filter((m) => m.done);
      expect([...new Set(ends.map((m) => m.partition))].sort()).toEqual(Array.from({ length: PARTITIONS }, (_, p) => p));
      const moved = [...new Set(mine.filter((m) => m.worker === victim.instance).map((m) => m.partition))].filter((p) => !ends.some((m) => m.partition === p && m.worker === victim.instance));
      expect(moved.length).toBeGreaterThan(0);
      for (const partition of moved) expect(ends.some((m) => m.partition === partition && m.worker === survivor.instance)).toBe(true);
      // Rows the victim held undecided when it died may end undecided, with the reason; the rest were judged.
      const undecided = outcome.decisions.filter((d) => d.by === 'undecided');
      expect(undecided.length).toBeLessThan(rows.length / 4);
      expect(undecided.every((d) => (d.reason ?? '').length > 0)).toBe(true);
      process.stdout.write(`semantic-distributed, worker killed: ${rows.length} rows, ${undecided.length} undecided, partitions moved mid-job ${moved.join(', ')}\n`);
    } finally {
      oracleDelayMs = 0;
    }
  });
});
