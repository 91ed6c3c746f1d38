import { Registry } from 'prom-client';
import { AccessControl, TrustedUserVerifier } from '@chatbi/auth';
import { TOPICS, type AskResponse, type KafkaAskReply, type SemanticOperatorReport } from '@chatbi/contracts';
import { InProcessBus } from '@chatbi/transport';
import type { AskService } from '../ask.service';
import { AnswerMetrics } from '../metrics/answer.metrics';
import { KafkaApiService } from './kafka-api.service';

function openAccess(): AccessControl {
  return new AccessControl({ mode: 'auto', allowedHosts: ['localhost'], corsOrigins: [], rateLimitPerMinute: 0 }, new TrustedUserVerifier({}));
}

describe('KafkaApiService', () => {
  let bus: InProcessBus;
  let replies: KafkaAskReply[];

  beforeEach(() => {
    bus = new InProcessBus();
    replies = [];
    bus.subscribe<KafkaAskReply>(TOPICS.apiReplies, async (reply) => void replies.push(reply));
  });

  it('publishes the answer with its semantic report on chatbi.api.replies', async () => {
    const semantic = [{ op: 'ai_filter', oracle: 'claude', rowsIn: 412, oracleCalls: 60, undecided: 3, undecidedReasons: { 'oracle budget spent': 3 } }] as unknown as SemanticOperatorReport[];
    const answer = { requestId: 'r-1', view: 'user_feedback', rows: [], warnings: [], semantic } as unknown as AskResponse;
    await new KafkaApiService({ ask: async () => answer } as unknown as AskService, bus, openAccess(), new AnswerMetrics()).answer({ requestId: 'caller-1', question: 'how many feedback messages last week complained about login?' });
    await bus.drain();
    expect(replies).toEqual([{ requestId: 'caller-1', ok: true, answer: expect.objectContaining({ semantic }) }]);
  });

  it('asks under the caller\'s request id (so that a repeat gets the same reply) and counts every reply, a malformed request\'s too', async () => {
    const asked: unknown[][] = [];
    const asks = { ask: async (...args: unknown[]) => (asked.push(args), { requestId: 'k-1', rows: [] }) } as unknown as AskService;
    const registry = new Registry();
    const api = new KafkaApiService(asks, bus, openAccess(), new AnswerMetrics(registry));
    await api.answer({ requestId: 'k-1', question: 'DAU yesterday', sessionId: 's-1' });
    await api.answer({ requestId: 'k-2', question: 42 });
    await bus.drain();
    expect(asked).toEqual([[{ question: 'DAU yesterday', sessionId: 's-1' }, expect.objectContaining({ user: 'anonymous' }), 'k-1']]);
    expect(replies.map((r) => [r.requestId, r.ok ? 'OK' : r.error.code])).toEqual([['k-1', 'OK'], ['k-2', 'INVALID_REQUEST']]);
    const text = await registry.metrics();
    expect(text).toContain('chatbi_answers_total{entry="kafka",code="OK"} 1');
    expect(text).toContain('chatbi_answers_total{entry="kafka",code="INVALID_REQUEST"} 1');
  });
});
