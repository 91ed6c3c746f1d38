import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { In, type Repository } from 'typeorm';
import { ChatbiError, scopedRequestId } from '@chatbi/contracts';
import { AnswerFeedbackEntity } from './feedback.entity';
import { feedbackRequestSchema, type FeedbackCounts, type FeedbackReceipt } from './feedback.schema';
import { QuestionLogEntity } from './question-log.entity';

const LOG_POLL_MS = 50;

/** Records "was this useful?" per answered request and counts it per view for the advisor. */
@Injectable()
export class FeedbackService {
  /** How long to wait for the question log: it is written from the bus, possibly just after the reply. */
  logWaitMs = 3_000;

  constructor(
    @InjectRepository(AnswerFeedbackEntity) private readonly feedback: Repository<AnswerFeedbackEntity>,
    @InjectRepository(QuestionLogEntity) private readonly log: Repository<QuestionLogEntity>,
  ) {}

  /**
   * caller: the asking user's key (callerKey); a question sent with its own requestId was logged
   * under that caller's scoped id, one sent without under the id its answer carried.
   */
  async record(body: unknown, caller?: string): Promise<FeedbackReceipt> {
    const parsed = feedbackRequestSchema.safeParse(body);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      throw new ChatbiError('INVALID_REQUEST', `${issue.path.join('.') || 'body'}: ${issue.message}`);
    }
    const { requestId, useful } = parsed.data;
    const logged = await this.findLogged(caller ? [scopedRequestId(caller, requestId), requestId] : [requestId]);
    if (!logged) {
      throw new ChatbiError('INVALID_REQUEST', `No question with requestId ${requestId} was answered here; feedback needs the requestId of an answer.`, { requestId });
    }
    await this.feedback.upsert({ requestId: logged.requestId, useful, view: logged.view }, { conflictPaths: ['requestId'] });
    return { requestId, useful, view: logged.view };
  }

  /** Useful and not-useful counts per view. */
  async countsByView(): Promise<Map<string, FeedbackCounts>> {
    const rows: { view: string; useful: boolean | number | string; n: string | number }[] = await this.feedback
      .createQueryBuilder('f')
      .select('f.view', 'view')
      .addSelect('f.useful', 'useful')
      .addSelect('COUNT(*)', 'n')
      .where('f.view IS NOT NULL')
      .groupBy('f.view')
      .addGroupBy('f.useful')
      .getRawMany();
    const counts = new Map<string, FeedbackCounts>();
    for (const row of rows) {
      const entry = counts.get(row.view) ?? { useful: 0, notUseful: 0 };
      // SQLite returns booleans as 0/1, PostgreSQL as true/false.
      if (row.useful === true || Number(row.useful) === 1) entry.useful += Number(row.n);
      else entry.notUseful += Number(row.n);
      counts.set(row.view, entry);
    }
    return counts;
  }

  private async findLogged(requestIds: string[]): Promise<QuestionLogEntity | null> {
    const deadline = Date.now() + this.logWaitMs;
    for (;;) {
      const entry = await this.log.findOne({ where: { requestId: In(requestIds) }, order: { id: 'DESC' } });
      if (entry || Date.now() >= deadline) return entry;
      await new Promise((resolve) => setTimeout(resolve, LOG_POLL_MS));
    }
  }
}
