import { Inject, Injectable } from '@nestjs/common';
import { AccessControl } from '@chatbi/auth';
import { ChatbiError, TOPICS, kafkaAskRequestSchema, type KafkaAskReply } from '@chatbi/contracts';
import { MESSAGE_BUS, type MessageBus } from '@chatbi/transport';
import { AskService } from '../ask.service';

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
  ) {}

  async answer(request: unknown): Promise<void> {
    const parsed = kafkaAskRequestSchema.safeParse(request);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      const id = (request as { requestId?: unknown } | null)?.requestId;
      const requestId = typeof id === 'string' && id.length > 0 && id.length <= 100 ? id : null;
      const error = new ChatbiError('INVALID_REQUEST', `${issue.path.join('.') || 'request'}: ${issue.message}`);
      await this.reply({ requestId, ok: false, error: error.toBody() });
      return;
    }
    const { requestId, auth, ...question } = parsed.data;
    let reply: KafkaAskReply;
    try {
      const principal = await this.access.authenticate({ api: 'kafka', headers: auth ?? {} });
      this.access.authorize(principal, 'ask');
      reply = { requestId, ok: true, answer: await this.asks.ask(question, principal) };
    } catch (error) {
      reply = { requestId, ok: false, error: ChatbiError.from(error).toBody() };
    }
    await this.reply(reply);
  }

  private async reply(reply: KafkaAskReply): Promise<void> {
    await this.bus.publish(TOPICS.apiReplies, reply.requestId ?? 'invalid-request', reply);
  }
}
