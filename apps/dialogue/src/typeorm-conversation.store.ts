import type { Repository } from 'typeorm';
import { MAX_TURNS_READ, type ConversationStore, type ConversationTurn, type TurnOutcome } from './conversation.store';
import { ConversationTurnEntity } from './conversation-turn.entity';

/** Conversations in the metadata database (SQLite embedded, PostgreSQL distributed): they outlive a restart. */
export class TypeOrmConversationStore implements ConversationStore {
  constructor(private readonly rows: Repository<ConversationTurnEntity>) {}

  /**
   * Only the turns matching reads, in one query: from the session's latest answered complete turn
   * on, of its most recent MAX_TURNS_READ (all of those when none is complete and answered).
   */
  async turns(sessionId: string, user: string): Promise<ConversationTurn[]> {
    const query = this.rows.createQueryBuilder('turn');
    const latestAnsweredComplete = query
      .subQuery()
      .select('MAX(anchor.id)')
      .from(ConversationTurnEntity, 'anchor')
      .where('anchor.sessionId = :sessionId')
      .andWhere('anchor.user = :user')
      .andWhere('anchor.complete = :complete')
      .andWhere('anchor.plan IS NOT NULL')
      .getQuery();
    const rows = await query
      .where('turn.sessionId = :sessionId', { sessionId, user, complete: true })
      .andWhere('turn.user = :user')
      .andWhere(`turn.id >= COALESCE(${latestAnsweredComplete}, 0)`)
      .orderBy('turn.id', 'DESC')
      .limit(MAX_TURNS_READ)
      .getMany();
    return rows.reverse().map(toTurn);
  }

  async owner(sessionId: string): Promise<string | undefined> {
    const first = await this.rows.findOne({ where: { sessionId }, order: { id: 'ASC' }, select: { id: true, user: true } });
    return first?.user;
  }

  async append(sessionId: string, user: string, turn: ConversationTurn): Promise<void> {
    // Without updateEntity(false) TypeORM reads the generated id and createdAt back: a second round trip.
    await this.rows.createQueryBuilder().insert().updateEntity(false).values({
      sessionId,
      user,
      requestId: turn.requestId,
      question: turn.question,
      resolvedQuestion: turn.resolvedQuestion,
      rewrittenQuestion: turn.rewrittenQuestion ?? null,
      complete: turn.complete,
      view: turn.view ?? null,
      plan: turn.plan ?? null,
      answeredAt: turn.answeredAt ?? null,
    }).execute();
  }

  async complete(sessionId: string, requestId: string, update: TurnOutcome): Promise<void> {
    await this.rows.update({ sessionId, requestId }, { view: update.view ?? null, plan: update.plan ?? null, answeredAt: update.answeredAt ?? null });
  }
}

function toTurn(row: ConversationTurnEntity): ConversationTurn {
  return {
    requestId: row.requestId,
    question: row.question,
    resolvedQuestion: row.resolvedQuestion,
    ...(row.rewrittenQuestion !== null ? { rewrittenQuestion: row.rewrittenQuestion } : {}),
    complete: Boolean(row.complete),
    ...(row.view !== null ? { view: row.view } : {}),
    ...(row.plan !== null ? { plan: row.plan } : {}),
    ...(row.answeredAt !== null ? { answeredAt: row.answeredAt } : {}),
  };
}
