import { join } from 'node:path';
import { CatalogLoader, type Catalog } from '@chatbi/catalog';
import { SchemaLinker } from '@chatbi/language';
import { OfflinePlanner } from './offline-planner';

/** The paper's examples against the real demo catalog. */
const DEMO_DIR = join(__dirname, '..', '..', '..', '..', 'libs', 'demo-world', 'catalog');

const demo: Catalog = new CatalogLoader().loadDirectory(DEMO_DIR);
const activity = demo.view('user_activity_daily');
const TODAY = '2026-11-18';

describe('OfflinePlanner on the demo catalog', () => {
  const planner = new OfflinePlanner();
  const run = (question: string, previousPlan?: Parameters<OfflinePlanner['planSync']>[0]['previousPlan']) =>
    planner.planSync({ question, view: activity!, catalog: demo!, previousPlan, today: TODAY }).plan;

  it('plans 近三天主版DAU及日环比和周同比波动情况? and its follow-up 极速版呢?', () => {
    const first = run('近三天主版DAU及日环比和周同比波动情况?');
    expect(first).toMatchObject({
      metrics: [{ column: 'dau' }],
      filters: [{ column: 'app_name', op: '=', value: 'main' }],
      time: { range: { kind: 'last', n: 3, unit: 'day' }, grain: 'day' },
      compare: [{ kind: 'dod', output: 'ratio' }, { kind: 'wow', output: 'ratio' }],
    });
    expect(run('极速版呢?', first).filters).toEqual([{ column: 'app_name', op: '=', value: 'lite' }]);
  });

  it('reads "per" as a rate even where a metric\'s key ends with it (stay_time_per)', () => {
    expect(run('crashes per thousand DAU yesterday').metrics).toEqual([{ column: 'crashes', over: { column: 'dau' }, scale: 1000, as: 'crashes_per_dau' }]);
  });

  it('plans 查询昨天安卓新增用户有多少?', () => {
    const p = run('查询昨天安卓新增用户有多少?');
    expect(p.metrics).toHaveLength(1);
    expect(p.filters).toEqual([{ column: 'os', op: '=', value: 'android' }]);
    expect(p.time).toMatchObject({ range: { kind: 'point', unit: 'day', offset: -1 } });
  });

  it('logs linking speed on the demo catalog', () => {
    const linker = new SchemaLinker(demo!);
    const questions = ['近三天主版DAU及日环比和周同比波动情况?', 'top 5 provinces by new users this month', 'crash rate by app version last 7 days'];
    for (const q of questions) linker.link(q);
    const rounds = 300;
    const t = performance.now();
    for (let r = 0; r < rounds; r++) for (const q of questions) linker.link(q);
    const us = ((performance.now() - t) / (rounds * questions.length)) * 1000;
    const columns = demo!.views.reduce((n, v) => n + v.columns.length, 0);
    process.stdout.write(`demo catalog linking: ${demo!.views.length} views, ${columns} columns, ${us.toFixed(1)} µs per question\n`);
    expect(us).toBeGreaterThan(0);
  });
});

(demo ? describe : describe.skip)('OfflinePlanner on the demo catalog: general readings', () => {
  const planner = new OfflinePlanner();
  const run = (question: string, view: string) => planner.planSync({ question, view: demo!.view(view)!, catalog: demo!, today: TODAY });

  it('reads "by category" and 按分类 as the dimension whose name ends with the word', () => {
    expect(run('video views by category yesterday', 'video_play_daily').plan.dimensions).toEqual(['video_category']);
    expect(run('feedback volume per category yesterday', 'user_feedback').plan.dimensions).toEqual(['feedback_category']);
    expect(run('昨天按分类的反馈量', 'user_feedback').plan.dimensions).toEqual(['feedback_category']);
  });

  it('compares a whole named period with the one before as one total', () => {
    const p = run("last month's ad revenue, month over month", 'user_activity_daily').plan;
    expect(p.time).toEqual({ column: 'event_day', range: { kind: 'point', unit: 'month', offset: -1 } });
    expect(p.compare).toEqual([{ kind: 'mom' }]);
  });

  it('keeps "top 5" a ranking even where "top" is also an enum value', () => {
    const p = run('top 5 creator categories by new fans last week', 'creator_daily').plan;
    expect(p.filters).toEqual([]);
    expect(p).toMatchObject({ order: [{ by: 'new_fans', dir: 'desc' }], limit: 5, dimensions: ['author_category'] });
  });

  it('ranks "which 3 provinces ... the most" with a limit of 3', () => {
    expect(run('which 3 provinces brought the most ad revenue last week', 'user_activity_daily').plan).toMatchObject({
      dimensions: ['province'],
      order: [{ by: 'ad_revenue', dir: 'desc' }],
      limit: 3,
    });
  });

  it('totals the range per group under a condition on a metric', () => {
    const p = run('近30天平均评分低于3.5分的反馈渠道', 'user_feedback').plan;
    expect(p.time?.grain).toBeUndefined();
    expect(p.filters).toEqual([{ column: 'avg_rating', op: '<', value: 3.5 }]);
  });

  it('excludes a value after "did not come from"', () => {
    expect(run('searches yesterday that did not come from the home search bar', 'search_daily').plan.filters).toEqual([
      { column: 'search_entrance', op: '!=', value: 'home_search_bar' },
    ]);
  });
});

describe('OfflinePlanner semantic operators on the demo catalog', () => {
  const planner = new OfflinePlanner();
  const plan = (question: string) => planner.planSync({ question, view: demo!.view('user_feedback')!, catalog: demo!, today: TODAY });

  it.each([
    ['how many feedback messages last week complained about login?', 'complains about login'],
    ['上周抱怨登录的反馈有多少条', '抱怨登录'],
    ['feedback count last week that mention refund', 'mentions refund'],
    ['提到退款的反馈数', '提到退款'],
  ])('plans %s with an ai_filter whose words are used, not a category filter', (question, instruction) => {
    const out = plan(question);
    expect(out.plan.semantic).toEqual([{ op: 'ai_filter', column: 'feedback_text', instruction }]);
    expect(out.plan.filters).toEqual([]);
    expect(out.report.unusedWords).not.toEqual(expect.arrayContaining(['login', 'complained', 'refund', 'mention']));
  });

  it('keeps a catalog value after a bare "about" as a filter, and takes an unknown subject as an ai_filter', () => {
    expect(plan('feedback count about login last week').plan).toMatchObject({ filters: [{ column: 'feedback_category', value: 'login' }] });
    expect(plan('feedback count about login last week').plan.semantic).toBeUndefined();
    expect(plan('feedback count about the sleep timer last week').plan.semantic).toEqual([
      { op: 'ai_filter', column: 'feedback_text', instruction: 'is about sleep timer' },
    ]);
  });

  it('plans a classification into labels', () => {
    expect(plan('feedback count last week classified into login, crash and ads').plan.semantic).toEqual([
      { op: 'ai_classify', column: 'feedback_text', instruction: 'which of these it is about: login, crash, ads', labels: ['login', 'crash', 'ads'] },
    ]);
  });
});
