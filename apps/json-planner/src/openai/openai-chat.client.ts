import OpenAI, { APIConnectionError, APIConnectionTimeoutError, APIError } from 'openai';
import type { TokenUsage } from '@chatbi/contracts';
import type { OpenAiPlannerOptions } from '../json-planner.options';
import { callModelApi, sdkClientOptions, type ApiFailure, type ModelApi } from '../llm/model-api.call';
import {
  repairText,
  type PlannerModelAnswer,
  type PlannerModelClient,
  type PlannerModelRequest,
  type ToolInput,
} from '../llm/planner-model.client';

const DEFAULT_MAX_RESPONSE_TOKENS = 1_024;

type ChatMessage = OpenAI.Chat.Completions.ChatCompletionMessage;
type FunctionCall = OpenAI.Chat.Completions.ChatCompletionMessageFunctionToolCall;

const API: ModelApi = { api: 'chat-completions endpoint', keyVariable: 'CHATBI_OPENAI_API_KEY', failureOf };

/**
 * A model behind an OpenAI-compatible chat-completions endpoint (vLLM, Ollama, an in-house
 * gateway, OpenAI itself) through the official openai SDK, the model forced to call the plan
 * function (vLLM then decodes its arguments under the tool's JSON Schema). The system message
 * (rules and view) and the tool come before the question, so servers that cache prompt prefixes
 * (OpenAI's automatic caching, vLLM's prefix caching) reuse them across questions on a view.
 */
export class OpenAiChatClient implements PlannerModelClient<ChatMessage> {
  readonly name = 'openai';
  readonly label = 'OpenAI-compatible';
  private readonly sdk: OpenAI;

  constructor(private readonly options: OpenAiPlannerOptions) {
    this.sdk = new OpenAI(sdkClientOptions(options));
  }

  async send(request: PlannerModelRequest<ChatMessage>): Promise<PlannerModelAnswer<ChatMessage>> {
    const body = chatCompletionsRequestBody(request, this.options);
    const { value, attempts } = await callModelApi((timeout) => this.sdk.chat.completions.create(body, { timeout, maxRetries: 0 }), request.deadline, this.options, API);
    const message: ChatMessage = value.choices[0]?.message ?? { role: 'assistant', content: null, refusal: null };
    return { toolInput: toolInputOf(message, request.tool.name), usage: usageOf(value.usage), attempts, message };
  }
}

/** The chat-completions request for a planning turn: what is sent, as the planner benchmark counts it. */
export function chatCompletionsRequestBody(
  request: Pick<PlannerModelRequest<ChatMessage>, 'prompt' | 'tool' | 'repair'>,
  options: Pick<OpenAiPlannerOptions, 'model' | 'maxResponseTokens'>,
): OpenAI.Chat.Completions.ChatCompletionCreateParamsNonStreaming {
  const { prompt, tool, repair } = request;
  const messages: OpenAI.Chat.Completions.ChatCompletionMessageParam[] = [
    { role: 'system', content: prompt.system },
    { role: 'user', content: prompt.user },
  ];
  if (repair) messages.push(...repairMessages(repair.answer.message, repair.errors, tool.name));
  return {
    model: options.model,
    // max_tokens rather than max_completion_tokens: the one vLLM, Ollama and OpenAI all accept.
    max_tokens: options.maxResponseTokens ?? DEFAULT_MAX_RESPONSE_TOKENS,
    messages,
    tools: [{ type: 'function', function: { name: tool.name, description: tool.description, parameters: tool.parameters } }],
    tool_choice: { type: 'function', function: { name: tool.name } },
  };
}

function functionCalls(message: ChatMessage): FunctionCall[] {
  return (message.tool_calls ?? []).filter((c): c is FunctionCall => c.type === 'function');
}

function toolInputOf(message: ChatMessage, toolName: string): ToolInput {
  const call = functionCalls(message).find((c) => c.function.name === toolName);
  if (!call) return { ok: false, error: `no call of ${toolName}: answer only by calling it` };
  try {
    return { ok: true, value: JSON.parse(call.function.arguments) };
  } catch {
    return { ok: false, error: `the arguments of ${toolName} are not JSON: call it with one JSON object` };
  }
}

function usageOf(usage: OpenAI.Completions.CompletionUsage | undefined): TokenUsage {
  const cached = usage?.prompt_tokens_details?.cached_tokens ?? 0;
  return { input: (usage?.prompt_tokens ?? 0) - cached, output: usage?.completion_tokens ?? 0, cacheRead: cached, cacheWrite: 0 };
}

/** After an invalid answer: the answer itself, then the errors as each call's tool result (or as a user turn without a call). */
function repairMessages(message: ChatMessage, errors: string[], toolName: string): OpenAI.Chat.Completions.ChatCompletionMessageParam[] {
  const text = repairText(errors, toolName);
  const calls = functionCalls(message);
  if (calls.length === 0) {
    return [
      { role: 'assistant', content: message.content || '(no answer)' },
      { role: 'user', content: text },
    ];
  }
  return [
    { role: 'assistant', content: message.content ?? null, tool_calls: calls },
    ...calls.map((c) => ({ role: 'tool' as const, tool_call_id: c.id, content: text })),
  ];
}

function failureOf(error: unknown): ApiFailure {
  if (error instanceof APIConnectionTimeoutError) return { kind: 'timeout' };
  if (error instanceof APIConnectionError) return { kind: 'connection' };
  if (error instanceof APIError && typeof error.status === 'number') {
    const body = error.error as { message?: unknown } | undefined;
    return { kind: 'status', status: error.status, headers: error.headers, message: typeof body?.message === 'string' ? body.message : error.message };
  }
  return { kind: 'other', message: error instanceof Error ? error.message : String(error) };
}
