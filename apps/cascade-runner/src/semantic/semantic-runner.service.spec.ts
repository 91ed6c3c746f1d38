import { addDays, ChatbiError, localDate, type Oracle, type Plan, type RenderedMessage, resolveTimeRange, type Verdict } from '@chatbi/contracts';
import type { SemanticProgress } from '@chatbi/contracts';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CatalogLoader, CatalogRegistry } from '@chatbi/catalog';
import { GoldLabelOracle, OnlineLogisticProxy } from '@chatbi/cascades';
import { DEMO_CATALOG_DIR, ensureDemoWorld } from '@chatbi/demo-world';
import { SqlTemplaterService, defaultTemplatesDir, duckdbDialect } from '@chatbi/sql-templater';
import { DuckDbWarehouse } from '@chatbi/warehouse';
import { InProcessCascadeExecutor } from './cascade-executor';
import type { CascadeJudges } from './cascade-judges';
import { OracleUnavailableJudges } from './oracle-unavailable.judges';
import { SemanticProgressRegistry } from './semantic-progress.registry';
import { SemanticRunnerService } from './semantic-runner.service';

jest.setTimeout(120_000);

/** The runner on a real DuckDB demo warehouse; the oracle reads the demo's own category of each row (gold labels). */
describe('SemanticRunnerService on the demo warehouse', () => {
  const today = localDate(new Date());
  const catalog = new CatalogLoader().loadDirectory(DEMO_CATALOG_DIR);
  const registry = new CatalogRegistry();
  registry.replace(catalog);
  const templater = new SqlTemplaterService({ dialect: duckdbDialect, templatesDir: defaultTemplatesDir() });
  let dir: string;
  let warehouse: DuckDbWarehouse;
  let categories: Map<string, string>;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'chatbi-semantic-'));
    const { summary } = await ensureDemoWorld({ file: join(dir, 'demo.duckdb'), seed: 42, size: 'small', endDate: addDays(today, -1) });
    warehouse = await DuckDbWarehouse.open(summary.file, { readOnly: true });
    const all = await warehouse.query('SELECT feedback_id, feedback_category FROM user_feedback', [], { timeoutMs: 30_000, maxRows: 1_000_000 });
    categories = new Map(all.rows.map((r) => [String(r.feedback_id), String(r.feedback_category)]));
  });
  afterAll(async () => {
    await warehouse?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const goldOracle = (verdictOf: (category: string) => Verdict): Oracle =>
    new GoldLabelOracle(new Map([...categories].map(([id, c]) => [id, verdictOf(c)])));
  const judgesOf = (oracle: () => Oracle): CascadeJudges => ({
    forTask: () => ({ oracle: oracle(), proxy: (p) => new OnlineLogisticProxy({ seed: 7 + p }) }),
  });
  const runner = (judges: CascadeJudges, maxRows = 5_000) =>
    new SemanticRunnerService(
      warehouse,
      { timeoutMs: 30_000, maxRows: 10_000, semantic: { maxRows, partitions: 4 } },
      judges,
      new InProcessCascadeExecutor(),
      registry,
      new SemanticProgressRegistry(),
    );
  const message = (plan: Plan): RenderedMessage => {
    const { sql, semantic } = templater.render(plan, catalog, today);
    return {
      requestId: 'spec-request-1',
      sessionId: 's',
      user: 'u',
      askedAt: new Date().toISOString(),
      timings: {},
      warnings: [],
      question: 'q',
      resolvedQuestion: 'q',
      view: plan.view,
      candidates: [],
      plan,
      planner: { planner: 'test', unusedWords: [], guesses: [], tokens: null },
      sql,
      semantic,
    };
  };
  const DAYS = 360;
  const lastYear: Plan['time'] = { column: 'event_day', range: { kind: 'last', n: DAYS, unit: 'day' } };
  const base = (extra: Partial<Plan>): Plan => ({
    view: 'user_feedback',
    metrics: [{ column: 'feedback_cnt' }],
    dimensions: [],
    filters: [],
    compare: [],
    order: [],
    time: lastYear,
    ...extra,
  });
  const independent = async (where: string, params: unknown[]) => {
    const span = resolveTimeRange(lastYear!.range!, today, 1);
    const r = await warehouse.query(
      `SELECT count(*) AS n, count(DISTINCT cuid) AS u FROM user_feedback WHERE event_day BETWEEN CAST($1 AS DATE) AND CAST($2 AS DATE) AND ${where}`,
      [span.from, span.to, ...params],
      { timeoutMs: 30_000, maxRows: 1 },
    );
    return { n: Number(r.rows[0].n), u: Number(r.rows[0].u) };
  };

  it('counts the rows an ai_filter keeps, with fewer oracle calls than rows, as SQL on the gold category does', async () => {
    const plan = base({ metrics: [{ column: 'feedback_cnt' }, { column: 'feedback_user_cnt' }], semantic: [{ op: 'ai_filter', column: 'feedback_text', instruction: 'complains about login' }] });
    const progress = new SemanticProgressRegistry();
    const service = new SemanticRunnerService(
      warehouse,
      // GAMCAL on 2 partitions: with a year of the small demo's feedback SUPG-IT still delegates every row.
      { timeoutMs: 30_000, maxRows: 10_000, semantic: { maxRows: 5_000, partitions: 2, algorithm: { kind: 'gamcal', alpha: 0.05 } } },
      judgesOf(() => goldOracle((c) => c === 'login')),
      new InProcessCascadeExecutor(),
      registry,
      progress,
    );
    const snapshots: SemanticProgress[] = [];
    progress.onUpdate((p) => snapshots.push(p));
    const answer = await service.run(message(plan));
    const truth = await independent("feedback_category = 'login'", []);
    const [report] = answer.semanticReport!;
    expect(report.rowsIn).toBeGreaterThan(200);
    expect(report.oracleCalls).toBeLessThan(report.rowsIn);
    const got = Number(answer.rows[0].feedback_cnt);
    // Within the cascade's quality targets (precision and recall 0.9): the count is close to the truth.
    expect(Math.abs(got - truth.n) / truth.n).toBeLessThan(0.1);
    expect(Number(answer.rows[0].feedback_user_cnt)).toBeLessThanOrEqual(got);
    expect(answer.sql.text).toMatch(/IN \(SELECT unnest\(CAST\(\$\d+ AS BIGINT\[\]\)\)\)/);
    expect(answer.sql.params.some((p) => Array.isArray(p))).toBe(true);
    expect(answer.warnings.join(' ')).toMatch(/rows judged, \d+ by the LLM, \d+ undecided/);
    expect(progress.get('spec-request-1')).toMatchObject({ state: 'done', oracleCalls: report.oracleCalls });
    // What the Ask panel shows never goes back: the counts only grow, through aggregating to done.
    expect(snapshots.map((p) => p.state).filter((s, i, all) => s !== all[i - 1])).toEqual(['reading', 'judging', 'aggregating', 'done']);
    for (let i = 1; i < snapshots.length; i++) {
      expect(snapshots[i].rowsSeen).toBeGreaterThanOrEqual(snapshots[i - 1].rowsSeen);
      expect(snapshots[i].oracleCalls).toBeGreaterThanOrEqual(snapshots[i - 1].oracleCalls);
    }
  });

  it('answers an ai_classify once per label, the label a dimension of the answer', async () => {
    const labels = ['login', 'crash', 'other'];
    const plan = base({ semantic: [{ op: 'ai_classify', column: 'feedback_text', instruction: 'which problem', labels, as: 'topic' }] });
    const answer = await runner(judgesOf(() => goldOracle((c) => (c === 'login' || c === 'crash' ? c : 'other')))).run(message(plan));
    expect(answer.rows.map((r) => r.topic)).toEqual(labels);
    expect(answer.columns[0]).toMatchObject({ name: 'topic', role: 'dimension' });
    expect(answer.chart).toMatchObject({ kind: 'bar', x: 'topic' });
    const crash = await independent("feedback_category = 'crash'", []);
    const got = Number(answer.rows.find((r) => r.topic === 'crash')!.feedback_cnt);
    expect(Math.abs(got - crash.n) / crash.n).toBeLessThan(0.1);
  });

  it('answers with every row undecided, and says why, when the oracle answers garbage', async () => {
    const garbage: Oracle = {
      name: 'garbage',
      tokensUsed: () => 0,
      judge: async (_task, rows) => rows.map((r) => ({ id: r.id, verdict: null, reason: 'oracle answered garbage' })),
    };
    const plan = base({ time: { column: 'event_day', range: { kind: 'point', unit: 'day', offset: -1 } }, semantic: [{ op: 'ai_filter', column: 'feedback_text', instruction: 'mentions ads' }] });
    const answer = await runner(judgesOf(() => garbage)).run(message(plan));
    const [report] = answer.semanticReport!;
    expect(report.undecided).toBeGreaterThan(0);
    expect(report.undecidedReasons['oracle answered garbage']).toBeGreaterThan(0);
    expect(answer.rows).toHaveLength(1);
  });

  it('refuses more rows than the limit, and semantic operators without an oracle, with clear errors', async () => {
    const plan = base({ semantic: [{ op: 'ai_filter', column: 'feedback_text', instruction: 'mentions ads' }] });
    await expect(runner(judgesOf(() => goldOracle(() => true)), 10).run(message(plan))).rejects.toMatchObject({ code: 'TOO_MANY_ROWS' });
    const refused = runner(new OracleUnavailableJudges()).run(message(plan));
    await expect(refused).rejects.toBeInstanceOf(ChatbiError);
    await expect(refused).rejects.toMatchObject({ code: 'ORACLE_UNAVAILABLE', message: expect.stringContaining('ANTHROPIC_API_KEY') });
  });
});
