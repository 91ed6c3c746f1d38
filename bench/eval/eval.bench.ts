import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { renderHtmlReport, summaryRows } from '@chatbi/eval';
import { runEvalBenchmark, type EvalRun } from '../../apps/chatbi/src/eval.command';
import { RESULTS_DIR, printTable, writeResult } from '../bench-report';

/**
 * `npm run bench -- eval [benchmark...] [--limit n] [--spider dir]`: the Spider sample first (its
 * agreement check may start Python, which must happen before DuckDB is opened in this process),
 * its cold start (each database connected by URL and drafted by `chatbi connect` alone), then the
 * demo SRD and MRD sets on the small demo world, through the embedded pipeline with the
 * configured planner. Baselines in the same run: the official Spider scorer's verdicts
 * (agreement), the gold SQL scored against itself (the harness must give EX = UEX = 1), the
 * Spider sample with its hand-bootstrapped catalog against the cold one, and for MRD every turn
 * asked without its conversation.
 */
export async function run(args: string[]): Promise<void> {
  const limitAt = args.indexOf('--limit');
  const spiderAt = args.indexOf('--spider');
  const limit = limitAt >= 0 ? Number(args[limitAt + 1]) : undefined;
  const spider = spiderAt >= 0 ? args[spiderAt + 1] : undefined;
  const optionValues = new Set([limitAt, spiderAt].filter((at) => at >= 0).map((at) => at + 1));
  const named = args.filter((a, i) => !a.startsWith('--') && !optionValues.has(i));
  const benchmarks = named.length > 0 ? named : ['spider-sample', 'spider-cold', 'demo-srd', 'demo-mrd'];
  const headline: Record<string, unknown>[] = [];
  for (const name of benchmarks) {
    const started = Date.now();
    const result: EvalRun = await runEvalBenchmark(name, { limit, spider, onProgress: (l) => process.stdout.write(`${l}\n`) });
    printTable(`eval ${name} (${((Date.now() - started) / 1000).toFixed(0)} s)`, summaryRows(result.summary));
    if (result.databases) printTable(`eval ${name}: each database from its URL`, result.databases.map(({ url: _url, ...row }) => row));
    const failing = result.records.filter((r) => !r.ex).map(({ plan: _plan, ...r }) => r);
    writeResult(`eval-${name}`, { ...result.summary, seconds: Math.round((Date.now() - started) / 1000), failing });
    writeFileSync(join(RESULTS_DIR, `eval-${name}.html`), renderHtmlReport(result.summary, result.records));
    headline.push({
      benchmark: name,
      n: result.summary.n,
      EX: result.summary.ex,
      UEX: result.summary.uex,
      'exact match': result.summary.exact_match ?? '-',
      answered: result.records.filter((r) => !r.error).length / Math.max(1, result.records.length),
    });
  }
  printTable('eval: all benchmarks', headline);
}
