import { DataSource } from 'typeorm';
import { catalogDataSourceOptions } from '@chatbi/catalog';
import { startPostgresTestServer, type PostgresTestServer } from '../../../libs/catalog/src/persistence/testing/postgres-test-server';
import { AnswerFeedbackEntity } from './feedback.entity';
import { FeedbackService } from './feedback.service';
import { QuestionLogEntity } from './question-log.entity';
import { VIEW_ADVISOR_ENTITIES, VIEW_ADVISOR_MIGRATIONS } from './view-advisor.module';

// Needs Debian's PostgreSQL server binaries; without them this suite fails and says what to install.
describe('FeedbackService on PostgreSQL', () => {
  let server: PostgresTestServer;
  let db: DataSource;

  beforeAll(async () => {
    server = await startPostgresTestServer();
    db = await new DataSource(catalogDataSourceOptions({ kind: 'postgres', url: server.url }, VIEW_ADVISOR_ENTITIES, VIEW_ADVISOR_MIGRATIONS)).initialize();
  }, 120_000);

  afterAll(async () => {
    if (db?.isInitialized) await db.destroy();
    await server?.stop();
  }, 60_000);

  it('creates answer_feedback with its migration, matching the entity', async () => {
    const ran: { name: string }[] = await db.query('SELECT name FROM migrations ORDER BY id');
    expect(ran.map((m) => m.name)).toContain('CreateAnswerFeedback1730000000800');
    const pending = await db.driver.createSchemaBuilder().log();
    expect(pending.upQueries.map((q) => q.query).filter((q) => q.includes('answer_feedback'))).toEqual([]);
  });

  it('upserts per request and counts per view', async () => {
    const service = new FeedbackService(db.getRepository(AnswerFeedbackEntity), db.getRepository(QuestionLogEntity));
    const log = db.getRepository(QuestionLogEntity);
    await log.insert([
      { requestId: 'p1', sessionId: 's', question: 'q1', view: 'user_activity_daily', outcome: 'answered', errorCode: null, needed: null },
      { requestId: 'p2', sessionId: 's', question: 'q2', view: 'user_activity_daily', outcome: 'answered', errorCode: null, needed: null },
    ]);
    await service.record({ requestId: 'p1', useful: false });
    await service.record({ requestId: 'p1', useful: true });
    await service.record({ requestId: 'p2', useful: false });
    expect(await db.query(`SELECT "requestId", "useful" FROM answer_feedback ORDER BY "requestId"`)).toEqual([
      { requestId: 'p1', useful: true },
      { requestId: 'p2', useful: false },
    ]);
    expect(Object.fromEntries(await service.countsByView())).toEqual({ user_activity_daily: { useful: 1, notUseful: 1 } });
  });
});
