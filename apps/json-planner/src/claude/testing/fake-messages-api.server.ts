import { createHash } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { ScriptedApiServer, estimatedTokens, type ScriptedReply } from '../../llm/testing/scripted-api.server';

export type { RecordedRequest, ScriptedReply } from '../../llm/testing/scripted-api.server';

/**
 * A local HTTP server that speaks the Messages API (POST /v1/messages) well enough for the real
 * @anthropic-ai/sdk. It checks requests the way the API does (the key, as x-api-key or a bearer
 * token, and the version header, model, max_tokens, alternating roles, tool_choice naming a tool,
 * every tool_use answered by a tool_result with its id, at most four cache_control breakpoints)
 * and answers each valid request with the next scripted reply, its usage counted from the request
 * as the API counts it with prompt caching: the prefix up to a breakpoint (tools, then system,
 * then messages) is written to the cache when it is long enough and read from it by a later
 * request with the same prefix within the TTL; input_tokens are the rest. Token counts are a fixed
 * estimate (4 characters a token). The only stand-in for the API in this repository; no network
 * reaches the real one here.
 */
export class FakeMessagesApi extends ScriptedApiServer {
  /** Cached prefixes (hashes) and when they expire. */
  private readonly cache = new Map<string, number>();

  private constructor(
    apiKey: string,
    private readonly minCacheableTokens: number,
  ) {
    super(apiKey, '/v1/messages');
  }

  /** minCacheableTokens: the shortest prefix the API caches (1,024 tokens for Sonnet 4.5 in Anthropic's documentation). */
  static async start(apiKey = 'test-key', options: { minCacheableTokens?: number } = {}): Promise<FakeMessagesApi> {
    const api = new FakeMessagesApi(apiKey, options.minCacheableTokens ?? 1_024);
    await api.listen();
    return api;
  }

  get baseURL(): string {
    return this.origin;
  }

  /** Forgets every cached prefix (as five minutes without a request would). */
  clearCache(): void {
    this.cache.clear();
  }

  protected keyOf(req: IncomingMessage): string | undefined {
    const key = req.headers['x-api-key'] ?? req.headers.authorization?.replace(/^Bearer\s+/i, '');
    return typeof key === 'string' ? key : undefined;
  }

  protected error(status: number, message: string): ScriptedReply {
    return apiError(status, message);
  }

  protected checkBody(req: IncomingMessage, body: any): ScriptedReply | undefined {
    if (!req.headers['anthropic-version']) return apiError(400, 'anthropic-version header is required');
    if (typeof body.model !== 'string' || !body.model) return apiError(400, 'model: Field required');
    if (!Number.isInteger(body.max_tokens) || body.max_tokens < 1) return apiError(400, 'max_tokens: Field required');
    const problem = checkMessages(body.messages) ?? checkTools(body.tools, body.tool_choice) ?? checkBreakpoints(promptParts(body));
    return problem ? apiError(400, problem) : undefined;
  }

  protected complete(reply: any, request: any): unknown {
    return { ...reply, usage: { ...this.usage(request), output_tokens: reply.usage?.output_tokens ?? 0 } };
  }

  /** What the request costs: cache reads at the longest cached breakpoint, a write up to the last one, the rest as input. */
  private usage(request: any): { input_tokens: number; cache_creation_input_tokens: number; cache_read_input_tokens: number } {
    const parts = promptParts(request);
    const hash = createHash('sha256');
    let tokens = 0;
    const breakpoints: { key: string; tokens: number; ttlMs: number }[] = [];
    for (const part of parts) {
      const { cache_control: control, ...content } = part.block;
      hash.update(JSON.stringify(content));
      tokens += estimatedTokens(content);
      if (control) breakpoints.push({ key: hash.copy().digest('hex'), tokens, ttlMs: control.ttl === '1h' ? 3_600_000 : 300_000 });
    }
    const now = Date.now();
    const cacheable = breakpoints.filter((b) => b.tokens >= this.minCacheableTokens);
    const hit = [...cacheable].reverse().find((b) => (this.cache.get(b.key) ?? 0) > now);
    const last = cacheable.at(-1);
    for (const b of cacheable) this.cache.set(b.key, now + b.ttlMs);
    const read = hit?.tokens ?? 0;
    const written = last && last !== hit ? last.tokens - read : 0;
    return { input_tokens: tokens - read - written, cache_creation_input_tokens: written, cache_read_input_tokens: read };
  }
}

let ids = 0;

/** A message whose content is one call of the tool, as the API sends it (usage is counted from the request). */
export function toolUse(name: string, input: unknown, outputTokens = 120): ScriptedReply {
  const id = `toolu_${String(++ids).padStart(6, '0')}`;
  return message([{ type: 'tool_use', id, name, input }], 'tool_use', outputTokens);
}

/** A message with text only (a model that did not call the tool). */
export function textOnly(text: string, outputTokens = 40): ScriptedReply {
  return message([{ type: 'text', text }], 'end_turn', outputTokens);
}

function message(content: unknown[], stopReason: string, outputTokens: number): ScriptedReply {
  return {
    body: {
      id: `msg_${String(++ids).padStart(6, '0')}`,
      type: 'message',
      role: 'assistant',
      model: 'claude-test',
      content,
      stop_reason: stopReason,
      stop_sequence: null,
      usage: { output_tokens: outputTokens },
    },
  };
}

const ERROR_TYPES: Record<number, string> = {
  400: 'invalid_request_error', 401: 'authentication_error', 429: 'rate_limit_error', 500: 'api_error', 529: 'overloaded_error',
};

export function apiError(status: number, message: string, headers: Record<string, string> = {}): ScriptedReply {
  return { status, headers, body: { type: 'error', error: { type: ERROR_TYPES[status] ?? 'api_error', message } } };
}

interface PromptPart {
  where: string;
  block: any;
}

/** The request's blocks in the order the API reads its prefix: tools, system, then messages. */
function promptParts(body: any): PromptPart[] {
  const parts: PromptPart[] = [];
  (Array.isArray(body.tools) ? body.tools : []).forEach((t: any, i: number) => parts.push({ where: `tools.${i}`, block: t }));
  const system = typeof body.system === 'string' ? [{ type: 'text', text: body.system }] : Array.isArray(body.system) ? body.system : [];
  system.forEach((b: any, i: number) => parts.push({ where: `system.${i}`, block: b }));
  (Array.isArray(body.messages) ? body.messages : []).forEach((m: any, i: number) => {
    const blocks = typeof m?.content === 'string' ? [{ type: 'text', text: m.content }] : Array.isArray(m?.content) ? m.content : [];
    blocks.forEach((b: any, j: number) => parts.push({ where: `messages.${i}.content.${j}`, block: { role: m.role, ...b } }));
  });
  return parts;
}

function checkBreakpoints(parts: PromptPart[]): string | undefined {
  const marked = parts.filter((p) => p.block?.cache_control);
  if (marked.length > 4) return `A maximum of 4 blocks with cache_control may be provided. Found ${marked.length}.`;
  for (const p of marked) {
    const control = p.block.cache_control;
    if (control.type !== 'ephemeral') return `${p.where}.cache_control.type: Input should be 'ephemeral'`;
    if (control.ttl !== undefined && control.ttl !== '5m' && control.ttl !== '1h') return `${p.where}.cache_control.ttl: Input should be '5m' or '1h'`;
  }
  return undefined;
}

function checkMessages(messages: any): string | undefined {
  if (!Array.isArray(messages) || messages.length === 0) return 'messages: at least one message is required';
  let pendingToolUses: string[] = [];
  for (const [i, m] of messages.entries()) {
    const expected = i % 2 === 0 ? 'user' : 'assistant';
    if (m?.role !== expected) return `messages.${i}.role: roles must alternate, starting with user`;
    const blocks = typeof m.content === 'string' ? [{ type: 'text', text: m.content }] : m.content;
    if (!Array.isArray(blocks) || blocks.length === 0) return `messages.${i}.content: must be a non-empty string or list`;
    if (m.role === 'user') {
      const answered = blocks.filter((b: any) => b.type === 'tool_result').map((b: any) => b.tool_use_id);
      const missing = pendingToolUses.filter((id) => !answered.includes(id));
      if (missing.length > 0) return `messages.${i}: tool_use ids ${missing.join(', ')} were found without tool_result blocks immediately after`;
      const stray = answered.filter((id: string) => !pendingToolUses.includes(id));
      if (stray.length > 0) return `messages.${i}: unexpected tool_use_id ${stray.join(', ')} in tool_result blocks`;
      pendingToolUses = [];
    } else {
      pendingToolUses = blocks.filter((b: any) => b.type === 'tool_use').map((b: any) => b.id);
    }
  }
  if (messages[messages.length - 1].role !== 'user') return 'messages: the last message must be from the user';
  return undefined;
}

function checkTools(tools: any, choice: any): string | undefined {
  if (tools === undefined) return choice === undefined ? undefined : 'tool_choice requires tools';
  if (!Array.isArray(tools)) return 'tools: must be a list';
  for (const [i, t] of tools.entries()) {
    if (typeof t?.name !== 'string' || !/^[a-zA-Z0-9_-]{1,128}$/.test(t.name)) return `tools.${i}.name: invalid`;
    if (t.input_schema?.type !== 'object') return `tools.${i}.input_schema.type: must be object`;
  }
  if (choice?.type === 'tool' && !tools.some((t: any) => t.name === choice.name)) return `tool_choice: no tool named ${choice.name}`;
  return undefined;
}
