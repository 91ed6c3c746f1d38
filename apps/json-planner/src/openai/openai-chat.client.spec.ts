import { CatalogLoader, type Catalog } from '@chatbi/catalog';
import { DEMO_CATALOG_DIR } from '@chatbi/demo-world';
import { buildPlanPrompt } from '../llm/plan-prompt.builder';
import { PLAN_TOOL_NAME, planTool } from '../llm/plan-tool.schema';
import { options } from '../llm/testing/provider-harness';
import { OpenAiChatClient } from './openai-chat.client';
import { FakeChatCompletionsApi, functionCall } from './testing/fake-chat-completions-api.server';

jest.setTimeout(60_000);

const catalog: Catalog = new CatalogLoader().loadDirectory(DEMO_CATALOG_DIR);
const view = catalog.view('user_activity_daily')!;
const turn = (question: string) => ({ prompt: buildPlanPrompt({ question, view, catalog, today: '2026-11-18' }), tool: planTool(view, catalog), deadline: Date.now() + 5_000 });

describe('OpenAiChatClient against a local chat-completions server, through the openai SDK', () => {
  let api: FakeChatCompletionsApi;
  let client: OpenAiChatClient;

  beforeAll(async () => {
    api = await FakeChatCompletionsApi.start('sk-test');
    client = new OpenAiChatClient(options(api, { maxResponseTokens: 512 }));
  });
  afterAll(() => api.stop());
  afterEach(() => {
    api.reset();
    api.clearCache();
  });

  const plan = { view: 'user_activity_daily', metrics: [{ column: 'dau' }] };

  it('sends the fixed system message, then the question, with the plan function forced', async () => {
    api.reply(functionCall(PLAN_TOOL_NAME, plan));
    const request = turn('DAU yesterday');
    const answer = await client.send(request);
    const { body, headers } = api.requests[0];
    expect(headers.authorization).toBe('Bearer sk-test');
    expect(body).toEqual({
      model: 'test-model',
      max_tokens: 512,
      messages: [
        { role: 'system', content: request.prompt.system },
        { role: 'user', content: request.prompt.user },
      ],
      tools: [{ type: 'function', function: { name: PLAN_TOOL_NAME, description: request.tool.description, parameters: request.tool.parameters } }],
      tool_choice: { type: 'function', function: { name: PLAN_TOOL_NAME } },
    });
    expect(answer.toolInput).toEqual({ ok: true, value: plan });
  });

  it('counts the prefix the server had cached as cache reads', async () => {
    api.reply(functionCall(PLAN_TOOL_NAME, plan, 30), functionCall(PLAN_TOOL_NAME, plan, 30));
    const first = await client.send(turn('DAU yesterday'));
    const second = await client.send(turn('DAU of the main app by city over the last 7 days'));
    const served = api.requests[1].reply.usage;
    expect(first.usage).toMatchObject({ cacheRead: 0, cacheWrite: 0, output: 30 });
    expect(second.usage).toEqual({ input: served.prompt_tokens - served.prompt_tokens_details.cached_tokens, output: 30, cacheRead: served.prompt_tokens_details.cached_tokens, cacheWrite: 0 });
    expect(second.usage.cacheRead).toBeGreaterThan(4 * second.usage.input);
  });

  it('takes arguments that are not JSON as an answer to repair, and repairs with the call echoed and a tool message', async () => {
    api.reply(functionCall(PLAN_TOOL_NAME, '{"view": "user_activity_daily", "metrics": [{"column": "dau"'), functionCall(PLAN_TOOL_NAME, plan));
    const request = turn('DAU yesterday');
    const broken = await client.send(request);
    expect(broken.toolInput).toEqual({ ok: false, error: `the arguments of ${PLAN_TOOL_NAME} are not JSON: call it with one JSON object` });
    const repaired = await client.send({ ...request, repair: { answer: broken, errors: [(broken.toolInput as { error: string }).error] } });
    expect(repaired.toolInput).toEqual({ ok: true, value: plan });
    const [, , assistant, tool] = api.requests[1].body.messages;
    expect(assistant).toMatchObject({ role: 'assistant', tool_calls: [{ type: 'function', function: { name: PLAN_TOOL_NAME } }] });
    expect(tool).toEqual({ role: 'tool', tool_call_id: assistant.tool_calls[0].id, content: expect.stringContaining('are not JSON') });
  });
});
