import { randomUUID } from 'node:crypto';
import { Injectable, Logger } from '@nestjs/common';
import * as grpc from '@grpc/grpc-js';
import * as protoLoader from '@grpc/proto-loader';
import { ReflectionService } from '@grpc/reflection';
import { HealthImplementation, protoPath as healthProtoPath } from 'grpc-health-check';
import { AccessControl, type Principal } from '@chatbi/auth';
import { ChatbiError, chatbiProtoPath } from '@chatbi/contracts';
import { AskService } from '../../ask.service';
import { AnswerMetrics } from '../../metrics/answer.metrics';
import { grpcStatusFor, toGrpcAnswer, toGrpcError, type GrpcAnswer, type GrpcError } from './answer.mapper';

interface GrpcAskRequest {
  question: string;
  sessionId: string;
  user: string;
  requestId: string;
}

interface ChatReply {
  turn: number;
  answer?: GrpcAnswer;
  error?: GrpcError;
}

/** The server's TLS: its certificate chain and key (PEM), and the CA client certificates must be signed by for mutual TLS. */
export interface GrpcServerTls {
  cert: Buffer;
  key: Buffer;
  clientCa?: Buffer;
}

/** The name grpc.health.v1 reports the ChatBI service under ('' is the server as a whole). */
const CHATBI_SERVICE_NAME = 'chatbi.v1.ChatBI';

/**
 * The ChatBI gRPC service (Ask, Chat) over AskService: the same answers as the HTTP API, asked as
 * the caller its metadata authenticates (authorization: Bearer ..., or the trusted proxy's
 * x-chatbi-user and x-chatbi-signature), with the `ask` scope.
 */
@Injectable()
export class ChatbiGrpcServer {
  private readonly logger = new Logger(ChatbiGrpcServer.name);
  private server?: grpc.Server;
  private health?: HealthImplementation;

  constructor(
    private readonly asks: AskService,
    private readonly access: AccessControl,
    private readonly metrics: AnswerMetrics,
  ) {}

  /** Starts serving, over TLS when given (plaintext otherwise); resolves with the bound port (pass 0 for a free one). */
  async listen(host: string, port: number, tls?: GrpcServerTls): Promise<number> {
    // The health proto beside ChatBI's, so that reflection describes both.
    const definition = protoLoader.loadSync([chatbiProtoPath(), healthProtoPath], { keepCase: false, longs: Number, defaults: true, oneofs: true });
    const proto = grpc.loadPackageDefinition(definition) as unknown as {
      chatbi: { v1: { ChatBI: { service: grpc.ServiceDefinition } } };
    };
    const server = new grpc.Server();
    server.addService(proto.chatbi.v1.ChatBI.service, {
      Ask: (call: grpc.ServerUnaryCall<GrpcAskRequest, GrpcAnswer>, callback: grpc.sendUnaryData<GrpcAnswer>) => void this.ask(call, callback),
      Chat: (call: grpc.ServerDuplexStream<GrpcAskRequest, ChatReply>) => this.chat(call),
    });
    const health = new HealthImplementation({ '': 'SERVING', [CHATBI_SERVICE_NAME]: 'SERVING' });
    health.addToServer(server);
    new ReflectionService(definition).addToServer(server);
    const credentials = tls
      ? grpc.ServerCredentials.createSsl(tls.clientCa ?? null, [{ cert_chain: tls.cert, private_key: tls.key }], Boolean(tls.clientCa))
      : grpc.ServerCredentials.createInsecure();
    const bound = await new Promise<number>((resolve, reject) =>
      server.bindAsync(`${host}:${port}`, credentials, (error, p) => (error ? reject(error) : resolve(p))),
    );
    this.server = server;
    this.health = health;
    return bound;
  }

  /** Refuses new calls and waits for the running ones, at most timeoutMs, then cuts them. */
  async shutdown(timeoutMs: number): Promise<void> {
    const server = this.server;
    this.server = undefined;
    if (!server) return;
    for (const name of ['', CHATBI_SERVICE_NAME]) this.health?.setStatus(name, 'NOT_SERVING');
    await new Promise<void>((resolve) => {
      const timer = setTimeout(() => {
        server.forceShutdown();
        resolve();
      }, timeoutMs);
      server.tryShutdown(() => {
        clearTimeout(timer);
        resolve();
      });
    });
  }

  private async ask(call: grpc.ServerUnaryCall<GrpcAskRequest, GrpcAnswer>, callback: grpc.sendUnaryData<GrpcAnswer>): Promise<void> {
    try {
      const answer = await this.metrics.observe('grpc', async () => {
        const principal = await this.caller(call);
        this.access.authorize(principal, 'ask');
        return this.asks.ask(toAskBody(call.request), principal);
      });
      callback(null, toGrpcAnswer(answer));
    } catch (error) {
      const e = this.chatbiError(error);
      const metadata = new grpc.Metadata();
      metadata.set('chatbi-error-code', e.code);
      if (e.details) metadata.set('chatbi-error-details-bin', Buffer.from(JSON.stringify(e.details), 'utf8'));
      callback({ code: grpcStatusFor(e.httpStatus), details: `${e.code}: ${e.message}`, metadata });
    }
  }

  /** One session per stream; turns are answered one after another so that a follow-up sees the turn before it. */
  private chat(call: grpc.ServerDuplexStream<GrpcAskRequest, ChatReply>): void {
    let sessionId: string | undefined;
    let turn = 0;
    const principal = this.caller(call);
    principal.catch(() => undefined);
    let queue = Promise.resolve();
    call.on('data', (request: GrpcAskRequest) => {
      const index = turn++;
      queue = queue.then(async () => {
        const session = (sessionId ??= request.sessionId || randomUUID());
        let reply: ChatReply;
        try {
          const answer = await this.metrics.observe('grpc', async () => {
            const caller = await principal;
            this.access.authorize(caller, 'ask');
            return this.asks.ask(toAskBody({ ...request, sessionId: session }), caller);
          });
          reply = { turn: index, answer: toGrpcAnswer(answer) };
        } catch (error) {
          reply = { turn: index, error: toGrpcError(this.chatbiError(error).toBody()) };
        }
        if (!call.cancelled) call.write(reply);
      });
    });
    call.on('end', () => void queue.then(() => call.end()));
    call.on('error', (error) => this.logger.warn(`chat stream: ${error.message}`));
  }

  /** Who is calling, from the call's metadata; every turn of a Chat stream is checked against the scope and rate limit. */
  private async caller(call: grpc.ServerUnaryCall<GrpcAskRequest, unknown> | grpc.ServerDuplexStream<GrpcAskRequest, ChatReply>): Promise<Principal> {
    const headers: Record<string, string> = {};
    for (const [name, value] of Object.entries(call.metadata.getMap())) if (typeof value === 'string') headers[name] = value;
    return this.access.authenticate({ api: 'grpc', headers, remoteAddress: peerAddress(call.getPeer()) });
  }

  private chatbiError(error: unknown): ChatbiError {
    const e = ChatbiError.from(error);
    if (e.code === 'INTERNAL' && !(error instanceof ChatbiError)) this.logger.error('gRPC ask failed', error as Error);
    return e;
  }
}

/** "ipv4:127.0.0.1:5000", "ipv6:[::1]:5000" -> the address. */
function peerAddress(peer: string): string | undefined {
  return /^ipv4:([\d.]+):\d+$/.exec(peer)?.[1] ?? /^ipv6:\[([^\]]+)\]:\d+$/.exec(peer)?.[1];
}

/** proto3 has no absent strings: an empty session id, user or request id means none. */
function toAskBody(request: GrpcAskRequest): { question: string; sessionId?: string; user?: string; requestId?: string } {
  return {
    question: request.question,
    ...(request.sessionId ? { sessionId: request.sessionId } : {}),
    ...(request.user ? { user: request.user } : {}),
    ...(request.requestId ? { requestId: request.requestId } : {}),
  };
}
