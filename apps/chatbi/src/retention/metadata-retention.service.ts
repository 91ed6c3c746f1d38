import type { DataSource } from 'typeorm';
import { AuditLog } from '@chatbi/audit';
import { ConversationTurnEntity } from '@chatbi/dialogue';
import { QuestionLogEntity } from '@chatbi/view-advisor';

/** How many days each kind of row of the metadata database is kept. */
export interface RetentionPolicy {
  auditDays: number;
  conversationDays: number;
  questionLogDays: number;
}

/** Rows deleted by one purge, per table. */
export interface PurgeCounts {
  auditEvents: number;
  conversationTurns: number;
  questionLog: number;
}

/**
 * Deletes what the metadata database keeps past its retention: audit events, questions of the
 * view advisor's log, and whole conversations whose latest turn is that old (a conversation still
 * in use keeps its first turns, which its follow-ups build on). Nothing younger is touched.
 *
 * The question log and conversations are stamped by the database's clock (CreateDateColumn), so
 * their cut-off is computed by the database too; the audit log is stamped by the app's clock.
 */
export class MetadataRetention {
  constructor(
    private readonly dataSource: DataSource,
    private readonly policy: RetentionPolicy,
  ) {
    for (const [name, days] of Object.entries(policy)) {
      if (!Number.isInteger(days) || days <= 0) throw new Error(`${name}: a retention is a positive whole number of days, not ${days}`);
    }
  }

  async purge(now = new Date()): Promise<PurgeCounts> {
    const auditEvents = await new AuditLog(this.dataSource).prune(this.policy.auditDays, now);
    const questionLog = await this.deleteOldQuestions(this.policy.questionLogDays);
    const conversationTurns = await this.deleteQuietConversations(this.policy.conversationDays);
    return { auditEvents, conversationTurns, questionLog };
  }

  private async deleteOldQuestions(days: number): Promise<number> {
    const { condition, params } = this.olderThan('"createdAt"', days);
    const result = await this.dataSource.createQueryBuilder().delete().from(QuestionLogEntity).where(condition, params).execute();
    return result.affected ?? 0;
  }

  private async deleteQuietConversations(days: number): Promise<number> {
    const { condition, params } = this.olderThan('MAX(latest."createdAt")', days);
    const quiet = this.dataSource
      .createQueryBuilder()
      .subQuery()
      .select('latest.sessionId')
      .from(ConversationTurnEntity, 'latest')
      .groupBy('latest.sessionId')
      .having(condition)
      .getQuery();
    const result = await this.dataSource.createQueryBuilder().delete().from(ConversationTurnEntity).where(`"sessionId" IN ${quiet}`, params).execute();
    return result.affected ?? 0;
  }

  /** `column` older than `days` days by the database's own clock. */
  private olderThan(column: string, days: number): { condition: string; params: Record<string, unknown> } {
    return this.dataSource.options.type === 'postgres'
      ? { condition: `${column} < now() - make_interval(days => :days)`, params: { days } }
      : { condition: `${column} < datetime('now', :modifier)`, params: { modifier: `-${days} days` } };
  }
}

export function describePurge(counts: PurgeCounts): string {
  return `${counts.auditEvents} audit events, ${counts.conversationTurns} conversation turns, ${counts.questionLog} logged questions`;
}
