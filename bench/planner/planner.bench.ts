import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CatalogRegistry, type Catalog } from '@chatbi/catalog';
import { TOPICS, addDays, localDate, type Clock, type Plan, type ViewSelectedMessage } from '@chatbi/contracts';
import { generateDemoWorld } from '@chatbi/demo-world';
import { AskService } from '@chatbi/dialogue';
import { plannerInputOf } from '@chatbi/json-planner';
import { MESSAGE_BUS, type MessageBus } from '@chatbi/transport';
import { WAREHOUSE, type Warehouse } from '@chatbi/warehouse';
import { loadConfig } from '../../apps/chatbi/src/config/chatbi.config';
import { createEmbeddedApp } from '../../apps/chatbi/src/embedded-runtime';
import { RESULTS_DIR, printTable, writeResult } from '../bench-report';
import { TOKENIZER_NAME } from './approximate-tokenizer';
import { blindDatasetFiles, loadDataset, type BenchDataset } from './bench-datasets';
import { CaseRunner, type CaseOutcome } from './case-runner';
import { fullSchemaTokens, questionTokens, type QuestionTokens, type RequestTokens } from './llm-request.tokens';
import { referenceDays } from './reference-days';

/**
 * `npm run bench -- planner [--dataset file] [--dates all|none|YYYY-MM-DD,...] [--limit n] [--show-misses]`:
 * execution accuracy of the offline planner, asked end to end through the embedded pipeline; each
 * answer's rows are compared with its gold query's rows on the same warehouse.
 * - The team's own sets (demo-srd.json, demo-mrd.json) today, and again on reference days across
 *   a year (month starts and ends, a leap day, a Monday, a Sunday) on a demo world spanning them:
 *   `own.ex_min_over_dates`.
 * - Every blind set (blind-<n>.json, written from the catalog and README alone), today:
 *   `blind.latest` is the newest, the number that says whether the reading generalises.
 * - For the LLM planners, which cannot be called from here, every request they would send for the
 *   own sets' questions (tool, system, messages, and a repair turn) is built by their own code and
 *   counted with an offline tokenizer, split into the prefix fixed for a view of a catalog version
 *   (cached by the provider) and the part that changes, next to a baseline carrying the whole
 *   catalog and the whole plan schema.
 */
export async function run(args: string[]): Promise<void> {
  const datasetsDir = join(RESULTS_DIR, '..', 'datasets');
  const only = option(args, '--dataset');
  const limit = Number(option(args, '--limit') ?? Infinity);
  const showMisses = args.includes('--show-misses');
  const own = only ? [] : ['demo-srd.json', 'demo-mrd.json'].map((f) => cut(loadDataset(join(datasetsDir, f)), limit));
  const blind = only ? [] : blindDatasetFiles(datasetsDir).map((f) => cut(loadDataset(f), limit));
  const extra = only ? [cut(loadDataset(only), limit)] : [];
  const today = localDate(new Date());

  // Today, on the demo world that ends yesterday.
  const todayRun = await withApp({}, async ({ runner, catalog, selections, warehouse }) => {
    const results = new Map<string, DatasetOutcome>();
    for (const set of [...own, ...blind, ...extra]) results.set(set.name, await askDataset(set, runner));
    const tokens = own.length > 0 ? llmTokens(own.map((set) => results.get(set.name)!), selections, catalog, today) : undefined;
    void warehouse;
    return { results, tokens };
  });

  // The own sets again on reference days, on one world that covers them all.
  const datesArg = option(args, '--dates') ?? (only ? 'none' : 'all');
  const days = datesArg === 'none' ? [] : datesArg === 'all' ? referenceDays() : datesArg.split(',');
  const byDate: Record<string, { srd: number; mrd_turns: number; n: number }> = {};
  if (days.length > 0 && own.length > 0) {
    const last = [...days].sort().at(-1)!;
    const first = [...days].sort()[0];
    const worldDir = mkdtempSync(join(tmpdir(), 'chatbi-bench-days-'));
    try {
      const world = join(worldDir, 'days.duckdb');
      // A year and a month before the first day, for year-over-year and month-over-month.
      const span = daysBetween(first, last) + 400;
      await generateDemoWorld({ file: world, size: { users: 4000, days: span }, seed: 42, endDate: addDays(last, -1) });
      let day = days[0];
      const clock: Clock = { now: () => new Date(`${day}T12:00:00`) };
      await withApp({ CHATBI_WAREHOUSE_FILE: world, clock }, async ({ ask, warehouse }) => {
        for (const d of days) {
          day = d;
          const runner = new CaseRunner(ask, warehouse, d);
          const srd = await askDataset(own[0], runner);
          const mrd = await askDataset(own[1], runner);
          byDate[d] = { srd: srd.score.ex, mrd_turns: mrd.turns.ex, n: srd.score.n + mrd.turns.n };
          process.stdout.write(`  ${d}: srd ${srd.score.ex.toFixed(3)}, mrd turns ${mrd.turns.ex.toFixed(3)}\n`);
        }
      });
    } finally {
      rmSync(worldDir, { recursive: true, force: true });
    }
  }

  const results = todayRun.results;
  const summaryRows = [...results.values()].map((r) => ({
    set: r.name,
    origin: r.origin,
    written: r.written ?? '',
    single_n: r.score.n,
    single_ex: r.score.ex,
    turns_n: r.turns.n,
    turn_ex: r.turns.ex,
    dialogues_ex: r.dialogueEx,
  }));
  printTable(`Offline planner, execution accuracy (EX) on the demo world, asked ${today}`, summaryRows);
  for (const r of results.values()) {
    const rows = Object.entries(r.score.byKind).map(([kind, v]) => ({ kind, n: v.n, ex: v.ex }));
    if (r.origin === 'blind' || r.name === 'demo-srd') printTable(`${r.name}: single questions by kind`, rows);
  }
  if (Object.keys(byDate).length > 0) {
    printTable('Own sets on reference days', Object.entries(byDate).map(([d, v]) => ({ day: d, srd: v.srd, mrd_turns: v.mrd_turns })));
  }
  if (todayRun.tokens) {
    const t = todayRun.tokens;
    printTable(`LLM planner input tokens per question on ${own.map((set) => set.name).join(' + ')} (${TOKENIZER_NAME})`, [
      tokenRow('Claude (Messages API)', t.anthropic),
      tokenRow('OpenAI-compatible (chat completions)', t.openai),
      tokenRow('whole catalog + whole plan schema (baseline)', t.baseline),
    ]);
  }
  if (showMisses) {
    for (const r of results.values()) {
      const misses = r.outcomes.filter((o) => !o.match && !o.goldError);
      printTable(`${r.name}: misses`, misses.map((o) => ({ id: o.id, kind: o.kind, got: o.error ?? (o.rows === undefined ? '' : `${o.rows} rows (gold ${o.goldRows ?? '-'})`), question: o.question })));
    }
  }

  const blindSummaries = blind.map((set) => summarize(results.get(set.name)!));
  const srd = results.get('demo-srd');
  const mrd = results.get('demo-mrd');
  const dateScores = Object.values(byDate).flatMap((v) => [v.srd, v.mrd_turns]);
  writeResult(only ? 'planner-dataset' : 'planner', {
    today,
    ...(srd ? { offline: { ex: srd.score.ex, n: srd.score.n, by_language: srd.score.byLanguage, by_type: srd.score.byKind } } : {}),
    ...(blindSummaries.length > 0
      ? { blind: { latest: blindSummaries.at(-1), sets: Object.fromEntries(blindSummaries.map((s) => [s.name, s])) } }
      : {}),
    ...(srd && mrd
      ? {
          own: {
            srd: summarize(srd),
            mrd: summarize(mrd),
            ex_min_over_dates: dateScores.length > 0 ? Math.min(...dateScores) : null,
            reference_days: byDate,
          },
        }
      : {}),
    ...(extra.length > 0 ? { dataset: summarize(results.get(extra[0].name)!) } : {}),
    ...(todayRun.tokens ? llmTokenFields(todayRun.tokens) : {}),
    gold_failures: [...results.values()].flatMap((r) => r.outcomes.filter((o) => o.goldError).map((o) => ({ set: r.name, id: o.id, error: o.goldError }))),
    questions: Object.fromEntries([...results.values()].map((r) => [r.name, r.outcomes])),
  });
}

interface Score {
  n: number;
  ex: number;
  byLanguage: Record<string, { n: number; ex: number }>;
  byKind: Record<string, { n: number; ex: number }>;
}

interface DatasetOutcome {
  name: string;
  origin: BenchDataset['origin'];
  written?: string;
  outcomes: CaseOutcome[];
  score: Score;
  turns: Score;
  dialogueEx: number;
}

async function askDataset(set: BenchDataset, runner: CaseRunner): Promise<DatasetOutcome> {
  const singles: CaseOutcome[] = [];
  for (const c of set.singles) singles.push(await runner.single(c));
  const dialogues: CaseOutcome[][] = [];
  for (const d of set.dialogues) dialogues.push(await runner.dialogue(d));
  const scoredDialogues = dialogues.filter((turns) => turns.every((t) => !t.goldError));
  return {
    name: set.name,
    origin: set.origin,
    ...(set.written ? { written: set.written } : {}),
    outcomes: [...singles, ...dialogues.flat()],
    score: score(singles),
    turns: score(dialogues.flat()),
    dialogueEx: round(scoredDialogues.length === 0 ? 0 : scoredDialogues.filter((turns) => turns.every((t) => t.match)).length / scoredDialogues.length),
  };
}

function score(outcomes: CaseOutcome[]): Score {
  const counted = outcomes.filter((o) => !o.goldError);
  const ex = (list: CaseOutcome[]) => round(list.length === 0 ? 0 : list.filter((o) => o.match).length / list.length);
  const by = (key: 'language' | 'kind') => {
    const out: Record<string, { n: number; ex: number }> = {};
    for (const value of [...new Set(counted.map((o) => o[key]))].sort()) {
      const list = counted.filter((o) => o[key] === value);
      out[value] = { n: list.length, ex: ex(list) };
    }
    return out;
  };
  return { n: counted.length, ex: ex(counted), byLanguage: by('language'), byKind: by('kind') };
}

/** What bench/results/planner.json says of one set. */
function summarize(r: DatasetOutcome) {
  const refuse = r.outcomes.filter((o) => o.expect === 'refuse' && !o.goldError);
  const answerable = r.outcomes.filter((o) => o.expect === 'answer' && !o.goldError);
  return {
    name: r.name,
    ...(r.written ? { written: r.written } : {}),
    n: r.score.n,
    ex: r.score.ex,
    by_language: r.score.byLanguage,
    by_kind: r.score.byKind,
    mrd_turns: r.turns.n,
    mrd_turn_ex: r.turns.ex,
    mrd_turn_by_language: r.turns.byLanguage,
    mrd_dialogue_ex: r.dialogueEx,
    // How the tool fails: refusing what it could answer, or answering what it should not have.
    refused_answerable: answerable.filter((o) => o.error !== undefined).length,
    answered_wrong: answerable.filter((o) => !o.match && o.error === undefined).length,
    refuse_cases: refuse.length,
    refuse_cases_answered: refuse.filter((o) => !o.match).length,
  };
}

interface AppContext {
  ask: AskService;
  warehouse: Warehouse;
  catalog: Catalog;
  runner: CaseRunner;
  selections: Map<string, ViewSelectedMessage>;
}

async function withApp<T>(settings: { CHATBI_WAREHOUSE_FILE?: string; clock?: Clock }, body: (ctx: AppContext) => Promise<T>): Promise<T> {
  const dataDir = mkdtempSync(join(tmpdir(), 'chatbi-bench-planner-'));
  const env: Record<string, string> = { CHATBI_DATA_DIR: dataDir };
  if (settings.CHATBI_WAREHOUSE_FILE) env.CHATBI_WAREHOUSE_FILE = settings.CHATBI_WAREHOUSE_FILE;
  const app = await createEmbeddedApp(loadConfig(env), { logLevels: ['error'], ...(settings.clock ? { clock: settings.clock } : {}) });
  try {
    const ask = app.get(AskService);
    const warehouse = app.get<Warehouse>(WAREHOUSE);
    const selections = new Map<string, ViewSelectedMessage>();
    app.get<MessageBus>(MESSAGE_BUS).subscribe<ViewSelectedMessage>(TOPICS.viewSelected, async (m) => {
      selections.set(m.requestId, m);
    });
    const today = localDate((settings.clock ?? { now: () => new Date() }).now());
    return await body({ ask, warehouse, catalog: app.get(CatalogRegistry).current(), runner: new CaseRunner(ask, warehouse, today), selections });
  } finally {
    await app.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

interface LlmTokens {
  perQuestion: { set: string; id: string; view: string; tokens: QuestionTokens }[];
  anthropic: ProviderTokens;
  openai: ProviderTokens;
  baseline: ProviderTokens;
}

interface ProviderTokens {
  first: RequestTokens[];
  repair: RequestTokens[];
}

/**
 * What the LLM planners would send for every question of the own sets that reached a view (single
 * questions and dialogue turns, each with the planner input the pipeline built for it).
 */
function llmTokens(sets: DatasetOutcome[], selections: Map<string, ViewSelectedMessage>, catalog: Catalog, today: string): LlmTokens {
  const out: LlmTokens = { perQuestion: [], anthropic: { first: [], repair: [] }, openai: { first: [], repair: [] }, baseline: { first: [], repair: [] } };
  for (const set of sets) {
    for (const o of set.outcomes) {
      const selected = o.requestId ? selections.get(o.requestId) : undefined;
      const view = selected && catalog.view(selected.view);
      if (!selected || !view) continue;
      const tokens = questionTokens(plannerInputOf(selected, view, catalog, today), o.plan as Plan | undefined);
      out.perQuestion.push({ set: set.name, id: o.id, view: view.name, tokens });
      for (const provider of ['anthropic', 'openai'] as const) {
        out[provider].first.push(tokens[provider].first);
        out[provider].repair.push(tokens[provider].repair);
      }
      out.baseline.first.push(fullSchemaTokens(selected.resolvedQuestion, catalog, today));
    }
  }
  return out;
}

const total = (t: RequestTokens) => t.fixed + t.varying;

function tokenRow(request: string, t: ProviderTokens) {
  const input = t.first.map(total);
  return {
    request,
    n: input.length,
    sent_median: quantile(input, 0.5),
    sent_p95: quantile(input, 0.95),
    uncached_median: quantile(t.first.map((r) => r.varying), 0.5),
    fixed_median: quantile(t.first.map((r) => r.fixed), 0.5),
    tool_median: quantile(t.first.map((r) => r.tool), 0.5),
    repair_sent_median: t.repair.length > 0 ? quantile(t.repair.map(total), 0.5) : '',
  };
}

function providerFields(t: ProviderTokens) {
  const input = t.first.map(total);
  return {
    input_tokens_median: quantile(input, 0.5),
    input_tokens_p95: quantile(input, 0.95),
    input_tokens_max: Math.max(...input),
    uncached_input_tokens_median: quantile(t.first.map((r) => r.varying), 0.5),
    uncached_input_tokens_p95: quantile(t.first.map((r) => r.varying), 0.95),
    fixed_prefix_tokens_median: quantile(t.first.map((r) => r.fixed), 0.5),
    tool_schema_tokens_median: quantile(t.first.map((r) => r.tool), 0.5),
    tool_schema_tokens_max: Math.max(...t.first.map((r) => r.tool)),
    ...(t.repair.length > 0
      ? {
          repair_turn_input_tokens_median: quantile(t.repair.map(total), 0.5),
          repair_turn_uncached_input_tokens_median: quantile(t.repair.map((r) => r.varying), 0.5),
        }
      : {}),
  };
}

/** bench/results/planner.json's token fields: the headline ones are the Claude request's. */
function llmTokenFields(t: LlmTokens) {
  const claude = providerFields(t.anthropic);
  return {
    llm_input_tokens_median: claude.input_tokens_median,
    llm_uncached_input_tokens_median: claude.uncached_input_tokens_median,
    tool_schema_tokens: claude.tool_schema_tokens_median,
    full_schema_input_tokens_median: quantile(t.baseline.first.map(total), 0.5),
    llm_tokens: {
      tokenizer: TOKENIZER_NAME,
      questions: t.perQuestion.length,
      anthropic: claude,
      openai: providerFields(t.openai),
      full_schema_baseline: providerFields(t.baseline),
      per_question: t.perQuestion.map((q) => ({
        set: q.set,
        id: q.id,
        view: q.view,
        anthropic: { fixed: q.tokens.anthropic.first.fixed, varying: q.tokens.anthropic.first.varying, repair_varying: q.tokens.anthropic.repair.varying },
        openai: { fixed: q.tokens.openai.first.fixed, varying: q.tokens.openai.first.varying, repair_varying: q.tokens.openai.repair.varying },
      })),
    },
  };
}

function cut(set: BenchDataset, limit: number): BenchDataset {
  return Number.isFinite(limit) ? { ...set, singles: set.singles.slice(0, limit), dialogues: set.dialogues.slice(0, limit) } : set;
}

function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

function option(args: string[], name: string): string | undefined {
  const at = args.indexOf(name);
  if (at >= 0) return args[at + 1];
  return args.find((a) => a.startsWith(`${name}=`))?.slice(name.length + 1);
}

function quantile(values: number[], q: number): number {
  if (values.length === 0) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)];
}

function round(n: number): number {
  return Math.round(n * 10_000) / 10_000;
}
