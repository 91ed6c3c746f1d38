import type { CascadeAlgorithmConfig } from '@chatbi/contracts';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { DEFAULT_WINDOW_ROWS, GoldLabelOracle, runCascade } from '@chatbi/cascades';
import { SeededRandom } from '@chatbi/models';
import { printTable, RESULTS_DIR, writeResult } from '../bench-report';
import { agNews, smsSpam, syntheticBimodal, type CascadeDataset } from './cascade-datasets';
import { f1Score, idealCascadeF1, meanAndStd } from './cascade-quality';
import { renderFrontierPlot } from './frontier-plot';

/** One point of a method's sweep. */
interface SweepPoint {
  method: 'proxy-only' | 'oracle-only' | 'supg-it' | 'gamcal';
  parameter: string;
  algorithm: CascadeAlgorithmConfig;
}

export interface PointResult {
  method: SweepPoint['method'];
  parameter: string;
  f1_mean: number;
  f1_std: number;
  oracle_fraction_mean: number;
  oracle_fraction_std: number;
}

const TARGETS = [0.5, 0.7, 0.8, 0.9];
const ALPHAS = [0.05, 0.1, 0.2, 0.35, 0.45];
const ORACLE_SHARE_LIMIT = 0.2;

function option(args: string[], name: string): string | undefined {
  const at = args.indexOf(`--${name}`);
  return at >= 0 ? args[at + 1] : undefined;
}

function sweep(dataset: CascadeDataset, partitions: number, gamcalBatch: number): SweepPoint[] {
  const perPartition = dataset.rows.length / partitions;
  const proxyOnly: SweepPoint[] = dataset.learnsOnline
    ? [0.1, 0.2].map((share) => ({
        method: 'proxy-only' as const,
        parameter: `warm-up ${share * 100}%`,
        algorithm: { kind: 'proxy-only' as const, warmupRows: Math.round(share * perPartition) },
      }))
    : [{ method: 'proxy-only', parameter: 's >= 0.5', algorithm: { kind: 'proxy-only' } }];
  return [
    ...proxyOnly,
    { method: 'oracle-only', parameter: '-', algorithm: { kind: 'oracle-only' } },
    ...TARGETS.map((t) => ({
      method: 'supg-it' as const,
      parameter: `t=${t}`,
      algorithm: { kind: 'supg-it' as const, targetPrecision: t, targetRecall: t, confidence: 0.95, samplesPerIteration: 20 },
    })),
    ...ALPHAS.map((alpha) => ({
      method: 'gamcal' as const,
      parameter: `alpha=${alpha}`,
      algorithm: { kind: 'gamcal' as const, alpha, batchSize: gamcalBatch, exploration: 0.03 },
    })),
  ];
}

async function measure(dataset: CascadeDataset, point: SweepPoint, seeds: number, partitions: number, windowRows: number): Promise<PointResult> {
  const f1s: number[] = [];
  const fractions: number[] = [];
  for (let seed = 0; seed < seeds; seed++) {
    // Each seed streams the rows in its own order and seeds the proxies and samplers.
    const rows = new SeededRandom(seed + 1).shuffle([...dataset.rows]);
    const oracle = new GoldLabelOracle(dataset.gold);
    const outcome = await runCascade(rows, {
      task: dataset.task,
      proxy: dataset.proxy(seed),
      oracle,
      algorithm: point.algorithm,
      budget: { maxOracleCalls: Infinity, maxOracleTokens: Infinity },
      partitions,
      seed,
      windowRows,
    });
    if (oracle.rowsJudged !== outcome.oracleCalls) throw new Error(`oracle counted ${oracle.rowsJudged} rows, the cascade ${outcome.oracleCalls}`);
    f1s.push(f1Score(outcome.decisions, dataset.gold));
    fractions.push(outcome.oracleCalls / dataset.rows.length);
  }
  const f1 = meanAndStd(f1s);
  const fraction = meanAndStd(fractions);
  return { method: point.method, parameter: point.parameter, f1_mean: f1.mean, f1_std: f1.std, oracle_fraction_mean: fraction.mean, oracle_fraction_std: fraction.std };
}

/**
 * `npm run bench -- cascades [--data ../shared/data] [--seeds 10] [--partitions 8] [--window 200]
 * [--gamcal-batch 50] [--only name]`: F1 against gold labels and the share of rows sent to the
 * oracle, for proxy-only, oracle-only, SUPG-IT (sweep of t_P = t_R) and GAMCAL (sweep of alpha),
 * on SMS spam, AG News (one binary predicate per class) and a synthetic bimodal set; writes
 * bench/results/cascades.json and cascades.html (F1 against delegation, like the paper's Figure 5).
 *
 * The oracle reads the gold label and is counted like a real one; on the text sets every
 * partition's proxy starts empty and learns only from the labels its cascade asked for. GAMCAL's
 * first fit comes after 50 labels rather than the paper's 200, because a partition here holds
 * 700-950 rows, not 10,000 (200 labels would be a quarter of it). For the synthetic set the
 * JSON also gives the F1 of an ideal cascade that knows P(y | s) exactly: the ceiling at 20%.
 */
export async function run(args: string[]): Promise<void> {
  const dataDir = option(args, 'data') ?? join(RESULTS_DIR, '..', '..', '..', 'shared', 'data');
  const seeds = Number(option(args, 'seeds') ?? 10);
  const partitions = Number(option(args, 'partitions') ?? 8);
  const gamcalBatch = Number(option(args, 'gamcal-batch') ?? 50);
  const only = option(args, 'only');
  const windowRows = Number(option(args, 'window') ?? DEFAULT_WINDOW_ROWS);
  const datasets = [syntheticBimodal(), smsSpam(dataDir), ...agNews(dataDir)].filter((d) => !only || d.name.includes(only));

  const results: Record<string, unknown> = {};
  const summary: Record<string, unknown>[] = [];
  const plotted: { name: string; points: PointResult[] }[] = [];
  for (const dataset of datasets) {
    const started = Date.now();
    const points: PointResult[] = [];
    for (const point of sweep(dataset, partitions, gamcalBatch)) {
      const result = await measure(dataset, point, seeds, partitions, windowRows);
      points.push(result);
      summary.push({ dataset: dataset.name, method: result.method, parameter: result.parameter, f1: result.f1_mean, f1_std: result.f1_std, oracle: result.oracle_fraction_mean });
    }
    const methods: Record<string, unknown> = {};
    for (const method of ['proxy-only', 'oracle-only', 'supg-it', 'gamcal'] as const) {
      const mine = points.filter((p) => p.method === method);
      const affordable = mine.filter((p) => p.oracle_fraction_mean <= ORACLE_SHARE_LIMIT);
      const best = affordable.reduce<PointResult | undefined>((b, p) => (!b || p.f1_mean > b.f1_mean ? p : b), undefined);
      // The method's headline is its best point within 20% oracle, else its cheapest point.
      const headline = best ?? mine.reduce((b, p) => (p.oracle_fraction_mean < b.oracle_fraction_mean ? p : b));
      methods[method] = {
        f1_mean: headline.f1_mean,
        f1_std: headline.f1_std,
        oracle_fraction_mean: headline.oracle_fraction_mean,
        headline_parameter: headline.parameter,
        best_f1_at_20pct_oracle: best ? best.f1_mean : null,
        points: mine,
      };
    }
    const positives = [...dataset.gold.values()].filter(Boolean).length;
    const ideal = dataset.trueProbability
      ? { ideal_cascade_f1_at_20pct_oracle: idealCascadeF1(dataset.rows.map((r) => r.id), dataset.trueProbability, dataset.gold, ORACLE_SHARE_LIMIT) }
      : {};
    results[dataset.name] = { rows: dataset.rows.length, positives, instruction: dataset.task.instruction, seconds: (Date.now() - started) / 1000, ...ideal, methods };
    plotted.push({ name: dataset.name, points });
    process.stdout.write(`${dataset.name}: ${((Date.now() - started) / 1000).toFixed(1)} s\n`);
  }

  printTable(`Cascades: F1 and share of rows sent to the oracle (${seeds} seeds, ${partitions} partitions, mean)`, summary);
  const reached = Object.entries(results).map(([name, r]) => {
    const methods = (r as { methods: Record<string, { best_f1_at_20pct_oracle: number | null }> }).methods;
    const best = (m: string) => methods[m].best_f1_at_20pct_oracle;
    const ideal = (r as { ideal_cascade_f1_at_20pct_oracle?: number }).ideal_cascade_f1_at_20pct_oracle;
    return { dataset: name, 'ideal (true P(y|s)) F1 @20%': ideal ?? '-', 'supg-it best F1 @<=20%': best('supg-it') ?? '-', 'gamcal best F1 @<=20%': best('gamcal') ?? '-', 'proxy-only best F1 @<=20%': best('proxy-only') ?? '-', 'target F1>=0.95 met': Math.max(best('supg-it') ?? 0, best('gamcal') ?? 0) >= 0.95 ? 'yes' : 'no' };
  });
  printTable('Target: F1 >= 0.95 with at most 20% of rows to the oracle', reached);

  writeResult('cascades', {
    settings: { seeds, partitions, gamcalBatchSize: gamcalBatch, gamcalExploration: 0.03, supgSamplesPerIteration: 20, supgConfidence: 0.95, windowRows, oracleBatchRows: 20, oracle: 'gold label (counted like a real oracle)', proxyForText: 'online logistic regression on hashed n-grams, one per partition, learning only from labels the oracle was asked for', proxyForSynthetic: 'the synthetic score itself' },
    datasets: results,
  });
  const html = join(RESULTS_DIR, 'cascades.html');
  writeFileSync(html, renderFrontierPlot(plotted, { seeds, partitions }));
  process.stdout.write(`wrote ${html}\n`);
}
