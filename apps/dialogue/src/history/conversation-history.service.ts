import { Logger } from '@nestjs/common';
import { In, type Repository } from 'typeorm';
import { ChatbiError, type AskResponse, type ConversationDetail, type ConversationRecord, type ConversationSummary, type ErrorBody } from '@chatbi/contracts';
import { ConversationAnswerEntity } from './conversation-answer.entity';

/** Rows of an answer kept for reopening it; the rest are re-read by asking again. */
export const MAX_KEPT_ROWS = 1000;
/** Conversations a list shows at most, newest first. */
export const MAX_LISTED = 50;
const MAX_SEARCH_LENGTH = 200;

export type AskOutcome = { answer: AskResponse } | { error: ErrorBody };

/** The conversations each user had, with what every question got back: to list, search and reopen. */
export class ConversationHistoryService {
  private readonly logger = new Logger(ConversationHistoryService.name);

  constructor(private readonly rows: Repository<ConversationAnswerEntity>) {}

  /** Keeps a question's outcome. A failure to keep it is logged and does not fail the answer. */
  async record(user: string, sessionId: string, requestId: string, question: string, outcome: AskOutcome): Promise<void> {
    const answer = 'answer' in outcome ? capped(outcome.answer) : null;
    try {
      await this.rows.save(this.rows.create({ user, sessionId, requestId, question, answer, error: 'error' in outcome ? outcome.error : null }));
    } catch (error) {
      this.logger.error(`the answer to ${requestId} was not kept in the history: ${(error as Error).message}`);
    }
  }

  /** The user's conversations, newest first; with a search, those with a question containing it (any case). */
  async list(user: string, search = ''): Promise<ConversationSummary[]> {
    const text = search.trim().toLowerCase();
    if (text.length > MAX_SEARCH_LENGTH) throw new ChatbiError('INVALID_REQUEST', `A search may have at most ${MAX_SEARCH_LENGTH} characters.`);
    const query = this.rows
      .createQueryBuilder('a')
      .select('a.sessionId', 'sessionId')
      .addSelect('MIN(a.id)', 'first')
      .addSelect('MAX(a.id)', 'last')
      .addSelect('COUNT(*)', 'questions')
      .where('a.user = :user', { user })
      .groupBy('a.sessionId');
    if (text) {
      const matching = query
        .subQuery()
        .select('m.sessionId')
        .from(ConversationAnswerEntity, 'm')
        .where('m.user = :user')
        .andWhere(`LOWER(m.question) LIKE :pattern ESCAPE '\\'`)
        .getQuery();
      query.andWhere(`a.sessionId IN ${matching}`, { pattern: `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%` });
    }
    const groups: { sessionId: string; first: number | string; last: number | string; questions: number | string }[] = await query.getRawMany();
    const newest = groups.sort((a, b) => Number(b.last) - Number(a.last)).slice(0, MAX_LISTED);
    const ends = await this.rows.find({ where: { id: In(newest.flatMap((g) => [Number(g.first), Number(g.last)])) }, select: { id: true, question: true, createdAt: true } });
    const byId = new Map(ends.map((row) => [row.id, row]));
    return newest.map((g) => ({
      sessionId: g.sessionId,
      title: byId.get(Number(g.first))!.question,
      questions: Number(g.questions),
      startedAt: byId.get(Number(g.first))!.createdAt.toISOString(),
      lastAskedAt: byId.get(Number(g.last))!.createdAt.toISOString(),
    }));
  }

  /** A conversation of the user's with its answers, oldest first; another user's is not found. */
  async open(user: string, sessionId: string): Promise<ConversationDetail> {
    const rows = await this.rows.find({ where: { user, sessionId }, order: { id: 'ASC' } });
    if (rows.length === 0) throw new ChatbiError('SESSION_NOT_FOUND', `There is no conversation ${sessionId} of yours.`);
    return { sessionId, turns: rows.map(toRecord) };
  }
}

function capped(answer: AskResponse): AskResponse {
  return answer.rows.length <= MAX_KEPT_ROWS ? answer : { ...answer, rows: answer.rows.slice(0, MAX_KEPT_ROWS), truncated: true };
}

function toRecord(row: ConversationAnswerEntity): ConversationRecord {
  const common = { requestId: row.requestId, question: row.question, askedAt: row.createdAt.toISOString() };
  return row.answer ? { ...common, answer: row.answer } : { ...common, error: row.error ?? { code: 'INTERNAL', message: 'This question has no answer on record.' } };
}
