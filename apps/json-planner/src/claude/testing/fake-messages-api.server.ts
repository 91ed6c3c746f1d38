import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A local HTTP server that speaks the Messages API (POST /v1/messages) well enough for the real
 * @anthropic-ai/sdk: it checks requests the way the API does (the key, as x-api-key or a bearer token, and the version header, model,
 * max_tokens, alternating roles, tool_choice naming a tool, every tool_use answered by a
 * tool_result with its id) and answers each valid request with the next scripted reply. The only
 * stand-in for the API in this repository; no network reaches the real one here.
 */

export interface ScriptedReply {
  status?: number;
  headers?: Record<string, string>;
  /** Answer after this many milliseconds (a slow API); a client that gives up closes the socket. */
  delayMs?: number;
  /** The JSON body; for a tool call use toolUse(), for an error apiError(). */
  body: unknown;
}

export interface RecordedRequest {
  headers: IncomingMessage['headers'];
  body: any;
  /** The reply it got: scripted, or a 400 of the server's own checks. */
  status: number;
}

export interface MessagesUsage {
  input_tokens: number;
  output_tokens: number;
}

let ids = 0;

/** A message whose content is one call of the tool, as the API sends it. */
export function toolUse(name: string, input: unknown, usage: MessagesUsage = { input_tokens: 900, output_tokens: 120 }): ScriptedReply {
  const id = `toolu_${String(++ids).padStart(6, '0')}`;
  return {
    body: {
      id: `msg_${id}`,
      type: 'message',
      role: 'assistant',
      model: 'claude-test',
      content: [{ type: 'tool_use', id, name, input }],
      stop_reason: 'tool_use',
      stop_sequence: null,
      usage: { ...usage, cache_creation_input_tokens: 0, cache_read_input_tokens: 0 },
    },
  };
}

/** A message with text only (a model that did not call the tool). */
export function textOnly(text: string, usage: MessagesUsage = { input_tokens: 900, output_tokens: 40 }): ScriptedReply {
  return {
    body: {
      id: `msg_text_${++ids}`,
      type: 'message',
      role: 'assistant',
      model: 'claude-test',
      content: [{ type: 'text', text }],
      stop_reason: 'end_turn',
      stop_sequence: null,
      usage,
    },
  };
}

const ERROR_TYPES: Record<number, string> = {
  400: 'invalid_request_error', 401: 'authentication_error', 429: 'rate_limit_error', 500: 'api_error', 529: 'overloaded_error',
};

export function apiError(status: number, message: string, headers: Record<string, string> = {}): ScriptedReply {
  return { status, headers, body: { type: 'error', error: { type: ERROR_TYPES[status] ?? 'api_error', message } } };
}

export class FakeMessagesApi {
  readonly requests: RecordedRequest[] = [];
  private readonly script: ScriptedReply[] = [];
  private readonly server: Server;
  private readonly timers = new Set<NodeJS.Timeout>();

  private constructor(readonly apiKey: string) {
    this.server = createServer((req, res) => void this.handle(req, res));
  }

  static async start(apiKey = 'test-key'): Promise<FakeMessagesApi> {
    const api = new FakeMessagesApi(apiKey);
    await new Promise<void>((resolve) => api.server.listen(0, '127.0.0.1', resolve));
    return api;
  }

  get baseURL(): string {
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  /** Replies for the next valid requests, in order. */
  reply(...replies: ScriptedReply[]): void {
    this.script.push(...replies);
  }

  get unusedReplies(): number {
    return this.script.length;
  }

  reset(): void {
    this.script.length = 0;
    this.requests.length = 0;
  }

  async stop(): Promise<void> {
    for (const t of this.timers) clearTimeout(t);
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const raw = await readBody(req);
    let body: any;
    try {
      body = JSON.parse(raw);
    } catch {
      body = undefined;
    }
    const problem = this.checkRequest(req, body);
    if (problem) {
      this.requests.push({ headers: req.headers, body, status: problem.status ?? 400 });
      return send(res, problem);
    }
    const next = this.script.shift() ?? apiError(500, 'the fake Messages API has no scripted reply left');
    this.requests.push({ headers: req.headers, body, status: next.status ?? 200 });
    if (!next.delayMs) return send(res, next);
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      if (!res.destroyed) send(res, next);
    }, next.delayMs);
    this.timers.add(timer);
    res.on('close', () => clearTimeout(timer));
  }

  private checkRequest(req: IncomingMessage, body: any): ScriptedReply | undefined {
    if (req.method !== 'POST' || req.url?.split('?')[0] !== '/v1/messages') return apiError(404, `no route ${req.method} ${req.url}`);
    const key = req.headers['x-api-key'] ?? req.headers.authorization?.replace(/^Bearer\s+/i, '');
    if (key !== this.apiKey) return apiError(401, 'invalid x-api-key');
    if (!req.headers['anthropic-version']) return apiError(400, 'anthropic-version header is required');
    if (!body || typeof body !== 'object') return apiError(400, 'body must be a JSON object');
    if (typeof body.model !== 'string' || !body.model) return apiError(400, 'model: Field required');
    if (!Number.isInteger(body.max_tokens) || body.max_tokens < 1) return apiError(400, 'max_tokens: Field required');
    const problem = checkMessages(body.messages) ?? checkTools(body.tools, body.tool_choice);
    return problem ? apiError(400, problem) : undefined;
  }
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

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

function send(res: ServerResponse, reply: ScriptedReply): void {
  const body = JSON.stringify(reply.body);
  res.writeHead(reply.status ?? 200, { 'content-type': 'application/json', 'request-id': `req_${++ids}`, ...reply.headers });
  res.end(body);
}
