import { resolve } from 'node:path';
import fc from 'fast-check';
import { CatalogLoader, type Catalog } from '@chatbi/catalog';
import { addDays, type Plan, type PlanInput } from '@chatbi/contracts';
import { DEMO_CATALOG_DIR, ensureDemoWorld } from '@chatbi/demo-world';
import { DuckDbWarehouse } from '@chatbi/warehouse';
import { duckdbDialect, mysqlDialect, postgresDialect, SqlTemplaterService, defaultTemplatesDir } from '../../apps/sql-templater/src';
import { validPlan } from '../../apps/sql-templater/src/testing/plan.arbitrary';
import { firstDifference, normalizeRows } from '../../apps/sql-templater/src/testing/result.normalizer';
import { printTable, writeResult } from '../bench-report';
import { runOnEveryDialect, startOtherEngines, type DialectRun, type OtherEngines } from './other-engines';
import { paperWeekOnWeek } from './paper-wow.sql';
import { profileForms, type FormProfile } from './profile';
import { median, percentile, round } from './timing';

/** The bench-size demo world (about 38M rows), generated once into .data/ and reused. */
const BENCH_END_DATE = '2025-06-30';
const BENCH_TODAY = '2025-07-01';
const BENCH_FILE = resolve(defaultTemplatesDir(), '..', '..', '..', '..', '.data', 'templater-bench.duckdb');

interface Workload {
  name: string;
  table: string;
  base: PlanInput;
  wow: PlanInput;
}

/** The paper's Figure 1 (Query 3): play volume and play duration over the last seven days, by day, week on week. */
const PAPER_WORKLOAD: Workload = workload('paper Q3: vv + play minutes, 7 days by day', 'video_play_daily', [{ column: 'vv' }, { column: 'play_time_min' }]);
const DAU_WORKLOAD: Workload = workload('DAU (count distinct), 7 days by day', 'user_activity_daily', [{ column: 'dau' }]);

function workload(name: string, view: string, metrics: PlanInput['metrics']): Workload {
  const base: PlanInput = { view, metrics, time: { column: 'event_day', grain: 'day', range: { kind: 'last', n: 7, unit: 'day' } } };
  return { name, table: view, base, wow: { ...base, compare: [{ kind: 'wow' }] } };
}

/**
 * `npm run bench -- templater [--runs 41] [--duckdb-only] [--before <templates dir>] [--profile]`:
 * on the bench-size demo world in DuckDB, the median time of the base query, of the templater's
 * WoW query, and of the paper's Figure 1 form of the same WoW (the baseline), interleaved in one
 * run; the rendered SQL of every dialect executed on PostgreSQL and MariaDB over a small slice;
 * render time per plan. `--before` also times the WoW rendered from another template folder (say,
 * the previous version's) in the same interleaved rounds; `--profile` prints where each form's
 * time goes (DuckDB's EXPLAIN ANALYZE, medians over a few runs).
 */
export async function run(args: string[]): Promise<void> {
  const runs = Number(valueOf(args, '--runs') ?? 41);
  const beforeDir = valueOf(args, '--before');
  const catalog = new CatalogLoader().loadDirectory(DEMO_CATALOG_DIR);

  // Servers first: a process that has opened DuckDB cannot reliably start processes.
  let engines: OtherEngines | undefined;
  let dialectRuns: DialectRun[] = [];
  if (!args.includes('--duckdb-only')) {
    engines = await startOtherEngines();
  }
  try {
    if (engines) dialectRuns = await runOnEveryDialect(engines, catalog, PAPER_WORKLOAD, 5);
  } finally {
    await engines?.stop();
  }

  process.stdout.write(`bench world: ${BENCH_FILE} (generated on first use: about 150 s and 7 GB)\n`);
  const { summary, generated } = await ensureDemoWorld({ file: BENCH_FILE, size: 'bench', endDate: BENCH_END_DATE });
  process.stdout.write(`${generated ? 'generated' : 'reused'}: ${JSON.stringify(summary.rows)}\n`);
  const warehouse = await DuckDbWarehouse.open(BENCH_FILE);
  const timings = [];
  let profiles: FormProfile[] = [];
  try {
    for (const w of [PAPER_WORKLOAD, DAU_WORKLOAD]) timings.push({ workload: w, ...(await timeWorkload(warehouse, catalog, w, runs, beforeDir)) });
    if (args.includes('--profile')) profiles = await profileForms(warehouse, timings[0].forms, 15);
  } finally {
    await warehouse.close();
  }
  const render = timeRendering(catalog);

  printTable(
    `Query time on DuckDB, bench world, median of ${runs} interleaved runs (ms)`,
    timings.map((t) => ({
      workload: t.workload.name,
      table_rows: summary.rows[t.workload.table],
      base_ms: round(t.base, 1),
      wow_ms: round(t.wow, 1),
      paper_wow_ms: round(t.paper, 1),
      wow_over_base: round(t.wow / t.base, 2),
      paper_wow_over_base: round(t.paper / t.base, 2),
      both_weeks_ms: round(t.bothWeeks, 1),
      wow_over_both_weeks: round(t.wow / t.bothWeeks, 2),
      ...(t.before === undefined ? {} : { wow_before_ms: round(t.before, 1), wow_before_over_base: round(t.before / t.base, 2) }),
      same_answers: t.same,
    })),
  );
  if (profiles.length > 0) {
    printTable(
      `Where the time goes, ${PAPER_WORKLOAD.name} (DuckDB EXPLAIN ANALYZE, median of 15 runs, ms; operator times are summed over threads)`,
      profiles.map((p) => ({ form: p.form, latency_ms: round(p.latencyMs, 2), cpu_ms: round(p.cpuMs, 2), rows_scanned: p.rowsScanned, operators: p.operators })),
    );
  }
  if (dialectRuns.length > 0) {
    printTable(
      'Every dialect on its engine, 15-day slice of the small demo world (ms, median of 5; answers compared with DuckDB)',
      dialectRuns.map((r) => ({ dialect: r.dialect, form: r.form, ms: round(r.ms, 2), same_as_duckdb: r.sameAsDuckDb })),
    );
  }
  printTable('Render time per plan (plan schema check + catalog check + templates), µs: best of 5 runs per plan, percentiles over plans', render.rows);

  const headline = timings[0];
  const dialects = [...new Set(dialectRuns.filter((r) => r.sameAsDuckDb).map((r) => r.dialect))];
  const executed = dialects.filter((d) => dialectRuns.filter((r) => r.dialect === d).every((r) => r.sameAsDuckDb));
  writeResult('templater', {
    dialects_executed: executed.length > 0 ? executed : ['duckdb'],
    rows: summary.rows[headline.workload.table],
    base_ms: round(headline.base, 2),
    wow_ms: round(headline.wow, 2),
    paper_wow_ms: round(headline.paper, 2),
    wow_over_base: round(headline.wow / headline.base, 3),
    paper_wow_over_base: round(headline.paper / headline.base, 3),
    render_us_p50: round(render.p50, 1),
    render_us_p95: round(render.p95, 1),
    render_us_p50_all_runs: round(render.p50AllRuns, 1),
    render_cpu_us_mean: round(render.cpuMean, 1),
    targets: { wow_over_base_at_most: 1.5, render_us_p50_under: 200 },
    runs,
    world: { file: BENCH_FILE, size: 'bench', endDate: BENCH_END_DATE, rows: summary.rows },
    workloads: timings.map((t) => ({
      name: t.workload.name,
      table: t.workload.table,
      base_ms: round(t.base, 2),
      wow_ms: round(t.wow, 2),
      paper_wow_ms: round(t.paper, 2),
      wow_over_base: round(t.wow / t.base, 3),
      paper_wow_over_base: round(t.paper / t.base, 3),
      both_weeks_ms: round(t.bothWeeks, 2),
      both_weeks_over_base: round(t.bothWeeks / t.base, 3),
      ...(t.before === undefined ? {} : { wow_before_ms: round(t.before, 2), wow_before_over_base: round(t.before / t.base, 3) }),
      same_answers: t.same,
      wow_sql: t.wowSql,
    })),
    dialect_runs: dialectRuns,
    ...(profiles.length > 0 ? { profile: profiles } : {}),
  });
}

/**
 * Base, WoW, the paper's WoW and the base plan over both weeks (the floor of any exact WoW), and
 * the WoW from another template folder when given, interleaved with the order rotating each
 * round, after the same two warm-up rounds for every form.
 */
async function timeWorkload(warehouse: DuckDbWarehouse, catalog: Catalog, w: Workload, runs: number, beforeDir?: string) {
  const templater = new SqlTemplaterService({ dialect: duckdbDialect, templatesDir: defaultTemplatesDir() });
  const base = templater.render(w.base as Plan, catalog, BENCH_TODAY).sql;
  const wow = templater.render(w.wow as Plan, catalog, BENCH_TODAY);
  const paper = paperWeekOnWeek(wow.model, 'duckdb');
  // What any exact WoW must at least do: aggregate both weeks. The same base plan over the 14 days.
  const window = wow.model.compare!.scans[0].window;
  const bothWeeks = templater.render(
    { ...w.base, time: { column: 'event_day', grain: 'day', range: { kind: 'absolute', from: window.from, to: addDays(window.until, -1) } } } as Plan,
    catalog,
    BENCH_TODAY,
  ).sql;
  const forms = [base, wow.sql, paper, bothWeeks];
  if (beforeDir) forms.push(new SqlTemplaterService({ dialect: duckdbDialect, templatesDir: beforeDir }).render(w.wow as Plan, catalog, BENCH_TODAY).sql);
  const options = { timeoutMs: 600_000, maxRows: 100_000 };
  const answers = [];
  for (const sql of forms) answers.push(await warehouse.query(sql.text, sql.params, options));
  const times: number[][] = forms.map(() => []);
  for (let round = -2; round < runs; round++) {
    for (let k = 0; k < forms.length; k++) {
      const i = (k + Math.max(0, round)) % forms.length;
      const started = performance.now();
      await warehouse.query(forms[i].text, forms[i].params, options);
      if (round >= 0) times[i].push(performance.now() - started);
    }
  }
  // The WoW answer holds the base answer, and its ratios are the paper form's.
  const [baseRows, wowRows, paperRows] = answers.slice(0, 3).map((a) => a.rows.map((r) => Object.values(r)));
  const keys = (n: number) => Array.from({ length: n }, (_, i) => String(i));
  const asRecords = (rows: unknown[][]) => rows.map((r) => Object.fromEntries(r.map((v, i) => [String(i), v])));
  const baseWidth = baseRows[0]?.length ?? 0;
  const sameBase = firstDifference(normalizeRows(asRecords(baseRows), keys(baseWidth)), normalizeRows(asRecords(wowRows.map((r) => r.slice(0, baseWidth))), keys(baseWidth)), keys(baseWidth));
  const samePaper = firstDifference(normalizeRows(asRecords(paperRows), keys(paperRows[0]?.length ?? 0)), normalizeRows(asRecords(wowRows), keys(paperRows[0]?.length ?? 0)), keys(paperRows[0]?.length ?? 0));
  const beforeRows = answers[4]?.rows.map((r) => Object.values(r));
  const sameBefore = beforeRows ? firstDifference(normalizeRows(asRecords(beforeRows), keys(wowRows[0]?.length ?? 0)), normalizeRows(asRecords(wowRows), keys(wowRows[0]?.length ?? 0)), keys(wowRows[0]?.length ?? 0)) : null;
  const same = baseRows.length === 7 && sameBase === null && samePaper === null && sameBefore === null;
  if (!same) process.stderr.write(`answers differ (${w.name}): base ${sameBase ?? 'same'}, paper ${samePaper ?? 'same'}, before ${sameBefore ?? 'same'}, rows ${baseRows.length}\n`);
  return {
    base: median(times[0]),
    wow: median(times[1]),
    paper: median(times[2]),
    bothWeeks: median(times[3]),
    before: beforeDir ? median(times[4]) : undefined,
    same,
    wowSql: wow.sql.text,
    forms: { base, wow: wow.sql, paper_wow: paper, both_weeks: bothWeeks } as Record<string, { text: string; params: unknown[] }>,
  };
}

/**
 * Render time of 1,000 random valid plans over the demo catalog (a fixed seed) in each of the three
 * dialects: each plan rendered 5 times; its time is the best of the 5 (other work on a shared
 * machine only ever adds to a run), and the p50/p95 are over plans. The median over every single
 * run and the CPU time per render (which waiting for a core does not count) are reported beside.
 */
function timeRendering(catalog: Catalog) {
  const plans = fc.sample(validPlan(catalog, { firstDay: '2024-01-01', lastDay: BENCH_END_DATE, maxDays: 90 }), { seed: 42, numRuns: 1000 }) as Plan[];
  const best: number[] = [];
  const every: number[] = [];
  let cpuMicros = 0;
  let renders = 0;
  const rows: Record<string, unknown>[] = [];
  for (const dialect of [duckdbDialect, postgresDialect, mysqlDialect]) {
    const templater = new SqlTemplaterService({ dialect, templatesDir: defaultTemplatesDir() });
    for (let warm = 0; warm < 2; warm++) for (const plan of plans) templater.render(plan, catalog, BENCH_TODAY);
    const perPlan: number[] = [];
    const cpu = process.cpuUsage();
    for (const plan of plans) {
      let fastest = Infinity;
      for (let repeat = 0; repeat < 5; repeat++) {
        const started = process.hrtime.bigint();
        templater.render(plan, catalog, BENCH_TODAY);
        const us = Number(process.hrtime.bigint() - started) / 1000;
        every.push(us);
        fastest = Math.min(fastest, us);
      }
      perPlan.push(fastest);
    }
    const used = process.cpuUsage(cpu);
    cpuMicros += used.user + used.system;
    renders += plans.length * 5;
    best.push(...perPlan);
    rows.push({
      dialect: dialect.name,
      plans: plans.length,
      p50_us: round(percentile(perPlan, 50), 1),
      p95_us: round(percentile(perPlan, 95), 1),
      max_us: round(Math.max(...perPlan), 1),
      cpu_us_per_render: round((used.user + used.system) / (plans.length * 5), 1),
    });
  }
  return { p50: percentile(best, 50), p95: percentile(best, 95), p50AllRuns: percentile(every, 50), cpuMean: cpuMicros / renders, rows };
}

function valueOf(args: string[], flag: string): string | undefined {
  const i = args.indexOf(flag);
  return i >= 0 ? args[i + 1] : undefined;
}
