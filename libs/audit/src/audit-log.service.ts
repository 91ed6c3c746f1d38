import { Logger } from '@nestjs/common';
import { ChatbiError } from '@chatbi/contracts';
import { Between, LessThan, LessThanOrEqual, MoreThanOrEqual, type DataSource, type FindOptionsWhere, type Repository } from 'typeorm';
import type { QueryDeepPartialEntity } from 'typeorm/query-builder/QueryPartialEntity';
import { AuditEventEntity, type AuditKind } from './audit-event.entity';
import { isStorageFull } from './storage-full';

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

  /**
   * required: an event that cannot be recorded fails the request it describes (compliance: no
   * answer without its audit record). Otherwise the failure is logged and the request goes on.
   */
  constructor(
    dataSource: DataSource,
    private readonly required = false,
  ) {
    this.rows = dataSource.getRepository(AuditEventEntity);
  }

  /**
   * Records an event. A metadata database that cannot take it (a full disk) is logged; unless the
   * audit log is required, the request it describes still gets its answer.
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
      const request = event.requestId ? ` request ${event.requestId}` : '';
      this.logger.error(`audit event not recorded (${event.kind} by ${event.user},${request} ${event.outcome}): ${(error as Error).message}`);
      if (this.required) throw unrecorded(error);
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

function unrecorded(error: unknown): ChatbiError {
  return isStorageFull(error)
    ? new ChatbiError('STORAGE_FULL', "ChatBI's storage is full: this request could not be recorded in the audit log, which is required here, so its result is withheld. An operator must free space.")
    : new ChatbiError('METADATA_UNAVAILABLE', 'ChatBI could not record this request in the audit log, which is required here, so its result is withheld. Please try again later.');
}
