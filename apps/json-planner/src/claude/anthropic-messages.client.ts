import Anthropic, { APIConnectionError, APIConnectionTimeoutError, APIError } from '@anthropic-ai/sdk';
import type { TokenUsage } from '@chatbi/contracts';
import type { ClaudePlannerOptions } from '../json-planner.options';
import { callModelApi, sdkClientOptions, type ApiFailure, type ModelApi } from '../llm/model-api.call';
import {
  repairText,
  type PlannerModelAnswer,
  type PlannerModelClient,
  type PlannerModelRequest,
  type ToolInput,
} from '../llm/planner-model.client';

const DEFAULT_MAX_RESPONSE_TOKENS = 1_024;

export type ClaudeMessage = Anthropic.Message;

const API: ModelApi = { api: 'Messages API', keyVariable: 'ANTHROPIC_API_KEY', failureOf };

/**
 * The Messages API through @anthropic-ai/sdk, the model forced to call the plan tool. The tool
 * and the system prompt (rules and view) come first and carry the cache breakpoint, so repeat
 * questions on a view read them from Anthropic's prompt cache; the question follows.
 */
export class AnthropicMessagesClient implements PlannerModelClient<ClaudeMessage> {
  readonly name = 'claude';
  readonly label = 'Claude';
  private readonly sdk: Anthropic;

  constructor(private readonly options: ClaudePlannerOptions) {
    this.sdk = new Anthropic(sdkClientOptions(options));
  }

  async send(request: PlannerModelRequest<ClaudeMessage>): Promise<PlannerModelAnswer<ClaudeMessage>> {
    const body = anthropicRequestBody(request, this.options);
    const { value, attempts } = await callModelApi((timeout) => this.sdk.messages.create(body, { timeout, maxRetries: 0 }), request.deadline, this.options, API);
    return { toolInput: toolInputOf(value, request.tool.name), usage: usageOf(value.usage), attempts, message: value };
  }
}

/** The Messages API request for a planning turn: what is sent, as the planner benchmark counts it. */
export function anthropicRequestBody(
  request: Pick<PlannerModelRequest<ClaudeMessage>, 'prompt' | 'tool' | 'repair'>,
  options: Pick<ClaudePlannerOptions, 'model' | 'maxResponseTokens'>,
): Anthropic.MessageCreateParamsNonStreaming {
  const { prompt, tool, repair } = request;
  const messages: Anthropic.MessageParam[] = [{ role: 'user', content: prompt.user }];
  if (repair) messages.push(assistantMessage(repair.answer.message), repairMessage(repair.answer.message, repair.errors, tool.name));
  return {
    model: options.model,
    max_tokens: options.maxResponseTokens ?? DEFAULT_MAX_RESPONSE_TOKENS,
    tools: [{ name: tool.name, description: tool.description, input_schema: tool.parameters as Anthropic.Tool.InputSchema }],
    tool_choice: { type: 'tool', name: tool.name },
    // The breakpoint closes the fixed prefix: the tool, the rules and the view.
    system: [{ type: 'text', text: prompt.system, cache_control: { type: 'ephemeral' } }],
    messages,
  };
}

function toolInputOf(message: ClaudeMessage, toolName: string): ToolInput {
  const call = message.content.find((b): b is Anthropic.ToolUseBlock => b.type === 'tool_use' && b.name === toolName);
  return call ? { ok: true, value: call.input } : { ok: false, error: `no call of ${toolName}: answer only by calling it` };
}

function usageOf(usage: Anthropic.Usage): TokenUsage {
  return {
    input: usage.input_tokens,
    output: usage.output_tokens,
    cacheRead: usage.cache_read_input_tokens ?? 0,
    cacheWrite: usage.cache_creation_input_tokens ?? 0,
  };
}

function assistantMessage(message: ClaudeMessage): Anthropic.MessageParam {
  const content = message.content.length > 0 ? (message.content as Anthropic.ContentBlockParam[]) : [{ type: 'text' as const, text: '(no answer)' }];
  return { role: 'assistant', content };
}

/** The user turn after an invalid answer: the errors as the tool's result (or as text without a tool call). */
function repairMessage(message: ClaudeMessage, errors: string[], toolName: string): Anthropic.MessageParam {
  const text = repairText(errors, toolName);
  const calls = message.content.filter((b): b is Anthropic.ToolUseBlock => b.type === 'tool_use');
  if (calls.length === 0) return { role: 'user', content: text };
  return {
    role: 'user',
    content: calls.map((c) => ({ type: 'tool_result' as const, tool_use_id: c.id, is_error: true, content: text })),
  };
}

function failureOf(error: unknown): ApiFailure {
  if (error instanceof APIConnectionTimeoutError) return { kind: 'timeout' };
  if (error instanceof APIConnectionError) return { kind: 'connection' };
  if (error instanceof APIError && typeof error.status === 'number') {
    return { kind: 'status', status: error.status, headers: error.headers, message: (error as { apiMessage?: string }).apiMessage ?? error.message };
  }
  return { kind: 'other', message: error instanceof Error ? error.message : String(error) };
}
