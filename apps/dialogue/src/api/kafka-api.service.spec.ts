import { AccessControl, TrustedUserVerifier } from '@chatbi/auth';
import { TOPICS, type AskResponse, type KafkaAskReply, type SemanticOperatorReport } from '@chatbi/contracts';
import { InProcessBus } from '@chatbi/transport';
import type { AskService } from '../ask.service';
import { AnswerMetrics } from '../metrics/answer.metrics';
import { KafkaApiService } from './kafka-api.service';

describe('Kafka API replies carry the semantic report', () => {
  it('publishes the answer with its semantic report on chatbi.api.replies', async () => {
    const semantic = [{ op: 'ai_filter', oracle: 'claude', rowsIn: 412, oracleCalls: 60, undecided: 3, undecidedReasons: { 'oracle budget spent': 3 } }] as unknown as SemanticOperatorReport[];
    const answer = { requestId: 'r-1', view: 'user_feedback', rows: [], warnings: [], semantic } as unknown as AskResponse;
    const bus = new InProcessBus();
    const replies: KafkaAskReply[] = [];
    bus.subscribe<KafkaAskReply>(TOPICS.apiReplies, async (reply) => void replies.push(reply));
    await new KafkaApiService({ ask: async () => answer } as unknown as AskService, bus, new AccessControl({ mode: 'auto', allowedHosts: ['localhost'], corsOrigins: [], rateLimitPerMinute: 0 }, new TrustedUserVerifier({})), new AnswerMetrics()).answer({ requestId: 'caller-1', question: 'how many feedback messages last week complained about login?' });
    await bus.drain();
    expect(replies).toEqual([{ requestId: 'caller-1', ok: true, answer: expect.objectContaining({ semantic }) }]);
  });
});
