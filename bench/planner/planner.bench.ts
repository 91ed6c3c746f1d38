import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { z } from 'zod';
import { CatalogRegistry } from '@chatbi/catalog';
import { ChatbiError, TOPICS, localDate, type AskResponse, type ViewSelectedMessage } from '@chatbi/contracts';
import { AskService, normalizeQuestion } from '@chatbi/dialogue';
import { buildPlanPrompt, planTool } from '@chatbi/json-planner';
import { MESSAGE_BUS, type MessageBus } from '@chatbi/transport';
import { WAREHOUSE, type Warehouse } from '@chatbi/warehouse';
import { loadConfig } from '../../apps/chatbi/src/config/chatbi.config';
import { createEmbeddedApp } from '../../apps/chatbi/src/embedded-runtime';
import { RESULTS_DIR, printTable, writeResult } from '../bench-report';
import { TOKENIZER_NAME, countTokens } from './approximate-tokenizer';
import { buildFullCatalogPrompt } from './full-catalog.prompt';
import { resultsMatch } from './result-match';

/**
 * `npm run bench -- planner [--dataset file] [--limit n] [--show-misses]`: the single-round
 * benchmark (bench/datasets/demo-srd.json) asked end to end through the embedded pipeline with the
 * offline planner; each answer's rows are compared with the gold query's rows on the same
 * warehouse (execution accuracy). For the Claude path, which cannot be called from here, the
 * prompt of every question is built with the prompt builder and counted with an offline
 * tokenizer, next to the baseline prompt that carries the whole catalog.
 */

const questionSchema = z.object({
  id: z.union([z.string(), z.number()]).transform(String),
  question: z.string().min(1),
  language: z.enum(['en', 'zh']),
  type: z.string().min(1),
  gold_sql: z.string().min(1),
});
type BenchQuestion = z.infer<typeof questionSchema>;

const GOLD_OPTIONS = { timeoutMs: 60_000, maxRows: 100_000 };

interface Outcome {
  id: string;
  language: string;
  type: string;
  question: string;
  match: boolean;
  error?: string;
  errorMessage?: string;
  goldError?: string;
  view?: string;
  promptTokens?: number;
  fullSchemaTokens: number;
  plan?: unknown;
}

export async function run(args: string[]): Promise<void> {
  const datasetFile = option(args, '--dataset') ?? join(RESULTS_DIR, '..', 'datasets', 'demo-srd.json');
  const limit = Number(option(args, '--limit') ?? Infinity);
  if (!existsSync(datasetFile)) throw new Error(`no benchmark questions at ${datasetFile}`);
  const questions = z.array(questionSchema).min(1).parse(JSON.parse(readFileSync(datasetFile, 'utf8'))).slice(0, limit);

  const dataDir = mkdtempSync(join(tmpdir(), 'chatbi-bench-planner-'));
  const app = await createEmbeddedApp(loadConfig({ CHATBI_DATA_DIR: dataDir }), { logLevels: ['error'] });
  try {
    const ask = app.get(AskService);
    const warehouse = app.get<Warehouse>(WAREHOUSE);
    const catalog = app.get(CatalogRegistry).current();
    const selections = new Map<string, ViewSelectedMessage>();
    app.get<MessageBus>(MESSAGE_BUS).subscribe<ViewSelectedMessage>(TOPICS.viewSelected, async (m) => {
      selections.set(m.question, m);
    });
    const tool = planTool();
    const toolTokens = countTokens(JSON.stringify(tool));

    const outcomes: Outcome[] = [];
    for (const q of questions) outcomes.push(await askOne(q, ask, warehouse, selections, catalog));

    const answered = outcomes.filter((o) => !o.goldError);
    const ex = (list: Outcome[]) => (list.length === 0 ? 0 : list.filter((o) => o.match).length / list.length);
    const group = (key: 'language' | 'type') => {
      const out: Record<string, { ex: number; n: number }> = {};
      for (const value of [...new Set(answered.map((o) => o[key]))].sort()) {
        const list = answered.filter((o) => o[key] === value);
        out[value] = { ex: round(ex(list)), n: list.length };
      }
      return out;
    };
    const prompts = answered.filter((o) => o.promptTokens !== undefined).map((o) => o.promptTokens!);
    const baseline = answered.map((o) => o.fullSchemaTokens);

    printTable('Offline planner, execution accuracy (EX) on the demo world', [
      { slice: 'overall', n: answered.length, ex: ex(answered) },
      ...Object.entries(group('language')).map(([k, v]) => ({ slice: `language ${k}`, n: v.n, ex: v.ex })),
      ...Object.entries(group('type')).map(([k, v]) => ({ slice: `type ${k}`, n: v.n, ex: v.ex })),
    ]);
    printTable(`Claude prompt size in tokens (${TOKENIZER_NAME}); tool schema adds ${toolTokens}`, [
      { prompt: 'selected view (prompt builder)', n: prompts.length, median: quantile(prompts, 0.5), p95: quantile(prompts, 0.95), max: Math.max(...prompts) },
      { prompt: 'whole catalog (baseline)', n: baseline.length, median: quantile(baseline, 0.5), p95: quantile(baseline, 0.95), max: Math.max(...baseline) },
    ]);
    const misses = answered.filter((o) => !o.match);
    if (args.includes('--show-misses')) {
      printTable('Misses', misses.map((o) => ({ id: o.id, type: o.type, error: o.error ?? 'rows differ', question: o.question })));
    }
    const goldFailures = outcomes.filter((o) => o.goldError);
    if (goldFailures.length > 0) printTable('Gold queries that failed (left out)', goldFailures.map((o) => ({ id: o.id, error: o.goldError })));

    writeResult('planner', {
      dataset: datasetFile,
      today: localDate(new Date()),
      offline: { ex: round(ex(answered)), n: answered.length, by_language: group('language'), by_type: group('type') },
      claude_prompt_tokens_median: quantile(prompts, 0.5),
      claude_prompt_tokens_p95: quantile(prompts, 0.95),
      claude_prompt_questions: prompts.length,
      full_schema_prompt_tokens_median: quantile(baseline, 0.5),
      full_schema_prompt_tokens_p95: quantile(baseline, 0.95),
      tool_schema_tokens: toolTokens,
      tokenizer: TOKENIZER_NAME,
      gold_failures: goldFailures.map((o) => ({ id: o.id, error: o.goldError })),
      questions: outcomes,
    });
  } finally {
    await app.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

async function askOne(
  q: BenchQuestion,
  ask: AskService,
  warehouse: Warehouse,
  selections: Map<string, ViewSelectedMessage>,
  catalog: ReturnType<CatalogRegistry['current']>,
): Promise<Outcome> {
  const today = localDate(new Date());
  const full = buildFullCatalogPrompt(q.question, catalog, today);
  const outcome: Outcome = {
    id: q.id,
    language: q.language,
    type: q.type,
    question: q.question,
    match: false,
    fullSchemaTokens: countTokens(full.system) + countTokens(full.user),
  };
  let gold;
  try {
    gold = await warehouse.query(q.gold_sql, [], GOLD_OPTIONS);
  } catch (error) {
    outcome.goldError = error instanceof Error ? error.message : String(error);
    return outcome;
  }
  let answer: AskResponse | undefined;
  try {
    answer = await ask.ask({ question: q.question });
  } catch (error) {
    outcome.error = error instanceof ChatbiError ? error.code : String(error);
    outcome.errorMessage = error instanceof Error ? error.message : undefined;
  }
  // The answer can settle before every subscriber of chatbi.view-selected has run.
  await drain();
  const selected = selections.get(normalizeQuestion(q.question));
  const view = selected && catalog.view(selected.view);
  if (view) {
    outcome.view = view.name;
    const prompt = buildPlanPrompt({ question: q.question, view, catalog, today });
    outcome.promptTokens = countTokens(prompt.system) + countTokens(prompt.user);
  }
  if (answer) {
    outcome.plan = answer.plan;
    outcome.match = resultsMatch(
      { columns: answer.columns.map((c) => c.name), rows: answer.rows },
      { columns: gold.columns.map((c) => c.name), rows: gold.rows },
    );
  }
  return outcome;
}

async function drain(): Promise<void> {
  for (let i = 0; i < 3; i++) await new Promise((resolve) => setImmediate(resolve));
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
