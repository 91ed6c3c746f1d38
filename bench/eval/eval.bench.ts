import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { renderHtmlReport, summaryRows } from '@chatbi/eval';
import { runEvalBenchmark, type EvalRun } from '../../apps/chatbi/src/eval.command';
import { RESULTS_DIR, printTable, writeResult } from '../bench-report';

/**
 * `npm run bench -- eval [benchmark...] [--limit n] [--spider dir]`: the Spider sample first (its
 * agreement check may start Python, which must happen before DuckDB is opened in this process),
 * then the demo SRD and MRD sets on the small demo world, through the embedded pipeline with the
 * configured planner. Baselines in the same run: the official Spider scorer's verdicts
 * (agreement), the gold SQL scored against itself (the harness must give EX = UEX = 1), and for
 * MRD every turn asked without its conversation.
 */
export async function run(args: string[]): Promise<void> {
  const limitAt = args.indexOf('--limit');
  const spiderAt = args.indexOf('--spider');
  const limit = limitAt >= 0 ? Number(args[limitAt + 1]) : undefined;
  const spider = spiderAt >= 0 ? args[spiderAt + 1] : undefined;
  const named = args.filter((a, i) => !a.startsWith('--') && i !== limitAt + 1 && i !== spiderAt + 1);
  const benchmarks = named.length > 0 ? named : ['spider-sample', 'demo-srd', 'demo-mrd'];
  const headline: Record<string, unknown>[] = [];
  for (const name of benchmarks) {
    const started = Date.now();
    const result: EvalRun = await runEvalBenchmark(name, { limit, spider, onProgress: (l) => process.stdout.write(`${l}\n`) });
    printTable(`eval ${name} (${((Date.now() - started) / 1000).toFixed(0)} s)`, summaryRows(result.summary));
    const failing = result.records.filter((r) => !r.ex).map(({ plan: _plan, ...r }) => r);
    writeResult(`eval-${name}`, { ...result.summary, seconds: Math.round((Date.now() - started) / 1000), failing });
    writeFileSync(join(RESULTS_DIR, `eval-${name}.html`), renderHtmlReport(result.summary, result.records));
    headline.push({ benchmark: name, n: result.summary.n, EX: result.summary.ex, UEX: result.summary.uex, 'exact match': result.summary.exact_match ?? '-' });
  }
  printTable('eval: all benchmarks', headline);
}
