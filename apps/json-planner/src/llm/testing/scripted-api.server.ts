import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ScriptedReply {
  status?: number;
  headers?: Record<string, string>;
  /** Answer after this many milliseconds (a slow API); a client that gives up closes the socket. */
  delayMs?: number;
  /** The JSON body; completed per request by the server (ids, usage) before it is sent. */
  body: unknown;
}

export interface RecordedRequest {
  headers: IncomingMessage['headers'];
  body: any;
  /** The reply it got: scripted, or a 400 of the server's own checks. */
  status: number;
  /** The body it was answered with. */
  reply: any;
}

/**
 * A local HTTP server that answers each valid request to one route with the next scripted reply,
 * after checking it the way the real API would (the subclass's checks) and completing the reply
 * from the request (usage counted from what was sent). Records every request.
 */
export abstract class ScriptedApiServer {
  readonly requests: RecordedRequest[] = [];
  private readonly script: ScriptedReply[] = [];
  private readonly server: Server;
  private readonly timers = new Set<NodeJS.Timeout>();

  protected constructor(
    readonly apiKey: string,
    private readonly route: string,
  ) {
    this.server = createServer((req, res) => void this.handle(req, res));
  }

  protected async listen(): Promise<void> {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
  }

  protected get origin(): string {
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

  /** The reply to a request the route and key checks passed but the body checks did not (a 400), or undefined. */
  protected abstract checkBody(req: IncomingMessage, body: any): ScriptedReply | undefined;
  /** An error reply in the API's own format. */
  protected abstract error(status: number, message: string): ScriptedReply;
  /** The scripted body completed for this request (usage, cache fields). */
  protected abstract complete(reply: unknown, request: any): unknown;
  /** The key the request carries, or undefined. */
  protected abstract keyOf(req: IncomingMessage): string | undefined;

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const raw = await readBody(req);
    let body: any;
    try {
      body = JSON.parse(raw);
    } catch {
      body = undefined;
    }
    const problem = this.check(req, body);
    if (problem) {
      this.requests.push({ headers: req.headers, body, status: problem.status ?? 400, reply: problem.body });
      return send(res, problem);
    }
    const next = this.script.shift() ?? this.error(500, `the ${this.constructor.name} has no scripted reply left`);
    const reply = next.status && next.status >= 400 ? next : { ...next, body: this.complete(next.body, body) };
    this.requests.push({ headers: req.headers, body, status: reply.status ?? 200, reply: reply.body });
    if (!reply.delayMs) return send(res, reply);
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      if (!res.destroyed) send(res, reply);
    }, reply.delayMs);
    this.timers.add(timer);
    res.on('close', () => clearTimeout(timer));
  }

  private check(req: IncomingMessage, body: any): ScriptedReply | undefined {
    if (req.method !== 'POST' || req.url?.split('?')[0] !== this.route) return this.error(404, `no route ${req.method} ${req.url}`);
    if (this.keyOf(req) !== this.apiKey) return this.error(401, 'invalid api key');
    if (!body || typeof body !== 'object') return this.error(400, 'body must be a JSON object');
    return this.checkBody(req, body);
  }
}

/** An estimate of the tokens of a request part: a fixed rate of 4 characters per token, additive over parts. */
export function estimatedTokens(part: unknown): number {
  const text = typeof part === 'string' ? part : JSON.stringify(part);
  return Math.ceil(text.length / 4);
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

let requestIds = 0;

function send(res: ServerResponse, reply: ScriptedReply): void {
  const body = JSON.stringify(reply.body);
  res.writeHead(reply.status ?? 200, { 'content-type': 'application/json', 'request-id': `req_${++requestIds}`, ...reply.headers });
  res.end(body);
}
