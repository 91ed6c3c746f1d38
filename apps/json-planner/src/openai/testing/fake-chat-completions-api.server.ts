import { createHash } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { ScriptedApiServer, estimatedTokens, type ScriptedReply } from '../../llm/testing/scripted-api.server';

export type { RecordedRequest, ScriptedReply } from '../../llm/testing/scripted-api.server';

const ROLES = new Set(['system', 'developer', 'user', 'assistant', 'tool']);

/**
 * A local HTTP server that speaks the chat-completions API (POST /v1/chat/completions) of OpenAI
 * and of the servers compatible with it (vLLM, Ollama) well enough for the real openai SDK. It
 * checks requests as they do (a bearer key, model, messages with known roles, every tool call of
 * an assistant message answered by a tool message with its id before anything else, tools as
 * functions with parameters, tool_choice naming one of them) and answers each valid request with
 * the next scripted reply, its usage counted from the request as a prefix-caching server counts
 * it: prompt_tokens_details.cached_tokens is the longest run of leading parts (the tools, then
 * whole messages) that an earlier request sent too. Token counts are a fixed estimate (4
 * characters a token). A stand-in for a self-hosted model server; no network reaches one here.
 */
export class FakeChatCompletionsApi extends ScriptedApiServer {
  /** Hashes of every leading run of parts sent so far. */
  private readonly seenPrefixes = new Set<string>();

  private constructor(apiKey: string) {
    super(apiKey, '/v1/chat/completions');
  }

  static async start(apiKey = 'test-key'): Promise<FakeChatCompletionsApi> {
    const api = new FakeChatCompletionsApi(apiKey);
    await api.listen();
    return api;
  }

  /** What CHATBI_OPENAI_BASE_URL is set to: the server's /v1, as for vLLM and Ollama. */
  get baseURL(): string {
    return `${this.origin}/v1`;
  }

  clearCache(): void {
    this.seenPrefixes.clear();
  }

  protected keyOf(req: IncomingMessage): string | undefined {
    return req.headers.authorization?.replace(/^Bearer\s+/i, '');
  }

  protected error(status: number, message: string): ScriptedReply {
    return chatError(status, message);
  }

  protected checkBody(_req: IncomingMessage, body: any): ScriptedReply | undefined {
    if (typeof body.model !== 'string' || !body.model) return chatError(400, 'you must provide a model parameter');
    if (body.max_tokens !== undefined && (!Number.isInteger(body.max_tokens) || body.max_tokens < 1)) return chatError(400, 'max_tokens must be a positive integer');
    const problem = checkMessages(body.messages) ?? checkTools(body.tools, body.tool_choice);
    return problem ? chatError(400, problem) : undefined;
  }

  protected complete(reply: any, request: any): unknown {
    const parts = [...(request.tools ? [request.tools] : []), ...request.messages];
    const hash = createHash('sha256');
    let tokens = 0;
    let cached = 0;
    for (const part of parts) {
      hash.update(JSON.stringify(part));
      tokens += estimatedTokens(part);
      const key = hash.copy().digest('hex');
      if (this.seenPrefixes.has(key)) cached = tokens;
      this.seenPrefixes.add(key);
    }
    const completion = reply.usage?.completion_tokens ?? 0;
    return {
      ...reply,
      model: request.model,
      usage: { prompt_tokens: tokens, completion_tokens: completion, total_tokens: tokens + completion, prompt_tokens_details: { cached_tokens: cached } },
    };
  }
}

let ids = 0;

/** A completion whose message calls the function; `args` as an object, or as raw text (a model that wrote broken JSON). */
export function functionCall(name: string, args: unknown, completionTokens = 120): ScriptedReply {
  const id = `call_${String(++ids).padStart(6, '0')}`;
  const call = { id, type: 'function', function: { name, arguments: typeof args === 'string' ? args : JSON.stringify(args) } };
  return completion({ role: 'assistant', content: null, refusal: null, tool_calls: [call] }, 'tool_calls', completionTokens);
}

/** A completion with text only (a model that did not call the function). */
export function assistantText(text: string, completionTokens = 40): ScriptedReply {
  return completion({ role: 'assistant', content: text, refusal: null }, 'stop', completionTokens);
}

function completion(message: unknown, finishReason: string, completionTokens: number): ScriptedReply {
  return {
    body: {
      id: `chatcmpl-${String(++ids).padStart(6, '0')}`,
      object: 'chat.completion',
      created: Math.floor(Date.now() / 1000),
      choices: [{ index: 0, message, finish_reason: finishReason, logprobs: null }],
      usage: { completion_tokens: completionTokens },
    },
  };
}

const ERROR_TYPES: Record<number, string> = { 400: 'invalid_request_error', 401: 'invalid_request_error', 429: 'rate_limit_exceeded', 500: 'server_error', 503: 'server_error' };

export function chatError(status: number, message: string, headers: Record<string, string> = {}): ScriptedReply {
  return { status, headers, body: { error: { message, type: ERROR_TYPES[status] ?? 'server_error', param: null, code: null } } };
}

function checkMessages(messages: any): string | undefined {
  if (!Array.isArray(messages) || messages.length === 0) return "'messages' must contain at least one message";
  let pending: string[] = [];
  for (const [i, m] of messages.entries()) {
    if (!ROLES.has(m?.role)) return `messages[${i}].role: '${m?.role}' is not one of system, developer, user, assistant, tool`;
    if (m.role === 'tool') {
      if (!pending.includes(m.tool_call_id)) return `messages[${i}]: messages with role 'tool' must be a response to a preceding message with 'tool_calls'`;
      pending = pending.filter((id) => id !== m.tool_call_id);
      if (typeof m.content !== 'string') return `messages[${i}].content: a tool message needs content`;
      continue;
    }
    if (pending.length > 0) {
      return `An assistant message with 'tool_calls' must be followed by tool messages responding to each 'tool_call_id'. The following tool_call_ids did not have response messages: ${pending.join(', ')}`;
    }
    if (m.role === 'assistant') {
      const calls = Array.isArray(m.tool_calls) ? m.tool_calls : [];
      if (calls.length === 0 && (typeof m.content !== 'string' || !m.content)) return `messages[${i}]: an assistant message needs content or tool_calls`;
      for (const c of calls) if (c?.type !== 'function' || typeof c.function?.arguments !== 'string') return `messages[${i}].tool_calls: each call is a function with string arguments`;
      pending = calls.map((c: any) => c.id);
    } else if (typeof m.content !== 'string' && !Array.isArray(m.content)) {
      return `messages[${i}].content: must be a string or a list of parts`;
    }
  }
  if (pending.length > 0) return `The following tool_call_ids did not have response messages: ${pending.join(', ')}`;
  return undefined;
}

function checkTools(tools: any, choice: any): string | undefined {
  if (tools === undefined) return choice === undefined || choice === 'none' ? undefined : "'tool_choice' is only allowed when 'tools' are specified";
  if (!Array.isArray(tools)) return "'tools' must be a list";
  for (const [i, t] of tools.entries()) {
    if (t?.type !== 'function' || typeof t.function?.name !== 'string' || !/^[a-zA-Z0-9_-]{1,64}$/.test(t.function.name)) return `tools[${i}]: a function with a valid name`;
    if (t.function.parameters !== undefined && t.function.parameters?.type !== 'object') return `tools[${i}].function.parameters: a JSON Schema of type object`;
  }
  if (choice && typeof choice === 'object' && !tools.some((t: any) => t.function.name === choice.function?.name)) return `tool_choice: no function named ${choice.function?.name}`;
  return undefined;
}
