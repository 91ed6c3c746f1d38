import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface RecordedRequest {
  model: string;
  system: string;
  user: string;
}

/**
 * A local HTTP server speaking enough of the Anthropic Messages API for the paraphraser: it answers
 * every request by calling the requested tool, with rewrites made by `rewrite` for each numbered
 * question of the user message. The only stand-in the project allows, for the Anthropic API.
 */
export class StandInMessagesApi {
  readonly requests: RecordedRequest[] = [];
  private server?: Server;

  constructor(private readonly rewrite: (question: string) => string[]) {}

  async start(): Promise<string> {
    this.server = createServer((req, res) => {
      let body = '';
      req.on('data', (chunk) => (body += chunk));
      req.on('end', () => {
        const request = JSON.parse(body);
        const user = String(request.messages?.[0]?.content ?? '');
        this.requests.push({ model: request.model, system: String(request.system), user });
        const questions = [...user.matchAll(/^(\d+)\. (.*)$/gm)].map((m) => ({ index: Number(m[1]), text: m[2] }));
        const input = { items: questions.map((q) => ({ index: q.index, paraphrases: this.rewrite(q.text) })) };
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(
          JSON.stringify({
            id: `msg_${this.requests.length}`,
            type: 'message',
            role: 'assistant',
            model: request.model,
            content: [{ type: 'tool_use', id: `toolu_${this.requests.length}`, name: request.tool_choice?.name ?? 'tool', input }],
            stop_reason: 'tool_use',
            stop_sequence: null,
            usage: { input_tokens: 100, output_tokens: 50 },
          }),
        );
      });
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    return `http://127.0.0.1:${(this.server!.address() as AddressInfo).port}`;
  }

  async stop(): Promise<void> {
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }
}
