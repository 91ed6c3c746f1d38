import { createHash } from 'node:crypto';
import { Inject, Injectable, Optional } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { Repository } from 'typeorm';
import { CatalogRegistry } from '@chatbi/catalog';
import { ChatbiError, type SqlDialect } from '@chatbi/contracts';
import { AdvisorReader, type ReaderPrincipal } from './advisor-reader';
import { findCoveringView, resolveMissedColumns } from './missed-columns.resolver';
import { buildProposedView } from './proposed-view.builder';
import { QuestionLogEntity } from './question-log.entity';
import { proposalsQuerySchema, type ProposalsQuery } from './view-proposal.schema';
import type { ProposalsReport, RequestedColumn, RetireProposal, ViewProposal } from './view-proposal.types';

/** The warehouse's SQL dialect, in which proposed views are written (DuckDB unless given). */
export const VIEW_ADVISOR_DIALECT = Symbol('VIEW_ADVISOR_DIALECT');

/** How many of the latest misses a report reads. */
export const MISSES_READ_CAP = 5_000;
const EXAMPLES = 3;
const DAY_MS = 86_400_000;

interface MissGroup {
  requested: Map<string, RequestedColumn>;
  misses: number;
  first: Date;
  last: Date;
  score: number;
  examples: string[];
}

/**
 * The view advisor's proposals: missed questions grouped by the catalog columns they asked for and
 * ranked by frequency weighted by recency, each with a view that would answer them; and the views
 * nobody asks about any more while others are in use.
 */
@Injectable()
export class ViewProposalService {
  constructor(
    @InjectRepository(QuestionLogEntity) private readonly log: Repository<QuestionLogEntity>,
    private readonly catalogs: CatalogRegistry,
    @Optional() @Inject(VIEW_ADVISOR_DIALECT) private readonly dialect: SqlDialect = 'duckdb',
  ) {}

  /** principal: who reads the report; misses and views they may not see are left out, as if never logged. */
  async report(principal: ReaderPrincipal, query: unknown = {}, now = new Date()): Promise<ProposalsReport> {
    const parsed = proposalsQuerySchema.safeParse(query ?? {});
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      throw new ChatbiError('INVALID_REQUEST', `${issue.path.join('.') || 'query'}: ${issue.message}`);
    }
    const options = parsed.data;
    const reader = AdvisorReader.of(this.catalogs.current(), principal);
    const catalog = reader.catalog;
    const misses = (await this.log.find({ where: { outcome: 'missed' }, order: { id: 'DESC' }, take: MISSES_READ_CAP })).filter((m) => reader.seesMiss(m.needed));

    const groups = new Map<string, MissGroup>();
    let unresolved = 0;
    let covered = 0;
    for (const miss of misses) {
      const resolution = resolveMissedColumns(miss.needed ?? [], catalog);
      if (resolution.kind === 'unresolved') unresolved++;
      if (resolution.kind === 'covered') covered++;
      if (resolution.kind !== 'columns') continue;
      const key = [...new Set(resolution.columns.map((c) => `${c.view}.${c.column}`))].sort().join(',');
      const group: MissGroup = groups.get(key) ?? { requested: new Map(), misses: 0, first: miss.createdAt, last: miss.createdAt, score: 0, examples: [] };
      for (const c of resolution.columns) {
        const entry = group.requested.get(`${c.view}.${c.column}`) ?? { view: c.view, column: c.column, phrases: [] };
        if (!entry.phrases.includes(c.phrase)) entry.phrases.push(c.phrase);
        group.requested.set(`${c.view}.${c.column}`, entry);
      }
      group.misses++;
      if (miss.createdAt < group.first) group.first = miss.createdAt;
      if (miss.createdAt > group.last) group.last = miss.createdAt;
      const ageDays = Math.max(0, now.getTime() - miss.createdAt.getTime()) / DAY_MS;
      group.score += 0.5 ** (ageDays / options.halfLifeDays);
      if (group.examples.length < EXAMPLES && !group.examples.includes(miss.question)) group.examples.push(miss.question);
      groups.set(key, group);
    }

    const proposals: ViewProposal[] = [...groups.entries()]
      .flatMap(([key, g]) => {
        const requested = [...g.requested.values()];
        if (findCoveringView(catalog, requested)) {
          covered += g.misses;
          return [];
        }
        return {
          id: createHash('sha256').update(key).digest('hex').slice(0, 12),
          requested,
          misses: g.misses,
          firstAskedAt: g.first.toISOString(),
          lastAskedAt: g.last.toISOString(),
          score: Math.round(g.score * 1000) / 1000,
          examples: g.examples,
          view: buildProposedView(catalog, requested, this.dialect),
        };
      })
      .sort((a, b) => b.score - a.score || b.misses - a.misses || b.lastAskedAt.localeCompare(a.lastAskedAt))
      .slice(0, options.limit);

    return {
      generatedAt: now.toISOString(),
      catalogHash: catalog.hash,
      halfLifeDays: options.halfLifeDays,
      retireAfterDays: options.retireAfterDays,
      missesRead: misses.length,
      unresolvedMisses: unresolved,
      coveredMisses: covered,
      proposals,
      retire: await this.retireCandidates(reader, options, now),
    };
  }

  /** Views with no answered question in the window while other views had some. */
  private async retireCandidates(reader: AdvisorReader, options: ProposalsQuery, now: Date): Promise<RetireProposal[]> {
    const since = new Date(now.getTime() - options.retireAfterDays * DAY_MS);
    const rows: { view: string; n: string | number; last: string | Date | null }[] = await this.log
      .createQueryBuilder('q')
      .select('q.view', 'view')
      .addSelect('COUNT(*)', 'n')
      .addSelect('MAX(q.createdAt)', 'last')
      .where('q.view IS NOT NULL')
      .andWhere('q.outcome = :outcome', { outcome: 'answered' })
      .groupBy('q.view')
      .getRawMany();
    const hits = new Map(rows.filter((r) => reader.seesView(r.view)).map((r) => [r.view, { total: Number(r.n), last: r.last ? toDate(r.last) : null }]));
    const inUse = [...hits.values()].some((h) => h.last && h.last >= since);
    if (!inUse) return [];
    return reader.catalog.views.map((v) => ({ view: v.name, ...(hits.get(v.name) ?? { total: 0, last: null }) }))
      .filter((h) => !h.last || h.last < since)
      .map((h) => ({
        view: h.view,
        hitsTotal: h.total,
        lastHitAt: h.last?.toISOString() ?? null,
        reason: h.last
          ? `no question answered from ${h.view} in the last ${options.retireAfterDays} days (last on ${h.last.toISOString().slice(0, 10)}) while other views answer questions`
          : `no question has ever been answered from ${h.view} while other views answer questions`,
      }))
      .sort((a, b) => (a.lastHitAt ?? '').localeCompare(b.lastHitAt ?? '') || a.view.localeCompare(b.view));
  }
}

/** SQLite hands back MAX(datetime) as text in UTC without a zone; PostgreSQL as a Date. */
function toDate(value: string | Date): Date {
  if (value instanceof Date) return value;
  return new Date(/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d(\.\d+)?$/.test(value) ? `${value.replace(' ', 'T')}Z` : value);
}
