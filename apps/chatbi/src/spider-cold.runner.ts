import { join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { ModelRegistry } from '@chatbi/models';
import {
  readSpiderExamples,
  scoreSpiderDatabase,
  spiderScorerFor,
  sqliteFileOf,
  summarize,
  type EvalRecord,
  type SpiderDataset,
} from '@chatbi/eval';
import { loadConfig } from './config/chatbi.config';
import { draftCatalog, writeDraftedCatalog, type DraftedCatalog } from './connect.command';
import { embeddedPipeline } from './embedded-pipeline';
import type { EvalRun } from './eval.command';

/** What the issue asks of a cold start, for the team: reported beside the measurements. */
export const COLD_START_TARGET = { ex: 0.5, drafted: 'every database', draft_seconds_max: 10 };

/** One database of a cold run: how its catalog was drafted and its models trained, and how its questions went (a row of the printed table). */
export type ColdDatabase = {
  database: string;
  url: string;
  drafted: boolean;
  views: number;
  relationships: number;
  draft_seconds: number;
  train_seconds: number;
  questions: number;
  answered: number;
  ex: number;
};

/**
 * The Spider sample as a new user meets it: each SQLite database connected by URL, its catalog
 * drafted by `chatbi connect` alone (no tables.json, no hand edits), the models trained by the
 * embedded app's start-up, and the questions asked through the embedded pipeline. EX is computed as
 * the other Spider run computes it (gold SQL on the same file); tables.json only gives the gold's
 * hardness. Exact match is not computed: a drafted view has no Spider SQL mapping.
 */
export async function runSpiderCold(
  dataset: SpiderDataset,
  workDir: string,
  options: { limit?: number; onProgress?: (line: string) => void } = {},
): Promise<EvalRun & { databases: ColdDatabase[] }> {
  const progress = options.onProgress ?? (() => undefined);
  const examples = readSpiderExamples(dataset.questionsFile).slice(0, options.limit ?? Infinity);
  const records: EvalRecord[] = [];
  const databases: ColdDatabase[] = [];
  const ids = [...new Set(examples.map((e) => e.db_id))];
  for (const dbId of ids) {
    const url = `sqlite://${resolve(sqliteFileOf(dataset, dbId))}`;
    const scorer = spiderScorerFor(dataset, dbId);
    const started = performance.now();
    let drafted: DraftedCatalog;
    try {
      drafted = await draftCatalog(url);
    } catch (error) {
      // A database that cannot be drafted answers none of its questions; the run goes on.
      const reason = `DRAFT_FAILED: ${error instanceof Error ? error.message : String(error)}`;
      progress(`  ${dbId}: ${reason}`);
      const failed = [...examples.entries()]
        .filter(([, e]) => e.db_id === dbId)
        .map(([i, e]) => unanswered(`${dbId}-${String(i + 1).padStart(3, '0')}`, e.question, e.query, dbId, scorer.hardness(e.query), reason));
      records.push(...failed);
      databases.push({ database: dbId, url, drafted: false, views: 0, relationships: 0, draft_seconds: round((performance.now() - started) / 1000), train_seconds: 0, questions: failed.length, answered: 0, ex: 0 });
      continue;
    }
    const draftSeconds = (performance.now() - started) / 1000;
    const catalogDir = join(workDir, dbId, 'catalog');
    writeDraftedCatalog(drafted, catalogDir, true);
    progress(`  ${dbId}: drafted ${drafted.file.views.length} views, ${drafted.file.relationships.length} relationships in ${draftSeconds.toFixed(2)} s`);
    const env = { ...process.env, CHATBI_WAREHOUSE_FILE: undefined, CHATBI_WAREHOUSE_URL: url, CHATBI_CATALOG_DIR: catalogDir, CHATBI_DATA_DIR: join(workDir, dbId, 'data') };
    const pipeline = await embeddedPipeline(loadConfig(env));
    try {
      const trainSeconds = Object.values(pipeline.app.get(ModelRegistry).cards()).reduce((sum, card) => sum + (card?.trainSeconds ?? 0), 0);
      const scored = await scoreSpiderDatabase(pipeline, examples, dbId, scorer);
      records.push(...scored);
      databases.push({
        database: dbId,
        url,
        drafted: true,
        views: drafted.file.views.length,
        relationships: drafted.file.relationships.length,
        draft_seconds: round(draftSeconds),
        train_seconds: round(trainSeconds),
        questions: scored.length,
        answered: scored.filter((r) => !r.error).length,
        ex: round(scored.filter((r) => r.ex).length / Math.max(1, scored.length)),
      });
    } finally {
      await pipeline.close();
    }
  }
  const draftSeconds = Object.fromEntries(databases.map((d) => [d.database, d.draft_seconds]));
  const summary = summarize('spider-cold', records, {
    answered: round(records.filter((r) => !r.error).length / Math.max(1, records.length)),
    drafted_databases: databases.filter((d) => d.drafted).length,
    databases_in_sample: ids.length,
    draft_seconds: { ...draftSeconds, max: Math.max(0, ...databases.map((d) => d.draft_seconds)) },
    train_seconds: Object.fromEntries(databases.map((d) => [d.database, d.train_seconds])),
    databases,
    target: COLD_START_TARGET,
  });
  return { summary, records, databases };
}

function unanswered(id: string, question: string, goldSql: string, type: string, hardness: EvalRecord['hardness'], error: string): EvalRecord {
  return { id, question, type, language: 'en', hardness, goldSql, error, ex: false, uex: false, uexReason: 'failed', tokens: null, ms: 0 };
}

function round(n: number): number {
  return Math.round(n * 1000) / 1000;
}
