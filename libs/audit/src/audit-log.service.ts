import { Logger } from '@nestjs/common';
import { Between, LessThan, LessThanOrEqual, MoreThanOrEqual, type DataSource, type FindOptionsWhere, type Repository } from 'typeorm';
import type { QueryDeepPartialEntity } from 'typeorm/query-builder/QueryPartialEntity';
import { AuditEventEntity, type AuditKind } from './audit-event.entity';

/** An event to record; `at` defaults to now. */
export type NewAuditEvent = Partial<Omit<AuditEventEntity, 'id' | 'kind' | 'user' | 'via' | 'outcome'>> & Pick<AuditEventEntity, 'kind' | 'user' | 'via' | 'outcome'>;

export interface AuditQuery {
  user?: string;
  kind?: AuditKind;
  outcome?: string;
  /** ISO dates or times, inclusive. */
  since?: string;
  until?: string;
  limit: number;
}

/** The longest text kept per field: a question is at most 2,000 characters, SQL and diffs are cut here. */
const MAX_TEXT = 200_000;

/** The audit log in the metadata database: written by the API edge and the catalog editor, read by `chatbi audit`. */
export class AuditLog {
  private readonly logger = new Logger(AuditLog.name);
  private readonly rows: Repository<AuditEventEntity>;

  constructor(dataSource: DataSource) {
    this.rows = dataSource.getRepository(AuditEventEntity);
  }

  /**
   * Records an event. A metadata database that cannot take it (a full disk) is logged, and the
   * request it describes still gets its answer: the log is not allowed to take the service down.
   */
  async record(event: NewAuditEvent): Promise<void> {
    const row = {
      at: new Date().toISOString(),
      requestId: null,
      sessionId: null,
      question: null,
      plan: null,
      sql: null,
      params: null,
      rowCount: null,
      detail: null,
      durationMs: null,
      ...event,
    };
    if (row.sql) row.sql = row.sql.slice(0, MAX_TEXT);
    if (row.detail) row.detail = row.detail.slice(0, MAX_TEXT);
    try {
      await this.rows.createQueryBuilder().insert().updateEntity(false).values(row as QueryDeepPartialEntity<AuditEventEntity>).execute();
    } catch (error) {
      this.logger.error(`audit event not recorded (${event.kind} by ${event.user}, ${event.outcome}): ${(error as Error).message}`);
    }
  }

  /** The most recent events matching the query, newest first. */
  async query(q: AuditQuery): Promise<AuditEventEntity[]> {
    const where: FindOptionsWhere<AuditEventEntity> = {};
    if (q.user) where.user = q.user;
    if (q.kind) where.kind = q.kind;
    if (q.outcome) where.outcome = q.outcome;
    const until = q.until && /^\d{4}-\d{2}-\d{2}$/.test(q.until) ? `${q.until}T23:59:59.999Z` : q.until;
    if (q.since && until) where.at = Between(q.since, until);
    else if (q.since) where.at = MoreThanOrEqual(q.since);
    else if (until) where.at = LessThanOrEqual(until);
    return this.rows.find({ where, order: { at: 'DESC', id: 'DESC' }, take: q.limit });
  }

  /** Deletes events older than the retention; returns how many. */
  async prune(retentionDays: number, now = new Date()): Promise<number> {
    const cutoff = new Date(now.getTime() - retentionDays * 86_400_000).toISOString();
    const result = await this.rows.delete({ at: LessThan(cutoff) });
    return result.affected ?? 0;
  }
}
