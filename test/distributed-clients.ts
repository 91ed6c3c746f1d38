import { randomUUID } from 'node:crypto';
import * as grpc from '@grpc/grpc-js';
import * as protoLoader from '@grpc/proto-loader';
import { TOPICS, chatbiProtoPath, type AskResponse, type KafkaAskReply, type KafkaAskRequest } from '@chatbi/contracts';
import { KafkaBus, type KafkaSecurity } from '@chatbi/transport';

/** What the three APIs have in common, for comparing answers: the answer, or the error code. */
export interface Outcome {
  status: 'ok' | 'error';
  answer?: AskResponse;
  code?: string;
}

export async function askHttp(base: string, body: unknown): Promise<{ status: number; json: any }> {
  const response = await fetch(`${base}/api/ask`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  return { status: response.status, json: await response.json() };
}

/** A gRPC client of the ChatBI service, with answers turned back into the HTTP shape. */
export class GrpcClient {
  private readonly client: grpc.Client & Record<string, any>;

  /** credentials: plaintext unless given (grpc.credentials.createSsl(...) for a TLS server). */
  constructor(address: string, credentials: grpc.ChannelCredentials = grpc.credentials.createInsecure()) {
    const definition = protoLoader.loadSync(chatbiProtoPath(), { keepCase: false, longs: Number, defaults: true, oneofs: true });
    const proto = grpc.loadPackageDefinition(definition) as any;
    this.client = new proto.chatbi.v1.ChatBI(address, credentials);
  }

  /** headers: gRPC metadata, e.g. { authorization: 'Bearer ...' }. */
  ask(request: { question: string; sessionId?: string; requestId?: string }, headers: Record<string, string> = {}): Promise<Outcome & { grpcCode?: number }> {
    const metadata = new grpc.Metadata();
    for (const [name, value] of Object.entries(headers)) metadata.set(name, value);
    return new Promise((resolve) => {
      this.client.Ask(request, metadata, (error: grpc.ServiceError | null, answer: any) => {
        if (error) resolve({ status: 'error', code: String(error.metadata.get('chatbi-error-code')[0]), grpcCode: error.code });
        else resolve({ status: 'ok', answer: fromGrpc(answer) });
      });
    });
  }

  /** One Chat stream: every question is sent at once, answers come back in order. */
  chat(questions: string[], sessionId?: string): Promise<Outcome[]> {
    return new Promise((resolve, reject) => {
      const call = this.client.Chat();
      const outcomes: Outcome[] = [];
      call.on('data', (reply: any) => {
        outcomes[reply.turn] = reply.answer ? { status: 'ok', answer: fromGrpc(reply.answer) } : { status: 'error', code: reply.error.code };
      });
      call.on('end', () => resolve(outcomes));
      call.on('error', reject);
      for (const question of questions) call.write({ question, sessionId: sessionId ?? '' });
      call.end();
    });
  }

  close(): void {
    this.client.close();
  }
}

function fromGrpc(a: any): AskResponse {
  return {
    requestId: a.requestId,
    sessionId: a.sessionId,
    question: a.question,
    resolvedQuestion: a.resolvedQuestion,
    view: a.view,
    plan: JSON.parse(a.planJson),
    sql: a.sql,
    sqlParams: JSON.parse(a.sqlParamsJson),
    dialect: a.dialect,
    // proto3 has no absent bool: additive means something for metric columns only (the proto says so).
    columns: a.columns.map(({ additive, ...c }: { additive: boolean; role: string }) => (c.role === 'metric' ? { ...c, additive } : c)),
    rows: JSON.parse(a.rowsJson),
    truncated: a.truncated,
    chart: JSON.parse(a.chartJson),
    timings: a.timings,
    tokens: null,
    warnings: a.warnings,
    planner: JSON.parse(a.plannerJson),
  };
}

/** Another product line on the Kafka API: requests on chatbi.api.requests, replies read off chatbi.api.replies. */
export class KafkaApiClient {
  readonly replies = new Map<string, KafkaAskReply[]>();
  private readonly bus: KafkaBus;

  constructor(brokers: string, security?: KafkaSecurity) {
    this.bus = new KafkaBus({
      brokers: [brokers],
      security,
      service: 'e2e-product-line',
      instanceId: randomUUID().slice(0, 8),
      broadcastTopics: [TOPICS.apiReplies],
    });
    this.bus.subscribe<KafkaAskReply>(TOPICS.apiReplies, async (reply, key) => {
      const list = this.replies.get(key) ?? [];
      list.push(reply);
      this.replies.set(key, list);
    });
  }

  async start(): Promise<void> {
    await this.bus.connect();
    await this.bus.start();
  }

  ready(): boolean {
    return this.bus.ready();
  }

  async send(request: KafkaAskRequest | Record<string, unknown>, key: string): Promise<void> {
    await this.bus.publish(TOPICS.apiRequests, key, request);
  }

  async reply(requestId: string, timeoutMs = 60_000): Promise<KafkaAskReply> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const list = this.replies.get(requestId);
      if (list?.length) return list[0];
      if (Date.now() > deadline) throw new Error(`no reply to ${requestId} within ${timeoutMs} ms`);
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  }

  async close(): Promise<void> {
    await this.bus.close();
  }
}
