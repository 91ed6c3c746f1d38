import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import { AuditEventEntity, AuditLog } from '@chatbi/audit';
import { ConversationTurnEntity } from '@chatbi/dialogue';
import { QuestionLogEntity } from '@chatbi/view-advisor';
import { startPostgresTestServer, type PostgresTestServer } from '../../../../libs/catalog/src/persistence/testing/postgres-test-server';
import { metadataDataSourceOptions } from '../metadata-options';
import { MetadataRetention } from './metadata-retention.service';

const DAY_MS = 86_400_000;
const POLICY = { auditDays: 90, conversationDays: 30, questionLogDays: 60 };

/** Sets a row's createdAt to `days` ago by the database's clock, as if it had been written then. */
async function age(ds: DataSource, table: string, id: number, days: number): Promise<void> {
  const then = ds.options.type === 'postgres' ? `now() - make_interval(days => ${days})` : `datetime('now', '-${days} days')`;
  await ds.query(`UPDATE "${table}" SET "createdAt" = ${then} WHERE id = ${id}`);
}

async function logQuestion(ds: DataSource, question: string, days: number): Promise<void> {
  const { identifiers } = await ds.getRepository(QuestionLogEntity).insert({ requestId: question, sessionId: 's', question, view: 'activity', outcome: 'answered', errorCode: null, needed: null });
  await age(ds, 'question_log', identifiers[0].id as number, days);
}

async function turn(ds: DataSource, sessionId: string, requestId: string, days: number): Promise<void> {
  const { identifiers } = await ds.getRepository(ConversationTurnEntity).insert({ sessionId, user: 'alice', requestId, question: requestId, resolvedQuestion: requestId, complete: true });
  await age(ds, 'conversation_turn', identifiers[0].id as number, days);
}

describe.each([
  ['SQLite, the embedded store', 'sqlite'],
  ['PostgreSQL', 'postgres'],
] as const)('metadata retention on %s', (_name, kind) => {
  let pg: PostgresTestServer | undefined;
  let dir: string;
  let ds: DataSource;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'chatbi-retention-'));
    if (kind === 'postgres') pg = await startPostgresTestServer();
    ds = await new DataSource(metadataDataSourceOptions({ CHATBI_DATA_DIR: dir, CHATBI_METADATA_URL: pg?.url })).initialize();
  }, 120_000);

  afterAll(async () => {
    if (ds?.isInitialized) await ds.destroy();
    await pg?.stop();
    rmSync(dir, { recursive: true, force: true });
  }, 60_000);

  it('deletes only what is older than each retention, and a conversation only when its latest turn is', async () => {
    for (const [question, days] of [['older', 61], ['much older', 400], ['younger', 59], ['today', 0]] as const) await logQuestion(ds, question, days);
    await turn(ds, 'quiet', 'q1', 45);
    await turn(ds, 'quiet', 'q2', 31);
    await turn(ds, 'ongoing', 'o1', 45);
    await turn(ds, 'ongoing', 'o2', 29);
    const audit = new AuditLog(ds);
    const now = new Date();
    for (const days of [91, 89]) await audit.record({ kind: 'ask', user: `${days}-days`, via: 'token', outcome: 'answered', at: new Date(now.getTime() - days * DAY_MS).toISOString() });

    const retention = new MetadataRetention(ds, POLICY);
    expect(await retention.purge(now)).toEqual({ auditEvents: 1, conversationTurns: 2, questionLog: 2 });

    expect((await ds.getRepository(QuestionLogEntity).find({ order: { id: 'ASC' } })).map((q) => q.question)).toEqual(['younger', 'today']);
    expect((await ds.getRepository(ConversationTurnEntity).find({ order: { id: 'ASC' } })).map((t) => t.requestId)).toEqual(['o1', 'o2']);
    expect((await ds.getRepository(AuditEventEntity).find()).map((e) => e.user)).toEqual(['89-days']);
    expect(await retention.purge(now)).toEqual({ auditEvents: 0, conversationTurns: 0, questionLog: 0 });
  });

  it('refuses a retention that is not a positive number of days', () => {
    expect(() => new MetadataRetention(ds, { ...POLICY, questionLogDays: 0 })).toThrow(/questionLogDays: a retention is a positive whole number of days/);
  });
});
