import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Logger } from '@nestjs/common';
import fc from 'fast-check';
import { DataSource, type Logger as TypeOrmLogger } from 'typeorm';
import { catalogDataSourceOptions } from '@chatbi/catalog';
import type { Plan } from '@chatbi/contracts';
import { conversationStoreFor } from './conversation-store.factory';
import { ConversationTurnEntity } from './conversation-turn.entity';
import { InMemoryConversationStore, MAX_TURNS_READ, type ConversationTurn } from './conversation.store';
import { TypeOrmConversationStore } from './typeorm-conversation.store';

describe('TypeOrmConversationStore on SQLite', () => {
  const dir = mkdtempSync(join(tmpdir(), 'chatbi-conversations-'));
  const file = join(dir, 'metadata.sqlite');
  const open = () => new DataSource(catalogDataSourceOptions({ kind: 'sqlite', file }, [ConversationTurnEntity])).initialize();
  const plan: Plan = { view: 'user_activity_daily', metrics: [{ column: 'dau' }], dimensions: ['os'], filters: [{ column: 'app_name', op: '=', value: 'lite' }], compare: [{ kind: 'wow' }], order: [] };

  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('keeps turns and their answers across a restart of the database connection', async () => {
    const first = await open();
    const store = conversationStoreFor(first);
    expect(store).toBeInstanceOf(TypeOrmConversationStore);
    await store.append('s1', 'alice', { requestId: 'r1', question: 'DAU of the lite app', resolvedQuestion: 'DAU of the lite app', complete: true });
    await store.append('s1', 'alice', { requestId: 'r2', question: 'by os', resolvedQuestion: 'DAU of the lite app, by os (…)', rewrittenQuestion: 'DAU of the lite app, by os', complete: false });
    await store.append('s2', 'alice', { requestId: 'r3', question: 'other session', resolvedQuestion: 'other session', complete: true });
    await store.complete('s1', 'r1', { view: 'user_activity_daily', plan, answeredAt: '2025-06-15T08:00:00.000Z' });
    await first.destroy();

    const second = await open();
    const turns = await conversationStoreFor(second).turns('s1', 'alice');
    expect(turns).toEqual([
      { requestId: 'r1', question: 'DAU of the lite app', resolvedQuestion: 'DAU of the lite app', complete: true, view: 'user_activity_daily', plan, answeredAt: '2025-06-15T08:00:00.000Z' },
      { requestId: 'r2', question: 'by os', resolvedQuestion: 'DAU of the lite app, by os (…)', rewrittenQuestion: 'DAU of the lite app, by os', complete: false },
    ]);
    expect(await conversationStoreFor(second).turns('nobody', 'alice')).toEqual([]);
    // A session belongs to whoever started it: another user reads none of its turns.
    expect(await conversationStoreFor(second).turns('s1', 'mallory')).toEqual([]);
    expect(await conversationStoreFor(second).owner('s1')).toBe('alice');
    expect(await conversationStoreFor(second).owner('nobody')).toBeUndefined();
    await second.destroy();
  });

  it('reads, in one query, the turns from the latest answered complete one on, within the most recent ones', async () => {
    const queries: string[] = [];
    const logger: TypeOrmLogger = {
      logQuery: (query) => void queries.push(query),
      logQueryError: () => undefined,
      logQuerySlow: () => undefined,
      logSchemaBuild: () => undefined,
      logMigration: () => undefined,
      log: () => undefined,
    };
    const ds = await new DataSource({ ...catalogDataSourceOptions({ kind: 'sqlite', file: ':memory:' }, [ConversationTurnEntity]), logger }).initialize();
    try {
      const store = new TypeOrmConversationStore(ds.getRepository(ConversationTurnEntity));
      const shape = fc.array(fc.record({ complete: fc.boolean(), answered: fc.boolean() }), { maxLength: MAX_TURNS_READ + 15 });
      let session = 0;
      await fc.assert(
        fc.asyncProperty(shape, async (shapes) => {
          const sessionId = `p${session++}`;
          const turns: ConversationTurn[] = shapes.map((t, i) => ({
            requestId: `r${i}`, question: `q${i}`, resolvedQuestion: `q${i}`, complete: t.complete,
            ...(t.answered ? { view: 'user_activity_daily', plan, answeredAt: '2025-06-15T08:00:00.000Z' } : {}),
          }));
          for (const turn of turns) {
            const { view, plan: answer, answeredAt, ...asked } = turn;
            queries.length = 0;
            await store.append(sessionId, 'alice', asked);
            expect(queries).toHaveLength(1);
            if (answer) await store.complete(sessionId, turn.requestId, { view, plan: answer, answeredAt });
          }
          const recent = turns.slice(-MAX_TURNS_READ);
          const anchor = recent.map((t) => t.complete && t.plan !== undefined).lastIndexOf(true);
          queries.length = 0;
          expect(await store.turns(sessionId, 'alice')).toEqual(recent.slice(Math.max(anchor, 0)));
          expect(queries).toHaveLength(1);
        }),
        { numRuns: 40, seed: 6 },
      );
    } finally {
      await ds.destroy();
    }
  });

  it('keeps conversations in memory, with a warning, when the database does not know the table', async () => {
    const warn = jest.spyOn(Logger.prototype, 'warn').mockImplementation(() => undefined);
    const ds = await new DataSource(catalogDataSourceOptions({ kind: 'sqlite', file: ':memory:' })).initialize();
    try {
      expect(conversationStoreFor(ds)).toBeInstanceOf(InMemoryConversationStore);
      expect(warn).toHaveBeenCalledWith(expect.stringMatching(/ConversationTurnEntity/));
    } finally {
      await ds.destroy();
      warn.mockRestore();
    }
  });
});
