import { DataSource } from 'typeorm';
import { catalogDataSourceOptions } from '@chatbi/catalog';
import { startPostgresTestServer, type PostgresTestServer } from '../../../libs/catalog/src/persistence/testing/postgres-test-server';
import { ConversationTurnEntity } from './conversation-turn.entity';
import { DIALOGUE_MIGRATIONS } from './dialogue.module';
import { TypeOrmConversationStore } from './typeorm-conversation.store';

// Needs Debian's PostgreSQL server binaries; without them this suite fails and says what to install.
describe('TypeOrmConversationStore on PostgreSQL', () => {
  let server: PostgresTestServer;
  const open: DataSource[] = [];

  const connect = async () => {
    const ds = await new DataSource(
      catalogDataSourceOptions({ kind: 'postgres', url: server.url }, [ConversationTurnEntity], DIALOGUE_MIGRATIONS),
    ).initialize();
    open.push(ds);
    return ds;
  };

  beforeAll(async () => {
    server = await startPostgresTestServer();
  }, 120_000);

  afterAll(async () => {
    for (const ds of open) if (ds.isInitialized) await ds.destroy();
    await server?.stop();
  }, 60_000);

  it('creates the table with its migration, and the table matches the entity', async () => {
    const ds = await connect();
    expect((await ds.query('SELECT name FROM migrations ORDER BY id')).map((r: { name: string }) => r.name)).toContain('CreateConversationTurn1730000000500');
    const pending = await ds.driver.createSchemaBuilder().log();
    expect(pending.upQueries.map((q) => q.query)).toEqual([]);
  });

  it('round-trips a conversation through a new connection', async () => {
    const store = new TypeOrmConversationStore((await connect()).getRepository(ConversationTurnEntity));
    await store.append('pg-session', 'alice', { requestId: 'r1', question: '近7天主版DAU', resolvedQuestion: '近7天主版DAU', complete: true });
    await store.complete('pg-session', 'r1', {
      view: 'user_activity_daily',
      plan: { view: 'user_activity_daily', metrics: [{ column: 'dau' }], dimensions: [], filters: [], compare: [], order: [] },
      answeredAt: '2025-06-15T08:00:00.000Z',
    });
    const again = new TypeOrmConversationStore((await connect()).getRepository(ConversationTurnEntity));
    const [turn] = await again.turns('pg-session', 'alice');
    expect(await again.turns('pg-session', 'mallory')).toEqual([]);
    expect(await again.owner('pg-session')).toBe('alice');
    expect(turn).toMatchObject({ requestId: 'r1', question: '近7天主版DAU', complete: true, view: 'user_activity_daily', plan: { metrics: [{ column: 'dau' }] } });
  });
});
