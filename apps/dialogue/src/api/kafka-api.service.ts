import { Inject, Injectable } from '@nestjs/common';
import { AccessControl } from '@chatbi/auth';
import { ChatbiError, TOPICS, kafkaAskRequestSchema, type KafkaAskReply } from '@chatbi/contracts';
import { MESSAGE_BUS, type MessageBus } from '@chatbi/transport';
import { AskService } from '../ask.service';
import { AnswerMetrics } from '../metrics/answer.metrics';

/**
 * The Kafka API for other product lines: a question on chatbi.api.requests, its answer (or error)
 * on chatbi.api.replies keyed by the caller's request id. The same answer as POST /api/ask.
 */
@Injectable()
export class KafkaApiService {
  constructor(
    private readonly asks: AskService,
    @Inject(MESSAGE_BUS) private readonly bus: MessageBus,
    private readonly access: AccessControl,
    private readonly metrics: AnswerMetrics,
  ) {}

  /** Every request gets one reply (a repeated request id: the same reply again), counted in the answer metrics. */
  async answer(request: unknown): Promise<void> {
    const started = performance.now();
    const reply = await this.replyTo(request);
    this.metrics.record('kafka', reply.ok ? 'OK' : reply.error.code, (performance.now() - started) / 1000);
    await this.bus.publish(TOPICS.apiReplies, reply.requestId ?? 'invalid-request', reply);
  }

  private async replyTo(request: unknown): Promise<KafkaAskReply> {
    const parsed = kafkaAskRequestSchema.safeParse(request);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      const id = (request as { requestId?: unknown } | null)?.requestId;
      const requestId = typeof id === 'string' && id.length > 0 && id.length <= 100 ? id : null;
      const error = new ChatbiError('INVALID_REQUEST', `${issue.path.join('.') || 'request'}: ${issue.message}`);
      return { requestId, ok: false, error: error.toBody() };
    }
    const { requestId, auth, ...question } = parsed.data;
    try {
      const principal = await this.access.authenticate({ api: 'kafka', headers: auth ?? {} });
      this.access.authorize(principal, 'ask');
      return { requestId, ok: true, answer: await this.asks.ask(question, principal, requestId) };
    } catch (error) {
      return { requestId, ok: false, error: ChatbiError.from(error).toBody() };
    }
  }
}
