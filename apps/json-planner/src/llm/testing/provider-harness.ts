import type { TokenUsage } from '@chatbi/contracts';
import type { LlmPlannerOptions } from '../../json-planner.options';
import { AnthropicMessagesClient } from '../../claude/anthropic-messages.client';
import { FakeMessagesApi, apiError, textOnly, toolUse } from '../../claude/testing/fake-messages-api.server';
import { OfflinePlanner } from '../../offline/offline-planner';
import { OpenAiChatClient } from '../../openai/openai-chat.client';
import { FakeChatCompletionsApi, assistantText, chatError, functionCall } from '../../openai/testing/fake-chat-completions-api.server';
import { LlmPlanner } from '../llm-planner';
import type { ScriptedApiServer, ScriptedReply } from './scripted-api.server';

/**
 * One LLM provider as the shared planner specs drive it: its stand-in server, its planner, the
 * replies a model gives, and where a request carries the parts the specs look at.
 */
export interface ProviderHarness {
  name: 'claude' | 'openai';
  /** How warnings name the planner and the API. */
  label: string;
  api: string;
  keyVariable: string;
  server: ScriptedApiServer & { baseURL: string; clearCache(): void };
  planner(options?: Partial<LlmPlannerOptions>): LlmPlanner;
  call(input: unknown, outputTokens?: number): ScriptedReply;
  text(text: string): ScriptedReply;
  error(status: number, message: string, headers?: Record<string, string>): ScriptedReply;
  /** The request's parts: the fixed system prompt, the first user message, the plan tool's schema, the tool choice. */
  system(body: any): string;
  user(body: any): string;
  toolSchema(body: any): any;
  forcesTool(body: any, name: string): boolean;
  /** The messages of a repair turn after the first user message: the refused answer and the feedback text. */
  repair(body: any): { answer: any; feedback: string };
  /** What the server's usage of a reply says, in the answer's terms. */
  usage(reply: any): TokenUsage;
  /** The ChatBI settings that point the app's planner at the stand-in server. */
  env: Record<string, string>;
}

export const API_KEY = 'sk-test';

/** A planner's settings against a stand-in; the timeout generous, as on a loaded machine (the timeout spec sets its own). */
export function options(server: { baseURL: string }, overrides: Partial<LlmPlannerOptions> = {}): LlmPlannerOptions {
  return { apiKey: API_KEY, baseURL: server.baseURL, model: 'test-model', timeoutMs: 20_000, maxRetries: 2, retryBaseDelayMs: 5, ...overrides };
}

export async function claudeHarness(): Promise<ProviderHarness> {
  const server = await FakeMessagesApi.start(API_KEY);
  return {
    name: 'claude',
    label: 'Claude',
    api: 'Messages API',
    keyVariable: 'ANTHROPIC_API_KEY',
    server,
    planner: (overrides) => {
      const o = options(server, overrides);
      return new LlmPlanner(new AnthropicMessagesClient(o), new OfflinePlanner(), o.timeoutMs);
    },
    call: (input, outputTokens) => toolUse('submit_plan', input, outputTokens),
    text: (text) => textOnly(text),
    error: apiError,
    system: (body) => body.system.map((b: { text: string }) => b.text).join('\n'),
    user: (body) => body.messages[0].content,
    toolSchema: (body) => body.tools[0].input_schema,
    forcesTool: (body, name) => body.tool_choice?.type === 'tool' && body.tool_choice.name === name && body.tools[0].name === name,
    repair: (body) => {
      const [, answer, feedback] = body.messages;
      const content = feedback.content;
      return { answer, feedback: typeof content === 'string' ? content : content.map((b: { content: string }) => b.content).join('\n') };
    },
    usage: ({ usage: u }) => ({ input: u.input_tokens, output: u.output_tokens, cacheRead: u.cache_read_input_tokens, cacheWrite: u.cache_creation_input_tokens }),
    env: { ANTHROPIC_API_KEY: API_KEY, CHATBI_ANTHROPIC_BASE_URL: server.baseURL, CHATBI_ANTHROPIC_MODEL: 'test-model' },
  };
}

export async function openaiHarness(): Promise<ProviderHarness> {
  const server = await FakeChatCompletionsApi.start(API_KEY);
  return {
    name: 'openai',
    label: 'OpenAI-compatible',
    api: 'chat-completions endpoint',
    keyVariable: 'CHATBI_OPENAI_API_KEY',
    server,
    planner: (overrides) => {
      const o = options(server, overrides);
      return new LlmPlanner(new OpenAiChatClient(o), new OfflinePlanner(), o.timeoutMs);
    },
    call: (input, outputTokens) => functionCall('submit_plan', input, outputTokens),
    text: (text) => assistantText(text),
    error: chatError,
    system: (body) => body.messages[0].content,
    user: (body) => body.messages[1].content,
    toolSchema: (body) => body.tools[0].function.parameters,
    forcesTool: (body, name) => body.tool_choice?.function?.name === name && body.tools[0].function.name === name,
    repair: (body) => {
      const [answer, ...feedback] = body.messages.slice(2);
      return { answer, feedback: feedback.map((m: { content: string }) => m.content).join('\n') };
    },
    usage: ({ usage: u }) => ({ input: u.prompt_tokens - u.prompt_tokens_details.cached_tokens, output: u.completion_tokens, cacheRead: u.prompt_tokens_details.cached_tokens, cacheWrite: 0 }),
    env: { CHATBI_OPENAI_BASE_URL: server.baseURL, CHATBI_OPENAI_MODEL: 'test-model', CHATBI_OPENAI_API_KEY: API_KEY },
  };
}
