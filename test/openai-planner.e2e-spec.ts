import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { INestApplication } from '@nestjs/common';
import type { AskResponse } from '@chatbi/contracts';
import { PLAN_TOOL_NAME } from '@chatbi/json-planner';
import { loadConfig } from '../apps/chatbi/src/config/chatbi.config';
import { createEmbeddedApp } from '../apps/chatbi/src/embedded-runtime';
import { FakeChatCompletionsApi, chatError, functionCall } from '../apps/json-planner/src/openai/testing/fake-chat-completions-api.server';

jest.setTimeout(180_000);

/**
 * The embedded app configured as a team running its own model would configure it (an
 * OpenAI-compatible endpoint, no Anthropic key), its planner talking to a local chat-completions server.
 */
describe('embedded app with the OpenAI-compatible planner', () => {
  let dataDir: string;
  let api: FakeChatCompletionsApi;
  let app: INestApplication;
  let base: string;

  beforeAll(async () => {
    api = await FakeChatCompletionsApi.start('local-key');
    dataDir = mkdtempSync(join(tmpdir(), 'chatbi-openai-e2e-'));
    const config = loadConfig({
      CHATBI_DATA_DIR: dataDir,
      CHATBI_OPENAI_BASE_URL: api.baseURL,
      CHATBI_OPENAI_MODEL: 'Qwen/Qwen2.5-7B-Instruct',
      CHATBI_OPENAI_API_KEY: 'local-key',
      CHATBI_PLANNER_TIMEOUT_MS: '5000',
    });
    app = await createEmbeddedApp(config, { logLevels: ['error'] });
    await app.listen(0, '127.0.0.1');
    base = `http://127.0.0.1:${(app.getHttpServer().address() as { port: number }).port}`;
  });

  afterAll(async () => {
    await app?.close();
    await api?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  afterEach(() => api.reset());

  async function ask(question: string): Promise<{ status: number; answer: AskResponse }> {
    const response = await fetch(`${base}/api/ask`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ question }),
    });
    return { status: response.status, answer: (await response.json()) as AskResponse };
  }

  const weeklyActiveByOs = {
    view: 'user_activity_daily',
    metrics: [{ column: 'dau' }],
    dimensions: ['os'],
    time: { column: 'event_day', range: { kind: 'point', unit: 'week', offset: -1 } },
    filters: [{ column: 'app_name', op: '=', value: 'main' }],
  };

  it('answers with the plan the model filled, the tokens the server counted, and the prefix it cached', async () => {
    api.reply(functionCall(PLAN_TOOL_NAME, weeklyActiveByOs, 70), functionCall(PLAN_TOOL_NAME, { ...weeklyActiveByOs, dimensions: ['city'] }, 75));
    const first = await ask('active users of the main app per OS last week');
    expect(first.status).toBe(200);
    expect(first.answer.planner.planner).toBe('openai');
    expect(first.answer.rows.map((r) => r.os).sort()).toEqual(['android', 'harmony', 'ios']);
    const { body } = api.requests[0];
    expect(body.model).toBe('Qwen/Qwen2.5-7B-Instruct');
    expect(body.tool_choice).toEqual({ type: 'function', function: { name: PLAN_TOOL_NAME } });
    expect(first.answer.tokens).toEqual({ input: api.requests[0].reply.usage.prompt_tokens, output: 70, cacheRead: 0, cacheWrite: 0 });

    const second = await ask('active users of the main app per city last week');
    expect(second.answer.plan.dimensions).toEqual(['city']);
    expect(second.answer.tokens!.cacheRead).toBeGreaterThan(second.answer.tokens!.input);
  });

  it('keeps answering from the offline planner when the server keeps failing, and says so', async () => {
    api.reply(chatError(503, 'model loading'), chatError(503, 'model loading'), chatError(503, 'model loading'));
    const { status, answer } = await ask('DAU of the main app over the last 7 days');
    expect(status).toBe(200);
    expect(answer.planner.planner).toBe('offline');
    expect(answer.rows).toHaveLength(7);
    expect(answer.warnings).toEqual(expect.arrayContaining([expect.stringMatching(/OpenAI-compatible planner got server errors from the chat-completions endpoint \(503\)/)]));
  });
});
