import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import type { INestApplication } from '@nestjs/common';
import { loadConfig } from '../../apps/chatbi/src/config/chatbi.config';
import { createEmbeddedApp } from '../../apps/chatbi/src/embedded-runtime';
import { startDistributedEnvironment } from '../../apps/chatbi/src/distributed/testing/distributed-environment';
import { SERVICE_NAMES } from '../../apps/chatbi/src/distributed/distributed.config';
import { printTable, writeResult } from '../bench-report';
import { brokerRequestsByApi } from './broker-requests';
import { cpuSeconds } from './process-cpu';

/**
 * Embedded vs distributed (six processes over a real Kafka broker): end-to-end ask latency over
 * HTTP with the offline planner, p50/p95 with and without warehouse time, and throughput with 1, 8
 * and 64 concurrent sessions. Both modes run in the same run on the same demo warehouse file.
 *
 *   npm run bench -- kafka [--latency-asks 200] [--seconds 10] [--cpu-prof <dir>]
 *
 * --cpu-prof writes a V8 CPU profile of every service (node --cpu-prof) into <dir> when they stop.
 */

/** Conversations a session cycles through: complete questions and follow-ups, English and Chinese. */
const CONVERSATION = [
  'DAU of the main app over the last 7 days',
  'what about the lite app?',
  '上周主版分操作系统的DAU',
  'DAU of the main app by operating system over the last 3 days',
  'DAU of the lite app yesterday',
  '近7天主版DAU',
];

/** How long distributed mode's idle cost is measured. */
const IDLE_SECONDS = 5;

interface Sample {
  ms: number;
  warehouseMs: number;
  ok: boolean;
}

export async function run(args: string[]): Promise<void> {
  const latencyAsks = numberArg(args, '--latency-asks', 200);
  const seconds = numberArg(args, '--seconds', 10);
  const concurrencies = [1, 8, 64];
  const profileDir = stringArg(args, '--cpu-prof');

  process.stdout.write('starting Kafka, PostgreSQL, the demo warehouse and six services...\n');
  const started = performance.now();
  const env = await startDistributedEnvironment({
    fromSource: false,
    env: { CHATBI_ASK_TIMEOUT_MS: '60000' },
    nodeArgs: profileDir ? ['--cpu-prof', `--cpu-prof-dir=${profileDir}`] : undefined,
  });
  process.stdout.write(`distributed mode up in ${((performance.now() - started) / 1000).toFixed(1)} s\n`);
  const embeddedDir = mkdtempSync(join(tmpdir(), 'chatbi-bench-embedded-'));
  let embedded: INestApplication | undefined;
  try {
    // Opened after the services were forked: this process now holds DuckDB.
    embedded = await createEmbeddedApp(loadConfig({ CHATBI_DATA_DIR: embeddedDir, CHATBI_WAREHOUSE_FILE: env.warehouseFile }), { logLevels: ['error'] });
    await embedded.listen(0, '127.0.0.1');
    const targets = {
      embedded: `http://127.0.0.1:${(embedded.getHttpServer().address() as { port: number }).port}`,
      kafka: env.cluster.url('dialogue'),
    };

    const latency: Record<string, ReturnType<typeof summarize>> = {};
    const qps: Record<string, Record<string, number>> = { embedded: {}, kafka: {} };
    const cpuPerQuestion: Record<string, Record<string, number>> = { embedded: {}, kafka: {} };
    // CPU time of everything that serves a question (this process is the HTTP client in both modes
    // and the whole embedded app; in distributed mode the six services and the broker too).
    const processes: Record<string, () => Record<string, number | undefined>> = {
      embedded: () => ({ 'bench + app': process.pid }),
      kafka: () => ({
        'bench client': process.pid,
        ...Object.fromEntries(SERVICE_NAMES.map((name) => [name, env.cluster.get(name).pid])),
        broker: env.broker.pid,
      }),
    };
    const cpuByProcess: Record<string, Record<string, number>> = {};
    const serviceUrls = () => SERVICE_NAMES.map((name) => env.cluster.url(name));
    let requestsPerQuestion: Record<string, number> = {};
    const errors: Record<string, number> = { embedded: 0, kafka: 0 };
    // What distributed mode costs with no questions at all (consumer polls, heartbeats, the broker's own timers).
    const idleBefore = cpuSecondsByProcess(processes.kafka());
    await new Promise((resolve) => setTimeout(resolve, IDLE_SECONDS * 1000));
    const idleAfter = cpuSecondsByProcess(processes.kafka());
    const idlePercent = Object.fromEntries(Object.keys(idleAfter).map((name) => [name, round(((idleAfter[name] - (idleBefore[name] ?? 0)) / IDLE_SECONDS) * 100)]));
    for (const [mode, base] of Object.entries(targets)) {
      await sessionLoop(base, `warm-${mode}`, 30);
      const samples = await sessionLoop(base, `latency-${mode}`, latencyAsks);
      latency[mode] = summarize(samples);
      errors[mode] += samples.filter((s) => !s.ok).length;
      for (const c of concurrencies) {
        const top = c === Math.max(...concurrencies);
        const requestsBefore = mode === 'kafka' && top ? await brokerRequestsByApi(serviceUrls()) : {};
        const before = cpuSecondsByProcess(processes[mode]());
        const result = await throughput(base, `${mode}-c${c}`, c, seconds * 1000);
        const after = cpuSecondsByProcess(processes[mode]());
        if (mode === 'kafka' && top) {
          const requestsAfter = await brokerRequestsByApi(serviceUrls());
          requestsPerQuestion = Object.fromEntries(
            Object.entries(requestsAfter)
              .map(([api, n]) => [api, result.answered > 0 ? Math.round(((n - (requestsBefore[api] ?? 0)) / result.answered) * 100) / 100 : 0] as const)
              .filter(([, n]) => n > 0)
              .sort((a, b) => b[1] - a[1]),
          );
        }
        const perQuestion = (seconds: number) => (result.answered > 0 ? round((seconds * 1000) / result.answered) : 0);
        const used = Object.fromEntries(Object.keys(after).map((name) => [name, after[name] - (before[name] ?? 0)]));
        qps[mode][String(c)] = result.qps;
        cpuPerQuestion[mode][String(c)] = perQuestion(Object.values(used).reduce((a, b) => a + b, 0));
        if (top) cpuByProcess[mode] = Object.fromEntries(Object.entries(used).map(([name, s]) => [name, perQuestion(s)]));
        errors[mode] += result.errors;
      }
    }

    printTable('End-to-end ask latency over HTTP, one session, offline planner (ms)', Object.entries(latency).map(([mode, l]) => ({ mode, ...l })));
    printTable(
      `Throughput: questions answered per second, ${seconds} s per level`,
      Object.entries(qps).map(([mode, byC]) => ({ mode, ...Object.fromEntries(Object.entries(byC).map(([c, v]) => [`${c} sessions`, v])) })),
    );
    printTable(
      'CPU per question answered (ms; all processes serving it, PostgreSQL excluded): what the 2 cores can sustain, whoever else is using them',
      Object.entries(cpuPerQuestion).map(([mode, byC]) => ({ mode, ...Object.fromEntries(Object.entries(byC).map(([c, v]) => [`${c} sessions`, v])) })),
    );
    for (const [mode, byProcess] of Object.entries(cpuByProcess)) {
      printTable(`${mode}: CPU per question answered by process at ${Math.max(...concurrencies)} sessions (ms)`, [byProcess]);
    }
    printTable(`kafka, idle: CPU % of one core by process over ${IDLE_SECONDS} s without questions`, [idlePercent]);
    printTable(`kafka: broker requests per question answered at ${Math.max(...concurrencies)} sessions, all services, by API`, [requestsPerQuestion]);
    process.stdout.write(`errors: embedded ${errors.embedded}, kafka ${errors.kafka}; load average at the end ${loadavg()[0].toFixed(1)} on ${cpus().length} cores\n`);
    writeResult('kafka', {
      setup: {
        questions: CONVERSATION,
        latencyAsks,
        secondsPerLevel: seconds,
        transport: 'HTTP into the embedded app vs HTTP into dialogue, six Node processes over one local KRaft broker (Kafka 3.9.1), PostgreSQL 15 receipts',
        warehouse: 'demo small, DuckDB read-only',
      },
      embedded: {
        p50_ms: latency.embedded.p50_ms,
        p95_ms: latency.embedded.p95_ms,
        p95_ex_warehouse_ms: latency.embedded.p95_ex_warehouse_ms,
        qps_by_concurrency: qps.embedded,
        cpu_ms_per_question_by_concurrency: cpuPerQuestion.embedded,
      },
      kafka: {
        p50_ms: latency.kafka.p50_ms,
        p95_ms: latency.kafka.p95_ms,
        p95_ex_warehouse_ms: latency.kafka.p95_ex_warehouse_ms,
        p50_ex_warehouse_ms: latency.kafka.p50_ex_warehouse_ms,
        qps_by_concurrency: qps.kafka,
        cpu_ms_per_question_by_concurrency: cpuPerQuestion.kafka,
        cpu_ms_per_question_by_process_at_64: cpuByProcess.kafka,
        broker_requests_per_question_at_64: requestsPerQuestion,
        idle_cpu_percent_by_process: idlePercent,
      },
      loadAverageAtEnd: round(loadavg()[0]),
      errors,
      targets: { kafka_p95_ex_warehouse_ms: 150, kafka_qps_at_64: 200 },
    });
  } finally {
    await embedded?.close();
    await env.stop();
    rmSync(embeddedDir, { recursive: true, force: true });
  }
}

/** One session asking the conversation in a loop, one question at a time. */
async function sessionLoop(base: string, session: string, asks: number, until = Infinity): Promise<Sample[]> {
  const samples: Sample[] = [];
  for (let i = 0; i < asks && performance.now() < until; i++) {
    const question = CONVERSATION[i % CONVERSATION.length];
    const t = performance.now();
    const response = await fetch(`${base}/api/ask`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ question, sessionId: `${session}-${Math.floor(i / CONVERSATION.length)}` }),
    });
    const body = (await response.json()) as { timings?: Record<string, number> };
    samples.push({ ms: performance.now() - t, warehouseMs: body.timings?.['cascade-runner'] ?? 0, ok: response.status === 200 });
  }
  return samples;
}

async function throughput(base: string, label: string, sessions: number, durationMs: number): Promise<{ qps: number; answered: number; errors: number }> {
  const start = performance.now();
  const until = start + durationMs;
  const results = await Promise.all(Array.from({ length: sessions }, (_, s) => sessionLoop(base, `${label}-s${s}`, Number.MAX_SAFE_INTEGER, until)));
  const elapsed = (performance.now() - start) / 1000;
  const all = results.flat();
  const answered = all.filter((s) => s.ok).length;
  return { qps: Math.round((answered / elapsed) * 10) / 10, answered, errors: all.filter((s) => !s.ok).length };
}

function summarize(samples: Sample[]) {
  const total = samples.map((s) => s.ms);
  const exWarehouse = samples.map((s) => s.ms - s.warehouseMs);
  return {
    asks: samples.length,
    p50_ms: round(percentile(total, 50)),
    p95_ms: round(percentile(total, 95)),
    p50_ex_warehouse_ms: round(percentile(exWarehouse, 50)),
    p95_ex_warehouse_ms: round(percentile(exWarehouse, 95)),
  };
}

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];
}

function round(n: number): number {
  return Math.round(n * 10) / 10;
}

/** CPU seconds used so far by each named process (0 for one that is gone). */
function cpuSecondsByProcess(pids: Record<string, number | undefined>): Record<string, number> {
  return Object.fromEntries(Object.entries(pids).map(([name, pid]) => [name, pid === undefined ? 0 : (cpuSeconds(pid) ?? 0)]));
}

function stringArg(args: string[], name: string): string | undefined {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
}

function numberArg(args: string[], name: string, fallback: number): number {
  const i = args.indexOf(name);
  return i >= 0 && args[i + 1] ? Number(args[i + 1]) : fallback;
}
