import type { Repository } from 'typeorm';
import { MAX_TURNS_READ, type ConversationStore, type ConversationTurn, type TurnOutcome } from './conversation.store';
import { ConversationTurnEntity } from './conversation-turn.entity';

/** Conversations in the metadata database (SQLite embedded, PostgreSQL distributed): they outlive a restart. */
export class TypeOrmConversationStore implements ConversationStore {
  constructor(private readonly rows: Repository<ConversationTurnEntity>) {}

  async turns(sessionId: string): Promise<ConversationTurn[]> {
    const rows = await this.rows.find({ where: { sessionId }, order: { id: 'DESC' }, take: MAX_TURNS_READ });
    return rows.reverse().map(toTurn);
  }

  async append(sessionId: string, turn: ConversationTurn): Promise<void> {
    await this.rows.insert({
      sessionId,
      requestId: turn.requestId,
      question: turn.question,
      resolvedQuestion: turn.resolvedQuestion,
      rewrittenQuestion: turn.rewrittenQuestion ?? null,
      complete: turn.complete,
      view: turn.view ?? null,
      plan: turn.plan ?? null,
      answeredAt: turn.answeredAt ?? null,
    });
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
