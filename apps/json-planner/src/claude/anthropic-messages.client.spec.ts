import { CatalogLoader, type Catalog } from '@chatbi/catalog';
import { DEMO_CATALOG_DIR } from '@chatbi/demo-world';
import { buildPlanPrompt } from '../llm/plan-prompt.builder';
import { PLAN_TOOL_NAME, planTool } from '../llm/plan-tool.schema';
import { options } from '../llm/testing/provider-harness';
import { AnthropicMessagesClient, type ClaudeMessage } from './anthropic-messages.client';
import { FakeMessagesApi, toolUse } from './testing/fake-messages-api.server';

jest.setTimeout(60_000);

const catalog: Catalog = new CatalogLoader().loadDirectory(DEMO_CATALOG_DIR);

/** What a planning turn on a view sends, through the client, to a local Messages API server. */
function turn(view: string, question: string) {
  const v = catalog.view(view)!;
  return { prompt: buildPlanPrompt({ question, view: v, catalog, today: '2026-11-18' }), tool: planTool(v, catalog), deadline: Date.now() + 5_000 };
}

describe('AnthropicMessagesClient and the prompt cache', () => {
  let api: FakeMessagesApi;
  let client: AnthropicMessagesClient;

  beforeAll(async () => {
    api = await FakeMessagesApi.start('sk-test');
    client = new AnthropicMessagesClient(options(api));
  });
  afterAll(() => api.stop());
  afterEach(() => {
    api.reset();
    api.clearCache();
  });

  const plan = { view: 'user_activity_daily', metrics: [{ column: 'dau' }] };

  it('sends the tool, then the system prompt closing the fixed prefix with the one cache breakpoint, then the question', async () => {
    api.reply(toolUse(PLAN_TOOL_NAME, plan));
    const request = turn('user_activity_daily', 'DAU yesterday');
    await client.send(request);
    const body = api.requests[0].body;
    expect(Object.keys(body)).toEqual(['model', 'max_tokens', 'tools', 'tool_choice', 'system', 'messages']);
    expect(body.tools).toEqual([{ name: PLAN_TOOL_NAME, description: request.tool.description, input_schema: request.tool.parameters }]);
    expect(body.tool_choice).toEqual({ type: 'tool', name: PLAN_TOOL_NAME });
    expect(body.system).toEqual([{ type: 'text', text: request.prompt.system, cache_control: { type: 'ephemeral' } }]);
    expect(body.messages).toEqual([{ role: 'user', content: request.prompt.user }]);
  });

  it('writes the prefix on a view\'s first question and reads it on the next; another view writes its own', async () => {
    api.reply(toolUse(PLAN_TOOL_NAME, plan), toolUse(PLAN_TOOL_NAME, plan), toolUse(PLAN_TOOL_NAME, plan));
    const first = await client.send(turn('user_activity_daily', 'DAU yesterday'));
    const second = await client.send(turn('user_activity_daily', 'DAU of the main app by city over the last 7 days'));
    const other = await client.send(turn('video_play_daily', 'video views yesterday'));

    expect(first.usage.cacheWrite).toBeGreaterThan(1_024);
    expect(first.usage).toMatchObject({ cacheRead: 0, output: 120 });
    expect(second.usage).toMatchObject({ cacheRead: first.usage.cacheWrite, cacheWrite: 0 });
    // Only the question part is billed in full, and it grows with the question.
    expect(second.usage.input).toBeGreaterThan(first.usage.input);
    expect(second.usage.input).toBeLessThan(first.usage.cacheWrite / 4);
    expect(other.usage).toMatchObject({ cacheRead: 0 });
    expect(other.usage.cacheWrite).toBeGreaterThan(1_024);
  });

  it('pays the full rate for a prefix shorter than the model caches', async () => {
    const strict = await FakeMessagesApi.start('sk-test', { minCacheableTokens: 100_000 });
    try {
      strict.reply(toolUse(PLAN_TOOL_NAME, plan), toolUse(PLAN_TOOL_NAME, plan));
      const shortPrefix = new AnthropicMessagesClient(options(strict));
      await shortPrefix.send(turn('user_activity_daily', 'DAU yesterday'));
      const again = await shortPrefix.send(turn('user_activity_daily', 'DAU yesterday'));
      expect(again.usage).toMatchObject({ cacheRead: 0, cacheWrite: 0 });
      expect(again.usage.input).toBeGreaterThan(1_024);
    } finally {
      await strict.stop();
    }
  });

  it('answers a refused tool call with a tool_result that is an error, after the prefix it can read from the cache', async () => {
    api.reply(toolUse(PLAN_TOOL_NAME, { view: 'x' }), toolUse(PLAN_TOOL_NAME, plan));
    const request = turn('user_activity_daily', 'DAU yesterday');
    const refused = await client.send(request);
    const repaired = await client.send({ ...request, repair: { answer: refused, errors: ['view: must be user_activity_daily'] } });
    const messages = api.requests[1].body.messages;
    const call = (refused.message as ClaudeMessage).content[0] as { id: string };
    expect(messages.map((m: { role: string }) => m.role)).toEqual(['user', 'assistant', 'user']);
    expect(messages[2].content).toEqual([
      { type: 'tool_result', tool_use_id: call.id, is_error: true, content: `The plan is invalid:\n- view: must be user_activity_daily\nCall ${PLAN_TOOL_NAME} again with a corrected plan.` },
    ]);
    expect(repaired.usage.cacheRead).toBe(refused.usage.cacheWrite);
  });
});
