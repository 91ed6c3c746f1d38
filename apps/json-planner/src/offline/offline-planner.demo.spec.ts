import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { CatalogLoader, type Catalog } from '@chatbi/catalog';
import { SchemaLinker } from '@chatbi/language';
import { OfflinePlanner } from './offline-planner';

/**
 * The paper's examples against the real demo catalog, when it is present and loads (it is written
 * alongside this planner; without it these specs are skipped, not failed).
 */
const DEMO_DIR = join(__dirname, '..', '..', '..', '..', 'libs', 'demo-world', 'catalog');

function loadDemoCatalog(): Catalog | undefined {
  if (!existsSync(DEMO_DIR)) return undefined;
  try {
    return new CatalogLoader().loadDirectory(DEMO_DIR);
  } catch {
    return undefined;
  }
}

const demo = loadDemoCatalog();
const activity = demo?.view('user_activity_daily');
const TODAY = '2026-11-18';

(demo && activity?.columns.some((c) => c.name === 'dau') ? describe : describe.skip)('OfflinePlanner on the demo catalog', () => {
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
