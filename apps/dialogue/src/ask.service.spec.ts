import { Registry } from 'prom-client';
import type { Principal } from '@chatbi/auth';
import { TOPICS, type AnsweredMessage, type AskMessage } from '@chatbi/contracts';
import { InProcessBus } from '@chatbi/transport';
import { AskService } from './ask.service';
import { InMemoryConversationStore } from './conversation.store';
import { AnswerMetrics } from './metrics/answer.metrics';
import { StageLiveness } from './stages/stage-liveness';

const alice: Principal = { user: 'alice', roles: [], attributes: {}, scopes: ['ask'], via: 'api-token' };
const bob: Principal = { ...alice, user: 'bob' };

/** AskService on the in-process bus, with the rest of the pipeline played by one handler that answers each question with its run number. */
function setUp(stages?: StageLiveness) {
  const bus = new InProcessBus();
  const registry = new Registry();
  const asked: AskMessage[] = [];
  const asks = new AskService(bus, { askTimeoutMs: 5_000 }, new InMemoryConversationStore(), undefined, null, stages, new AnswerMetrics(registry));
  bus.subscribe<AskMessage>(TOPICS.ask, async (message) => {
    asked.push(message);
    const answered = {
      ...message,
      resolvedQuestion: message.question,
      view: 'app_daily',
      plan: {},
      sql: { text: 'SELECT 1', params: [], dialect: 'duckdb' },
      columns: [],
      rows: [{ run: asked.length }],
      truncated: false,
      chart: { kind: 'table' },
      planner: { tokens: null },
      timings: { dialogue: 2, 'view-selector': 3, 'cascade-runner': 40 },
    } as unknown as AnsweredMessage;
    asks.settleAnswered(answered);
  });
  return { asks, asked, registry };
}

describe('AskService', () => {
  it('gives a caller who repeats a request id the same reply without asking again; another caller\'s same id is another question', async () => {
    const { asks, asked } = setUp();
    const first = await asks.ask({ question: 'DAU yesterday' }, alice, 'retry-1');
    const repeat = await asks.ask({ question: 'DAU yesterday' }, alice, 'retry-1');
    const bobs = await asks.ask({ question: 'DAU yesterday' }, bob, 'retry-1');
    expect(repeat).toEqual(first);
    expect(first).toMatchObject({ requestId: 'retry-1', rows: [{ run: 1 }] });
    expect(bobs).toMatchObject({ requestId: 'retry-1', rows: [{ run: 2 }] });
    expect(asked.map((m) => m.user)).toEqual(['alice', 'bob']);
    expect(asked[0].requestId).not.toBe(asked[1].requestId);
  });

  it('takes the request id from the body as well (HTTP, gRPC)', async () => {
    const { asks, asked } = setUp();
    await asks.ask({ question: 'DAU yesterday', requestId: 'http-retry-1' }, alice);
    await asks.ask({ question: 'DAU yesterday', requestId: 'http-retry-1' }, alice);
    expect(asked).toHaveLength(1);
  });

  it('asks again after a failure worth retrying, and replies a bad question\'s error again without asking', async () => {
    const { asks, asked } = setUp();
    await expect(asks.ask({ question: '   ' }, alice, 'empty-1')).rejects.toMatchObject({ code: 'QUESTION_EMPTY' });
    await expect(asks.ask({ question: '   ' }, alice, 'empty-1')).rejects.toMatchObject({ code: 'QUESTION_EMPTY' });
    expect(asked).toHaveLength(0);
  });

  it('refuses at once with PIPELINE_UNAVAILABLE when a stage downstream is down, handing nothing to the bus', async () => {
    const stages = new StageLiveness({ stages: ['view-selector'], silentAfterMs: 10, now: () => Date.now() });
    await new Promise((resolve) => setTimeout(resolve, 20));
    const { asks, asked } = setUp(stages);
    const started = performance.now();
    await expect(asks.ask({ question: 'DAU yesterday' }, alice, 'down-1')).rejects.toMatchObject({ code: 'PIPELINE_UNAVAILABLE', details: { stages: ['view-selector'] } });
    expect(performance.now() - started).toBeLessThan(1_000);
    expect(asked).toHaveLength(0);
    stages.seen({ service: 'view-selector', instance: 'vs-1', ready: true, failing: [], sentAt: '' });
    await expect(asks.ask({ question: 'DAU yesterday' }, alice, 'down-1')).resolves.toMatchObject({ rows: [{ run: 1 }] });
  });

  it('records each stage\'s time of the questions it answered', async () => {
    const { asks, registry } = setUp();
    await asks.ask({ question: 'DAU yesterday' }, alice);
    const text = await registry.metrics();
    expect(text).toContain('chatbi_stage_duration_seconds_count{stage="cascade-runner"} 1');
    expect(text).toContain('chatbi_stage_duration_seconds_sum{stage="cascade-runner"} 0.04');
  });
});
