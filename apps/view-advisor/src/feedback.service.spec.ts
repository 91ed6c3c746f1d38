import { DataSource } from 'typeorm';
import { ChatbiError, scopedRequestId } from '@chatbi/contracts';
import { AnswerFeedbackEntity } from './feedback.entity';
import { FeedbackService } from './feedback.service';
import { QuestionLogEntity } from './question-log.entity';

describe('FeedbackService (SQLite)', () => {
  let db: DataSource;
  let service: FeedbackService;

  beforeEach(async () => {
    db = await new DataSource({ type: 'better-sqlite3', database: ':memory:', entities: [QuestionLogEntity, AnswerFeedbackEntity], synchronize: true }).initialize();
    service = new FeedbackService(db.getRepository(AnswerFeedbackEntity), db.getRepository(QuestionLogEntity));
    service.logWaitMs = 300;
  });

  afterEach(() => db.destroy());

  const logAnswer = (requestId: string, view: string | null) =>
    db.getRepository(QuestionLogEntity).insert({ requestId, sessionId: 's', question: 'q', view, outcome: view ? 'answered' : 'failed', errorCode: null, needed: null });

  async function rejection(body: unknown): Promise<ChatbiError> {
    const error = await service.record(body).then(() => undefined, (e: unknown) => e);
    expect(error).toBeInstanceOf(ChatbiError);
    return error as ChatbiError;
  }

  it('stores one row per request, the latest answer winning, with the view that answered', async () => {
    await logAnswer('r1', 'user_activity_daily');
    expect(await service.record({ requestId: 'r1', useful: true })).toEqual({ requestId: 'r1', useful: true, view: 'user_activity_daily' });
    await service.record({ requestId: 'r1', useful: false });
    const rows = await db.getRepository(AnswerFeedbackEntity).find();
    expect(rows.map(({ requestId, useful, view }) => ({ requestId, useful, view }))).toEqual([{ requestId: 'r1', useful: false, view: 'user_activity_daily' }]);
  });

  it('finds a question its caller sent with their own requestId, logged under the id scoped to that caller, and no other caller does', async () => {
    await logAnswer(scopedRequestId('api-token:bob', 'panel-req-1'), 'user_activity_daily');
    expect(await service.record({ requestId: 'panel-req-1', useful: true }, 'api-token:bob')).toEqual({ requestId: 'panel-req-1', useful: true, view: 'user_activity_daily' });
    await expect(service.record({ requestId: 'panel-req-1', useful: false }, 'api-token:eve')).rejects.toMatchObject({ code: 'INVALID_REQUEST' });
  });

  it('waits for a question log entry that lands just after the reply', async () => {
    setTimeout(() => void logAnswer('late', 'search_daily'), 100);
    expect(await service.record({ requestId: 'late', useful: true })).toMatchObject({ view: 'search_daily' });
  });

  it('refuses a requestId that no question had, and saves nothing', async () => {
    const error = await rejection({ requestId: 'never-asked', useful: true });
    expect(error.code).toBe('INVALID_REQUEST');
    expect(error.message).toContain('never-asked');
    expect(await db.getRepository(AnswerFeedbackEntity).count()).toBe(0);
  });

  it.each([
    [{ requestId: 'r1' }, 'useful'],
    [{ requestId: 'r1', useful: 'yes' }, 'useful'],
    [{ useful: true }, 'requestId'],
    [{ requestId: 'x'.repeat(65), useful: true }, 'requestId'],
    [{ requestId: "r1'; drop table answer_feedback; --", useful: true }, 'requestId'],
    [{ requestId: 'r1', useful: true, comment: 'extra' }, 'comment'],
    [null, 'body'],
  ])('refuses %j with INVALID_REQUEST naming %s', async (body, field) => {
    await logAnswer('r1', 'user_activity_daily');
    const error = await rejection(body);
    expect(error.code).toBe('INVALID_REQUEST');
    expect(error.message).toContain(field);
  });

  it('counts useful and not useful per view', async () => {
    for (const [id, view] of [['a', 'v1'], ['b', 'v1'], ['c', 'v1'], ['d', 'v2'], ['e', null]] as const) await logAnswer(id, view);
    await service.record({ requestId: 'a', useful: true });
    await service.record({ requestId: 'b', useful: true });
    await service.record({ requestId: 'c', useful: false });
    await service.record({ requestId: 'd', useful: false });
    await service.record({ requestId: 'e', useful: false });
    expect(Object.fromEntries(await service.countsByView())).toEqual({ v1: { useful: 2, notUseful: 1 }, v2: { useful: 0, notUseful: 1 } });
  });
});
