import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** How the stand-in answers one request. */
export interface StandInReply {
  /** The input of a tool call to the requested tool (the normal answer). */
  toolInput?: unknown;
  /** A text-only answer instead (a model that ignored the tool). */
  text?: string;
  /** An API error with this HTTP status. */
  status?: number;
  /** Answer only after this long (a client with a shorter timeout gives up first). */
  delayMs?: number;
  usage?: { input_tokens: number; output_tokens: number };
}

export interface StandInRequest {
  headers: IncomingMessage['headers'];
  body: any;
}

/**
 * A local HTTP server speaking the Messages API (POST /v1/messages) for the real @anthropic-ai/sdk:
 * it checks the key and version headers and the request's shape, records every request, and
 * answers with whatever `answer` computes from it. The only stand-in the project allows.
 */
export class MessagesApiStandIn {
  readonly requests: StandInRequest[] = [];
  private readonly server: Server;
  private readonly timers = new Set<NodeJS.Timeout>();

  private constructor(
    readonly apiKey: string,
    private readonly answer: (request: StandInRequest, index: number) => StandInReply,
  ) {
    this.server = createServer((req, res) => void this.handle(req, res));
  }

  static async start(answer: (request: StandInRequest, index: number) => StandInReply, apiKey = 'test-key'): Promise<MessagesApiStandIn> {
    const api = new MessagesApiStandIn(apiKey, answer);
    await new Promise<void>((resolve) => api.server.listen(0, '127.0.0.1', resolve));
    return api;
  }

  get baseURL(): string {
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  async stop(): Promise<void> {
    for (const t of this.timers) clearTimeout(t);
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    let raw = '';
    for await (const chunk of req) raw += chunk;
    let body: any;
    try {
      body = JSON.parse(raw);
    } catch {
      return send(res, 400, errorBody('body is not JSON'));
    }
    if (req.method !== 'POST' || req.url?.split('?')[0] !== '/v1/messages') return send(res, 404, errorBody('no such route'));
    const key = req.headers['x-api-key'] ?? req.headers.authorization?.replace(/^Bearer\s+/i, '');
    if (key !== this.apiKey) return send(res, 401, errorBody('invalid x-api-key', 'authentication_error'));
    if (!req.headers['anthropic-version']) return send(res, 400, errorBody('anthropic-version header is required'));
    if (typeof body.model !== 'string' || !Number.isInteger(body.max_tokens) || !Array.isArray(body.messages)) return send(res, 400, errorBody('model, max_tokens and messages are required'));
    const request = { headers: req.headers, body };
    this.requests.push(request);
    const reply = this.answer(request, this.requests.length - 1);
    const respond = () => {
      if (res.destroyed) return;
      if (reply.status && reply.status >= 400) return send(res, reply.status, errorBody('scripted failure', 'api_error'));
      const usage = reply.usage ?? { input_tokens: 500, output_tokens: 100 };
      const content =
        reply.text !== undefined
          ? [{ type: 'text', text: reply.text }]
          : [{ type: 'tool_use', id: `toolu_${this.requests.length}`, name: body.tool_choice?.name ?? 'tool', input: reply.toolInput ?? {} }];
      send(res, 200, {
        id: `msg_${this.requests.length}`,
        type: 'message',
        role: 'assistant',
        model: body.model,
        content,
        stop_reason: reply.text !== undefined ? 'end_turn' : 'tool_use',
        stop_sequence: null,
        usage,
      });
    };
    if (!reply.delayMs) return respond();
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      respond();
    }, reply.delayMs);
    this.timers.add(timer);
    res.on('close', () => clearTimeout(timer));
  }
}

/** The rows of a request as the oracle framed them: [{ row, text }]. */
export function rowsOf(request: StandInRequest): { row: string; text: string }[] {
  const content = String(request.body.messages[0].content);
  const json = content.slice(content.indexOf('\n') + 1, content.lastIndexOf('\n'));
  return JSON.parse(json);
}

function errorBody(message: string, type = 'invalid_request_error') {
  return { type: 'error', error: { type, message } };
}

function send(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json' });
  res.end(JSON.stringify(body));
}
