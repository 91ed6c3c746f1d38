import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface RecordedRequest {
  method: string;
  path: string;
  headers: IncomingHttpHeaders;
  body: any;
}

export interface Reply {
  status: number;
  body: unknown;
}

type Handler = (request: RecordedRequest) => Reply | Promise<Reply>;

/**
 * A local HTTP server that answers like ChatBI's API with replies the test chooses (recorded
 * answers), records every request, and sends CORS headers as ChatBI does with CHATBI_CORS_ORIGINS.
 */
export class ReplayServer {
  readonly requests: RecordedRequest[] = [];
  private readonly handlers = new Map<string, Handler>();
  private server?: Server;
  url = '';

  on(path: string, handler: Handler): this {
    this.handlers.set(path, handler);
    return this;
  }

  async start(): Promise<this> {
    this.server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', async () => {
        res.setHeader('access-control-allow-origin', '*');
        res.setHeader('access-control-allow-headers', 'content-type, authorization, accept, x-csrftoken');
        res.setHeader('access-control-allow-methods', 'GET, POST');
        if (req.method === 'OPTIONS') {
          res.writeHead(204).end();
          return;
        }
        const text = Buffer.concat(chunks).toString('utf8');
        const request: RecordedRequest = { method: req.method ?? '', path: req.url ?? '', headers: req.headers, body: text ? JSON.parse(text) : undefined };
        this.requests.push(request);
        const handler = this.handlers.get(request.path.split('?')[0]);
        const reply = handler ? await handler(request) : { status: 404, body: { error: { code: 'NOT_FOUND', message: `no handler for ${request.path}` } } };
        res.writeHead(reply.status, { 'content-type': 'application/json' }).end(JSON.stringify(reply.body));
      });
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server!.address() as AddressInfo).port}`;
    return this;
  }

  async stop(): Promise<void> {
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }

  asks(): RecordedRequest[] {
    return this.requests.filter((r) => r.path === '/api/ask');
  }
}

/** A reply that waits until released: lets a test see the panel while a question is in flight. */
export function heldReply(reply: Reply): { handler: Handler; release: () => void } {
  let release!: () => void;
  const gate = new Promise<void>((resolve) => (release = resolve));
  return { handler: async () => (await gate, reply), release };
}
