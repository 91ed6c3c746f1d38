import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { In, type Repository } from 'typeorm';
import { CatalogRegistry } from '@chatbi/catalog';
import { clarificationCandidates, type AnsweredMessage, type FailedMessage, type ViewMissedMessage } from '@chatbi/contracts';
import { FeedbackService } from './feedback.service';
import { AdvisorReader, type ReaderPrincipal } from './advisor-reader';
import { QuestionLogEntity } from './question-log.entity';
import { MISSES_READ_CAP } from './view-proposal.service';

export interface ViewUsage {
  view: string;
  hits: number;
  failures: number;
  lastHitAt: string | null;
  /** Questions read against this view whose reading was unsure: the asker was offered readings instead of an answer. */
  clarifications: number;
  /** "Was this useful?" answers from the Ask panel. */
  useful: number;
  notUseful: number;
}

/** Counts hits per view and records failures and misses (paper §3: the view advisor). */
@Injectable()
export class ViewAdvisorService {
  constructor(
    @InjectRepository(QuestionLogEntity) private readonly log: Repository<QuestionLogEntity>,
    private readonly catalogs: CatalogRegistry,
    private readonly feedback: FeedbackService,
  ) {}

  async recordAnswered(m: AnsweredMessage): Promise<void> {
    await this.log.insert({ requestId: m.requestId, sessionId: m.sessionId, question: m.question, view: m.view, outcome: 'answered', errorCode: null, needed: null });
  }

  async recordFailed(m: FailedMessage): Promise<void> {
    if (m.error.code === 'NEEDS_CLARIFICATION') return this.recordClarification(m);
    await this.log.insert({ requestId: m.requestId, sessionId: m.sessionId, question: m.question, view: m.view ?? null, outcome: 'failed', errorCode: m.error.code, needed: null });
  }

  /** Recorded like a miss: the words the reading could not place, with the readings offered for them. */
  private async recordClarification(m: FailedMessage): Promise<void> {
    const candidates = clarificationCandidates(m.error.details);
    const words = m.error.details?.words;
    const needed = (Array.isArray(words) ? words.map(String) : []).map((word) => ({ column: word, views: [...new Set(candidates.map((c) => c.view))], candidates }));
    await this.log.insert({ requestId: m.requestId, sessionId: m.sessionId, question: m.question, view: m.view ?? null, outcome: 'clarification', errorCode: m.error.code, needed });
  }

  async recordMissed(m: ViewMissedMessage): Promise<void> {
    const needed = m.needed.map((n) => {
      const columns = m.linked?.filter((l) => l.phrase === n.column).map(({ phrase: _phrase, ...column }) => column);
      return columns?.length ? { ...n, columns } : n;
    });
    await this.log.insert({ requestId: m.requestId, sessionId: m.sessionId, question: m.question, view: null, outcome: 'missed', errorCode: 'NO_VIEW_COVERS', needed });
  }

  /** Hit and failure counts for every catalog view the reader sees, most used first; unused views show zero. */
  async usage(principal: ReaderPrincipal): Promise<ViewUsage[]> {
    const reader = AdvisorReader.of(this.catalogs.current(), principal);
    const rows: { view: string; outcome: string; n: string | number; last: string | Date | null }[] = await this.log
      .createQueryBuilder('q')
      .select('q.view', 'view')
      .addSelect('q.outcome', 'outcome')
      .addSelect('COUNT(*)', 'n')
      .addSelect('MAX(q.createdAt)', 'last')
      .where('q.view IS NOT NULL')
      .groupBy('q.view')
      .addGroupBy('q.outcome')
      .getRawMany();
    const feedback = await this.feedback.countsByView();
    const empty = (view: string): ViewUsage => ({ view, hits: 0, failures: 0, clarifications: 0, lastHitAt: null, useful: 0, notUseful: 0, ...feedback.get(view) });
    const usage = new Map<string, ViewUsage>(reader.catalog.views.map((v) => [v.name, empty(v.name)]));
    for (const r of rows.filter((row) => reader.seesView(row.view))) {
      const u = usage.get(r.view) ?? empty(r.view);
      if (r.outcome === 'answered') {
        u.hits = Number(r.n);
        u.lastHitAt = r.last ? new Date(r.last).toISOString() : null;
      } else if (r.outcome === 'clarification') u.clarifications = Number(r.n);
      else u.failures += Number(r.n);
      usage.set(r.view, u);
    }
    return [...usage.values()].sort((a, b) => b.hits - a.hits || a.view.localeCompare(b.view));
  }

  /**
   * The most recent misses the reader may see: questions no single view could answer, and
   * questions whose reading was unsure (errorCode NEEDS_CLARIFICATION, with the readings offered).
   * Without their request and session ids: the DBA needs the questions, and a session id would let
   * its reader continue someone else's conversation.
   */
  async misses(principal: ReaderPrincipal, limit = 50): Promise<Omit<QuestionLogEntity, 'sessionId' | 'requestId'>[]> {
    const reader = AdvisorReader.of(this.catalogs.current(), principal);
    const rows = await this.log.find({ where: { outcome: In(['missed', 'clarification']) }, order: { id: 'DESC' }, take: reader.restricted ? MISSES_READ_CAP : limit });
    return rows
      .filter((row) => reader.seesMiss(row.needed))
      .slice(0, limit)
      .map(({ sessionId: _session, requestId: _request, ...miss }) => miss);
  }
}
