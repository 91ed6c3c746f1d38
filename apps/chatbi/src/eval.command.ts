import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { findAncestorWith } from '@chatbi/contracts';
import {
  agreementWithOfficial,
  locateSpiderDataset,
  readMrdDialogues,
  readOfficialVerdicts,
  readSpiderExamples,
  readSrdQuestions,
  renderHtmlReport,
  runMrd,
  runSpider,
  runSrd,
  spiderScorerFor,
  summarize,
  summaryRows,
  type EvalRecord,
  type EvalSummary,
  type OfficialVerdict,
  type SpiderDataset,
} from '@chatbi/eval';
import { loadConfig } from './config/chatbi.config';
import { embeddedPipeline } from './embedded-pipeline';
import { runSpiderCold } from './spider-cold.runner';
import { formatTable } from './table.printer';

export const BENCHMARKS = ['demo-srd', 'demo-mrd', 'spider-sample', 'spider-cold'] as const;
const DEFAULT_SPIDER_DIR = '../shared/data/spider_sample';

export interface EvalOptions {
  /** A Spider folder (dev.json, tables.json, database/); for spider-sample or spider. */
  spider?: string;
  /** Only the first n questions or dialogues. */
  limit?: number;
  /** Where eval-<benchmark>.json and .html go; default bench/results. */
  out?: string;
  onProgress?: (line: string) => void;
}

export interface EvalRun {
  summary: EvalSummary;
  records: EvalRecord[];
  /** Per-database rows of a cold run (drafting and training), printed beside the summary. */
  databases?: Record<string, unknown>[];
}

/** The repository root: the folder holding bench/datasets, found from here or the compiled copy. */
export function repositoryRoot(from = __dirname): string {
  const root = findAncestorWith(from, join('bench', 'datasets', 'demo-srd.json'));
  if (!root) throw new Error(`no ChatBI repository (bench/datasets) above ${from}`);
  return root;
}

/** Runs one benchmark and returns its summary and per-question records (nothing written). */
export async function runEvalBenchmark(benchmark: string, options: EvalOptions = {}): Promise<EvalRun> {
  const root = repositoryRoot();
  const progress = options.onProgress ?? (() => undefined);
  if (benchmark === 'demo-srd' || benchmark === 'demo-mrd') {
    const pipeline = await embeddedPipeline(loadConfig(), progress);
    try {
      if (benchmark === 'demo-srd') {
        const questions = readSrdQuestions(join(root, 'bench', 'datasets', 'demo-srd.json')).slice(0, options.limit ?? Infinity);
        const records = await runSrd(pipeline, questions, (n) => n % 25 === 0 && progress(`  ${n}/${questions.length} questions`));
        return { summary: summarize('demo-srd', records), records };
      }
      const dialogues = readMrdDialogues(join(root, 'bench', 'datasets', 'demo-mrd.json')).slice(0, options.limit ?? Infinity);
      const withContext = await runMrd(pipeline, dialogues, { onProgress: (n) => n % 10 === 0 && progress(`  ${n}/${dialogues.length} dialogues`) });
      const standalone = await runMrd(pipeline, dialogues, { standalone: true });
      const records = withContext.flatMap((d) => d.turns);
      const rate = (xs: boolean[]) => (xs.length ? Math.round((xs.filter(Boolean).length / xs.length) * 10_000) / 10_000 : 0);
      const byTurn = [0, 1, 2].map((i) => ({ turn: i + 1, ex: rate(withContext.map((d) => d.turns[i]?.ex ?? false)), uex: rate(withContext.map((d) => d.turns[i]?.uex ?? false)) }));
      return {
        summary: summarize('demo-mrd', records, {
          dialogues: withContext.length,
          dialogue_ex: rate(withContext.map((d) => d.ex)),
          dialogue_uex: rate(withContext.map((d) => d.uex)),
          switching_dialogue_ex: rate(withContext.filter((d) => d.switchesView).map((d) => d.ex)),
          by_turn: byTurn,
          baseline_standalone_turns: {
            ex: rate(standalone.flatMap((d) => d.turns.map((t) => t.ex))),
            uex: rate(standalone.flatMap((d) => d.turns.map((t) => t.uex))),
            dialogue_ex: rate(standalone.map((d) => d.ex)),
          },
        }),
        records,
      };
    } finally {
      await pipeline.close();
    }
  }
  if (benchmark === 'spider-cold') {
    const dataset = locateSpiderDataset(resolve(options.spider ?? join(root, DEFAULT_SPIDER_DIR)));
    const work = mkdtempSync(join(tmpdir(), 'chatbi-eval-cold-'));
    try {
      return await runSpiderCold(dataset, work, { limit: options.limit, onProgress: progress });
    } finally {
      rmSync(work, { recursive: true, force: true });
    }
  }
  if (benchmark === 'spider-sample' || benchmark === 'spider') {
    const dataset = locateSpiderDataset(resolve(options.spider ?? join(root, DEFAULT_SPIDER_DIR)));
    const agreement = checkAgreementWithOfficial(dataset, root, progress);
    const work = mkdtempSync(join(tmpdir(), 'chatbi-eval-spider-'));
    try {
      const records = await runSpider(
        dataset,
        ({ warehouseFile, catalogDir, dbId }) =>
          embeddedPipeline(
            loadConfig({ ...process.env, CHATBI_DATA_DIR: join(work, dbId, 'data'), CHATBI_WAREHOUSE_FILE: warehouseFile, CHATBI_CATALOG_DIR: catalogDir }),
          ),
        work,
        { limit: options.limit, onProgress: (n) => n % 25 === 0 && progress(`  ${n} questions`) },
      );
      return { summary: summarize(benchmark, records, { agreement_with_official: agreement }), records };
    } finally {
      rmSync(work, { recursive: true, force: true });
    }
  }
  throw new Error(`unknown benchmark ${JSON.stringify(benchmark)}; use one of ${[...BENCHMARKS, 'spider'].join(', ')}`);
}

/**
 * Our hardness and exact-match verdicts against Spider's official evaluation.py, on the gold
 * queries (each scored against itself) and, for the sample, on the deliberately wrong predictions
 * in bench/datasets/spider-sample-predictions.json. The official verdicts come from running the
 * script when python3 with nltk is there, else from the verdicts recorded from it.
 */
export function checkAgreementWithOfficial(dataset: SpiderDataset, root: string, progress: (line: string) => void): Record<string, unknown> {
  const examples = readSpiderExamples(dataset.questionsFile);
  const isSample = dataset.questionsFile.endsWith('dev_sample.json');
  const predictions = isSample
    ? (JSON.parse(readFileSync(join(root, 'bench', 'datasets', 'spider-sample-predictions.json'), 'utf8')) as { gold_index: number; sql: string }[])
    : [];
  const pairs = [
    ...examples.map((e) => ({ gold: e.query, pred: e.query, db: e.db_id })),
    ...predictions.map((p) => ({ gold: examples[p.gold_index].query, pred: p.sql, db: examples[p.gold_index].db_id })),
  ];
  const scorers = new Map<string, ReturnType<typeof spiderScorerFor>>();
  const ours = pairs.map((p) => {
    const scorer = scorers.get(p.db) ?? spiderScorerFor(dataset, p.db);
    scorers.set(p.db, scorer);
    const v = scorer.score(p.pred, p.gold);
    return { hardness: v.hardness, exact: v.exactMatch };
  });
  let official = runOfficialScript(dataset, pairs, root);
  let source = 'evaluation.py run now';
  if (!official && isSample) {
    const recorded = readOfficialVerdicts(join(root, 'bench', 'datasets', 'spider-sample-official-verdicts.json'));
    official = [...recorded.gold, ...recorded.predictions];
    source = 'verdicts recorded from evaluation.py (python3 with nltk not available)';
  }
  if (!official) return { source: 'unavailable: python3 with nltk is needed for a Spider folder other than the sample' };
  progress(`Agreement with the official scorer (${source})`);
  const all = agreementWithOfficial(ours, official);
  const gold = agreementWithOfficial(ours.slice(0, examples.length), official.slice(0, examples.length));
  const wrong = agreementWithOfficial(ours.slice(examples.length), official.slice(examples.length));
  return {
    source,
    hardness: all.hardness,
    exact_match: all.exact_match,
    gold_queries: { n: gold.n, hardness: gold.hardness, exact_match: gold.exact_match },
    wrong_predictions: { n: wrong.n, hardness: wrong.hardness, exact_match: wrong.exact_match, exact_by_official: official.slice(examples.length).filter((v) => v.exact).length },
    disagreements: all.disagreements,
  };
}

function runOfficialScript(dataset: SpiderDataset, pairs: { gold: string; pred: string; db: string }[], root: string): OfficialVerdict[] | undefined {
  const script = join(root, 'bench', 'eval', 'official-spider-verdicts.py');
  if (!existsSync(join(dataset.dir, 'evaluation.py')) || !existsSync(script)) return undefined;
  const dir = mkdtempSync(join(tmpdir(), 'chatbi-official-'));
  try {
    writeFileSync(join(dir, 'gold.sql'), pairs.map((p) => `${p.gold.replace(/\s+/g, ' ')}\t${p.db}\n`).join(''));
    writeFileSync(join(dir, 'pred.sql'), pairs.map((p) => `${p.pred.replace(/\s+/g, ' ')}\n`).join(''));
    const run = spawnSync('python3', [script, dataset.dir, join(dir, 'gold.sql'), join(dir, 'pred.sql')], { encoding: 'utf8', timeout: 120_000 });
    if (run.status !== 0) return undefined;
    const lines = run.stdout.trim().split('\n').filter(Boolean);
    return lines.length === pairs.length ? lines.map((l) => JSON.parse(l) as OfficialVerdict) : undefined;
  } catch {
    return undefined;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Writes eval-<benchmark>.json and eval-<benchmark>.html into dir; returns their paths. */
export function writeEvalReport(run: EvalRun, dir: string, extra: Record<string, unknown> = {}): { json: string; html: string } {
  mkdirSync(dir, { recursive: true });
  const name = `eval-${run.summary.benchmark}`;
  const json = join(dir, `${name}.json`);
  const html = join(dir, `${name}.html`);
  const failing = run.records.filter((r) => !r.ex).map(({ plan: _plan, ...r }) => r);
  writeFileSync(json, `${JSON.stringify({ ...extra, ...run.summary, failing }, null, 2)}\n`);
  writeFileSync(html, renderHtmlReport(run.summary, run.records));
  return { json, html };
}

/** `chatbi eval <benchmark>`: runs it, prints the table, writes the JSON and HTML report. */
export async function evalCommand(benchmark: string, opts: { spider?: string; limit?: string; out?: string }): Promise<void> {
  const out = (line = '') => process.stdout.write(`${line}\n`);
  const names = benchmark === 'all' ? [...BENCHMARKS] : [benchmark];
  for (const name of names) {
    out(`Running ${name} ...`);
    const run = await runEvalBenchmark(name, {
      spider: opts.spider,
      limit: opts.limit ? Number(opts.limit) : undefined,
      onProgress: (l) => out(l),
    });
    const rows = summaryRows(run.summary);
    out(formatTable(Object.keys(rows[0]), rows.map((r) => Object.fromEntries(Object.entries(r).map(([k, v]) => [k, typeof v === 'number' && !Number.isInteger(v) ? v.toFixed(3) : v])))));
    const paths = writeEvalReport(run, resolve(opts.out ?? join(repositoryRoot(), 'bench', 'results')));
    out(`wrote ${paths.json}\nwrote ${paths.html}\n`);
  }
}
