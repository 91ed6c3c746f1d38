import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import type { Scope } from '@chatbi/auth';
import { CatalogLoader, CatalogRegistry } from '@chatbi/catalog';
import { ChatbiError, TOPICS, type ResolvedMessage, type ViewMissedMessage } from '@chatbi/contracts';
import { DEMO_CATALOG_DIR } from '@chatbi/demo-world';
import { InProcessBus } from '@chatbi/transport';
import { ViewSelectorService } from '@chatbi/view-selector';
import { AnswerFeedbackEntity } from './feedback.entity';
import { FeedbackService } from './feedback.service';
import { QuestionLogEntity } from './question-log.entity';
import { ViewAdvisorService } from './view-advisor.service';
import { ViewProposalService } from './view-proposal.service';

const NOW = new Date('2025-06-15T12:00:00.000Z');
/** The DBA reads every view and question; an analyst through the access rules below. */
type Reader = { roles: string[]; scopes: Scope[] };
const DBA: Reader = { roles: [], scopes: ['advisor:read', 'admin'] };
const ANALYST: Reader = { roles: ['analyst'], scopes: ['ask', 'advisor:read'] };
const ACCESS_YAML = `version: 1
access:
  - { role: analyst, view: user_activity_daily, rows: "os = :user.os", hide: [city] }
  - { role: analyst, view: user_feedback }
  - { role: admin, view: "*" }
`;
const daysAgo = (n: number) => new Date(NOW.getTime() - n * 86_400_000);

/**
 * Misses come from the real view selector on the demo catalog (coverage rules, no model) over the
 * in-process bus into the advisor's question log in SQLite; proposals are read back from there.
 */
describe('ViewProposalService', () => {
  const demoSources = readdirSync(DEMO_CATALOG_DIR)
    .filter((f) => f.endsWith('.yaml'))
    .map((f) => ({ file: join(DEMO_CATALOG_DIR, f), text: readFileSync(join(DEMO_CATALOG_DIR, f), 'utf8') }));
  const demo = new CatalogLoader().loadSources(demoSources);
  let catalogs: CatalogRegistry;
  let db: DataSource;
  let bus: InProcessBus;
  let selector: ViewSelectorService;
  let service: ViewProposalService;
  let advisor: ViewAdvisorService;
  let asked = 0;

  beforeEach(async () => {
    catalogs = new CatalogRegistry();
    catalogs.replace(demo);
    db = await new DataSource({ type: 'better-sqlite3', database: ':memory:', entities: [QuestionLogEntity, AnswerFeedbackEntity], synchronize: true }).initialize();
    advisor = new ViewAdvisorService(db.getRepository(QuestionLogEntity), catalogs, new FeedbackService(db.getRepository(AnswerFeedbackEntity), db.getRepository(QuestionLogEntity)));
    bus = new InProcessBus();
    bus.subscribe<ViewMissedMessage>(TOPICS.viewMissed, (m) => advisor.recordMissed(m));
    selector = new ViewSelectorService(catalogs, bus, { rank: async () => undefined });
    service = new ViewProposalService(db.getRepository(QuestionLogEntity), catalogs);
  });

  afterEach(() => db.destroy());

  /** Asks the view selector; the question must be one no single view answers. */
  async function miss(question: string, when: Date = NOW): Promise<void> {
    const requestId = `r${++asked}`;
    const message: ResolvedMessage = { requestId, sessionId: 's', user: 'u', askedAt: when.toISOString(), timings: {}, warnings: [], question, resolvedQuestion: question };
    const error = await selector.select(message).then(() => undefined, (e: unknown) => e);
    expect(error).toBeInstanceOf(ChatbiError);
    expect((error as ChatbiError).code).toBe('NO_VIEW_COVERS');
    await bus.drain();
    await db.getRepository(QuestionLogEntity).update({ requestId }, { createdAt: when });
  }

  const answered = (view: string, when: Date) =>
    db.getRepository(QuestionLogEntity).insert({ requestId: `a${++asked}`, sessionId: 's', question: 'q', view, outcome: 'answered', errorCode: null, needed: null, createdAt: when });

  it('groups misses by the columns they ask for and proposes a joined view with DDL and a catalog draft', async () => {
    await miss('DAU and search CTR by city');
    await miss('search CTR and DAU per city last week');
    await miss('城市的DAU和搜索点击率');
    await miss('feedback count and likes by app');

    const report = await service.report(DBA, {}, NOW);
    expect(report.missesRead).toBe(4);
    const top = report.proposals[0];
    expect(top.misses).toBeGreaterThanOrEqual(2);
    expect(top.requested.map((r) => `${r.view}.${r.column}`).sort()).toEqual(['search_daily.search_ctr', 'user_activity_daily.city', 'user_activity_daily.dau']);
    expect(top.requested.find((r) => r.column === 'dau')!.phrases).toContain('dau');
    expect(top.examples[0]).toMatch(/DAU|点击率/);
    expect(top.view.name).toBe('user_activity_daily_x_search_daily');
    expect(top.view.joins).toEqual([{ view: 'search_daily', keys: expect.arrayContaining(['event_day', 'uid', 'app_name']) }]);
    expect(top.view.ddl).toContain('LEFT JOIN "search_daily" AS t2');
    // Only catalog identifiers reach the DDL and the draft, never the question's words.
    for (const question of top.examples) {
      expect(top.view.ddl).not.toContain(question);
      expect(top.view.yaml).not.toContain(question);
    }
    expect(top.view.ddl).not.toMatch(/per city|last week/);
    expect(() => new CatalogLoader().loadSources([...demoSources, { file: 'proposal.yaml', text: top.view.yaml! }])).not.toThrow();

    const other = report.proposals.find((p) => p.requested.some((r) => r.view === 'user_feedback'));
    expect(other?.misses).toBe(1);
    expect(other?.view.safeJoin).toBe(true);
  });

  it('ranks by frequency weighted by recency: one miss today beats three from two months ago', async () => {
    for (let i = 0; i < 3; i++) await miss('feedback count and likes by app', daysAgo(60 + i));
    await miss('DAU and search CTR by city', daysAgo(0));
    const report = await service.report(DBA, { halfLifeDays: 7 }, NOW);
    expect(report.proposals.map((p) => p.misses)).toEqual([1, 3]);
    expect(report.proposals[0].lastAskedAt).toBe(NOW.toISOString());
    expect(report.proposals[1].firstAskedAt).toBe(daysAgo(62).toISOString());
    // With a long half-life the frequent group wins.
    expect((await service.report(DBA, { halfLifeDays: 365 }, NOW)).proposals.map((p) => p.misses)).toEqual([3, 1]);
  });

  it('stops proposing a view once the catalog holds one with those columns', async () => {
    await miss('DAU and search CTR by city');
    const first = await service.report(DBA, {}, NOW);
    expect(first.proposals).toHaveLength(1);
    catalogs.replace(new CatalogLoader().loadSources([...demoSources, { file: 'proposal.yaml', text: first.proposals[0].view.yaml! }]));
    const after = await service.report(DBA, {}, NOW);
    expect(after.proposals).toEqual([]);
    expect(after.coveredMisses).toBe(1);
  });

  it('counts misses whose columns left the catalog as unresolved', async () => {
    await miss('DAU and search CTR by city');
    const withoutSearch = new CatalogLoader().loadSources(demoSources.filter((s) => !s.file.endsWith('search-daily.yaml')));
    catalogs.replace(withoutSearch);
    const report = await service.report(DBA, {}, NOW);
    expect(report.proposals).toEqual([]);
    expect(report.unresolvedMisses).toBe(1);
  });

  it('proposes retiring views with no hits in the window while others have hits', async () => {
    await answered('user_activity_daily', daysAgo(1));
    await answered('user_activity_daily', daysAgo(2));
    await answered('creator_daily', daysAgo(45));
    const report = await service.report(DBA, { retireAfterDays: 30 }, NOW);
    const retire = Object.fromEntries(report.retire.map((r) => [r.view, r]));
    expect(Object.keys(retire).sort()).toEqual(['creator_daily', 'search_daily', 'user_feedback', 'video_play_daily']);
    expect(retire.creator_daily).toMatchObject({ hitsTotal: 1, lastHitAt: daysAgo(45).toISOString() });
    expect(retire.creator_daily.reason).toMatch(/last 30 days/);
    expect(retire.search_daily).toMatchObject({ hitsTotal: 0, lastHitAt: null });
    expect((await service.report(DBA, { retireAfterDays: 60 }, NOW)).retire.map((r) => r.view)).not.toContain('creator_daily');
  });

  it('proposes no retirement when nothing is in use', async () => {
    await answered('creator_daily', daysAgo(90));
    expect((await service.report(DBA, {}, NOW)).retire).toEqual([]);
  });

  it.each([[{ halfLifeDays: 'soon' }, 'halfLifeDays'], [{ limit: 0 }, 'limit'], [{ retireAfterDays: 1.5 }, 'retireAfterDays'], [{ order: 'x' }, 'order']])(
    'refuses the query %j naming %s',
    async (query, field) => {
      const error = await service.report(DBA, query, NOW).then(() => undefined, (e: unknown) => e as ChatbiError);
      expect(error?.code).toBe('INVALID_REQUEST');
      expect(error?.message).toContain(field);
    },
  );

  it('shows a reader with access rules only the views, questions and proposals their roles see; the DBA all of them', async () => {
    await miss('DAU and search CTR by city');
    await miss('feedback count and likes by app');
    await answered('search_daily', daysAgo(1));
    await answered('user_feedback', daysAgo(2));
    catalogs.replace(new CatalogLoader().loadSources([...demoSources, { file: 'access.yaml', text: ACCESS_YAML }]));

    const proposed = async (reader: Reader) => (await service.report(reader, {}, NOW)).proposals.map((p) => p.requested.map((r) => `${r.view}.${r.column}`).sort().join(' '));
    const dba = await proposed(DBA);
    expect(dba).toHaveLength(2);
    expect(dba.join(' ')).toMatch(/search_daily\.search_ctr.*user_activity_daily\.city|user_activity_daily\.city.*search_daily/);
    // The analyst's catalog has no search_daily and no city: the feedback miss is proposed over the views they see.
    const analyst = await proposed(ANALYST);
    expect(analyst).toEqual(['user_activity_daily.app_name user_activity_daily.likes user_feedback.feedback_cnt']);

    const questions = async (reader: Reader) => (await advisor.misses(reader)).map((m) => m.question).sort();
    expect(await questions(DBA)).toEqual(['DAU and search CTR by city', 'feedback count and likes by app']);
    expect(await questions(ANALYST)).toEqual(['feedback count and likes by app']);

    const views = async (reader: Reader) => (await advisor.usage(reader)).map((u) => u.view).sort();
    expect(await views(DBA)).toEqual(expect.arrayContaining(['search_daily', 'user_activity_daily', 'user_feedback']));
    expect(await views(ANALYST)).toEqual(['user_activity_daily', 'user_feedback']);
    const retire = async (reader: Reader) => (await service.report(reader, { retireAfterDays: 30 }, NOW)).retire.map((r) => r.view);
    expect(await retire(DBA)).not.toContain('search_daily');
    expect(await retire(ANALYST)).toEqual(['user_activity_daily']);
  });
});
