import { DataSource } from 'typeorm';
import { catalogDataSourceOptions } from '@chatbi/catalog';
import type { AskResponse } from '@chatbi/contracts';
import { startPostgresTestServer, type PostgresTestServer } from '../../../../libs/catalog/src/persistence/testing/postgres-test-server';
import { DIALOGUE_MIGRATIONS } from '../dialogue.module';
import { ConversationAnswerEntity } from './conversation-answer.entity';
import { ConversationHistoryService, MAX_KEPT_ROWS } from './conversation-history.service';

function answer(question: string, rows: number): AskResponse {
  return {
    requestId: `r-${question}`,
    sessionId: 's',
    question,
    resolvedQuestion: question,
    view: 'user_activity_daily',
    plan: { view: 'user_activity_daily', metrics: [{ column: 'dau' }], dimensions: [], filters: [] } as never,
    sql: 'SELECT 1',
    sqlParams: ['main'],
    dialect: 'duckdb',
    columns: [{ name: 'dau', type: 'BIGINT', role: 'metric', additive: true }],
    rows: Array.from({ length: rows }, (_, i) => ({ dau: i })),
    truncated: false,
    chart: { kind: 'table', series: ['dau'] },
    timings: { total: 3 },
    tokens: null,
    warnings: [],
    planner: { planner: 'offline', unusedWords: [], guesses: [], tokens: null } as never,
  };
}

// PostgreSQL needs Debian's server binaries; without them that half fails and says what to install.
describe.each(['SQLite', 'PostgreSQL'])('ConversationHistoryService on %s', (engine) => {
  let server: PostgresTestServer | undefined;
  let db: DataSource;
  let history: ConversationHistoryService;

  beforeAll(async () => {
    if (engine === 'PostgreSQL') server = await startPostgresTestServer();
  }, 120_000);
  afterAll(async () => server?.stop(), 60_000);

  beforeEach(async () => {
    const options =
      engine === 'PostgreSQL'
        ? catalogDataSourceOptions({ kind: 'postgres', url: server!.url }, [ConversationAnswerEntity], DIALOGUE_MIGRATIONS)
        : catalogDataSourceOptions({ kind: 'sqlite', file: ':memory:' }, [ConversationAnswerEntity]);
    db = await new DataSource(options).initialize();
    await db.getRepository(ConversationAnswerEntity).clear();
    history = new ConversationHistoryService(db.getRepository(ConversationAnswerEntity));
  });
  afterEach(() => db.destroy());

  const ask = (user: string, sessionId: string, question: string, rows = 2) => history.record(user, sessionId, `r-${question}`, question, { answer: answer(question, rows) });

  it('lists a user\'s conversations newest first, titled by their first question, and only theirs', async () => {
    await ask('alice', 's1', 'DAU of the main app over the last 7 days');
    await ask('alice', 's1', 'what about the lite app?');
    await ask('bob', 's3', 'bob asks');
    await ask('alice', 's2', '近7天主版DAU');
    await history.record('alice', 's2', 'r-x', 'DAU in Lhasa', { error: { code: 'NEEDS_CLARIFICATION', message: 'unsure' } });
    const listed = await history.list('alice');
    expect(listed.map(({ sessionId, title, questions }) => ({ sessionId, title, questions }))).toEqual([
      { sessionId: 's2', title: '近7天主版DAU', questions: 2 },
      { sessionId: 's1', title: 'DAU of the main app over the last 7 days', questions: 2 },
    ]);
    expect(Date.parse(listed[0].lastAskedAt)).toBeGreaterThanOrEqual(Date.parse(listed[0].startedAt));
  });

  it('searches the questions of every turn, in any case, taking % and _ literally', async () => {
    await ask('alice', 's1', 'DAU of the main app over the last 7 days');
    await ask('alice', 's1', 'what about the LITE app?');
    await ask('alice', 's2', 'share of 100% users_active');
    expect((await history.list('alice', 'lite')).map((c) => c.sessionId)).toEqual(['s1']);
    expect((await history.list('alice', '100%')).map((c) => c.sessionId)).toEqual(['s2']);
    expect((await history.list('alice', 'users_a')).map((c) => c.sessionId)).toEqual(['s2']);
    expect(await history.list('alice', 'a_p')).toEqual([]);
    expect(await history.list('bob', 'lite')).toEqual([]);
    await expect(history.list('alice', 'x'.repeat(201))).rejects.toMatchObject({ code: 'INVALID_REQUEST' });
  });

  it('reopens a conversation with each answer and error in order, rows capped; another user\'s is not found', async () => {
    await ask('alice', 's1', 'big', MAX_KEPT_ROWS + 5);
    await history.record('alice', 's1', 'r-2', 'DAU in Lhasa', { error: { code: 'NEEDS_CLARIFICATION', message: 'unsure', details: { words: ['lhasa'] } } });
    const opened = await history.open('alice', 's1');
    expect(opened.turns.map((t) => t.question)).toEqual(['big', 'DAU in Lhasa']);
    const first = opened.turns[0] as { answer: AskResponse };
    expect(first.answer.rows).toHaveLength(MAX_KEPT_ROWS);
    expect(first.answer.truncated).toBe(true);
    expect(first.answer.sqlParams).toEqual(['main']);
    expect(opened.turns[1]).toMatchObject({ error: { code: 'NEEDS_CLARIFICATION', details: { words: ['lhasa'] } } });
    await expect(history.open('bob', 's1')).rejects.toMatchObject({ code: 'SESSION_NOT_FOUND' });
  });

  if (engine === 'PostgreSQL') {
    it('gets its table from the migration, which matches the entity', async () => {
      expect((await db.query('SELECT name FROM migrations')).map((r: { name: string }) => r.name)).toContain('CreateConversationAnswer1730000001450');
      expect((await db.driver.createSchemaBuilder().log()).upQueries.map((q) => q.query)).toEqual([]);
    });
  }
});
