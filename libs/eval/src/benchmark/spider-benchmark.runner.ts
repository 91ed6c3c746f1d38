import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { prepareSpiderWarehouse } from '../spider/spider-catalog.bootstrapper';
import { planToSpiderSql } from '../spider/plan-spider-sql.writer';
import { SpiderSchema } from '../spider/spider-schema';
import { SpiderScorer } from '../spider/spider-scorer';
import { foreignKeyMap, readSpiderExamples, readSpiderTables, type SpiderExample } from '../spider/spider-tables.reader';
import { scoreQuestion } from './demo-benchmark.runner';
import type { EvalRecord, PipelineUnderTest } from './eval-record';

/** Starts the pipeline on a prepared SQLite warehouse and its bootstrapped catalog. */
export type SpiderPipelineFactory = (setup: { warehouseFile: string; catalogDir: string; dbId: string }) => Promise<PipelineUnderTest>;

export interface SpiderDataset {
  dir: string;
  questionsFile: string;
  tablesFile: string;
}

/** A Spider folder: dev.json (or dev_sample.json), tables.json (or tables_sample.json), database/<db>/<db>.sqlite. */
export function locateSpiderDataset(dir: string): SpiderDataset {
  const pick = (names: string[]) => names.map((n) => join(dir, n)).find(existsSync);
  const questionsFile = pick(['dev.json', 'dev_sample.json']);
  const tablesFile = pick(['tables.json', 'tables_sample.json']);
  if (!questionsFile || !tablesFile || !existsSync(join(dir, 'database'))) {
    throw new Error(`${dir} is not a Spider folder: it needs dev.json, tables.json and database/<db_id>/<db_id>.sqlite`);
  }
  return { dir, questionsFile, tablesFile };
}

export function spiderScorerFor(dataset: SpiderDataset, dbId: string): SpiderScorer {
  const entry = readSpiderTables(dataset.tablesFile).get(dbId);
  if (!entry) throw new Error(`${dataset.tablesFile} has no database ${dbId}`);
  return new SpiderScorer(SpiderSchema.fromSqliteFile(sqliteFileOf(dataset, dbId)), foreignKeyMap(entry));
}

export function sqliteFileOf(dataset: SpiderDataset, dbId: string): string {
  return join(dataset.dir, 'database', dbId, `${dbId}.sqlite`);
}

/**
 * Runs Spider questions through the pipeline, database by database: the database is copied into
 * workDir with the join views of its bootstrapped catalog, the pipeline answers on it, and each
 * answer is scored by execution (EX, UEX) against the gold run on the same data, and by exact set
 * match of the plan written as Spider SQL. Hardness is the gold's.
 */
export async function runSpider(
  dataset: SpiderDataset,
  factory: SpiderPipelineFactory,
  workDir: string,
  options: { limit?: number; onProgress?: (done: number) => void } = {},
): Promise<EvalRecord[]> {
  const tables = readSpiderTables(dataset.tablesFile);
  const examples = readSpiderExamples(dataset.questionsFile).slice(0, options.limit ?? Infinity);
  const out: EvalRecord[] = [];
  let done = 0;
  for (const dbId of [...new Set(examples.map((e) => e.db_id))]) {
    const entry = tables.get(dbId);
    if (!entry) throw new Error(`${dataset.tablesFile} has no database ${dbId}`);
    const prepared = prepareSpiderWarehouse(entry, sqliteFileOf(dataset, dbId), join(workDir, dbId));
    const scorer = new SpiderScorer(SpiderSchema.fromSqliteFile(sqliteFileOf(dataset, dbId)), foreignKeyMap(entry));
    const started = await factory({ warehouseFile: prepared.warehouseFile, catalogDir: prepared.catalogDir, dbId });
    try {
      const records = await scoreSpiderDatabase(started, examples, dbId, scorer, (record, example) => {
        const view = record.plan && prepared.bootstrapped.views.find((v) => v.name === record.plan!.view);
        const spiderSql = record.plan && view ? planToSpiderSql(record.plan, view) : '';
        record.exactMatch = record.plan ? scorer.score(spiderSql, example.query).exactMatch : false;
        if (spiderSql) record.predSql = `${record.predSql}\n-- as Spider SQL: ${spiderSql}`;
        options.onProgress?.(++done);
      });
      out.push(...records);
    } finally {
      await started.close();
    }
  }
  return out;
}

/**
 * Asks the questions of one database (ids <db>-<n>, n counting over all examples) and scores each
 * answer by execution against the gold run on the pipeline's warehouse (with single-quoted
 * strings); hardness is the gold's. `then` sees each record as it is made.
 */
export async function scoreSpiderDatabase(
  started: PipelineUnderTest,
  examples: readonly SpiderExample[],
  dbId: string,
  scorer: SpiderScorer,
  then: (record: EvalRecord, example: SpiderExample) => void = () => undefined,
): Promise<EvalRecord[]> {
  const pipeline: PipelineUnderTest = { ...started, runGold: (sql) => started.runGold(singleQuotedStrings(sql)) };
  const out: EvalRecord[] = [];
  for (const [i, example] of examples.entries()) {
    if (example.db_id !== dbId) continue;
    const record = await scoreQuestion(
      pipeline,
      { id: `${dbId}-${String(i + 1).padStart(3, '0')}`, question: example.question, goldSql: example.query, type: dbId, language: 'en' },
      undefined,
      (sql) => scorer.hardness(sql),
    );
    then(record, example);
    out.push(record);
  }
  return out;
}

export interface OfficialVerdict {
  hardness: string;
  exact: boolean;
}

/** Agreement of our hardness and exact-match verdicts with the official script's, as fractions. */
export function agreementWithOfficial(
  ours: { hardness: string; exact: boolean }[],
  official: OfficialVerdict[],
): { hardness: number; exact_match: number; n: number; disagreements: number[] } {
  if (ours.length !== official.length) throw new Error(`verdict counts differ: ${ours.length} ours, ${official.length} official`);
  let hardness = 0;
  let exact = 0;
  const disagreements: number[] = [];
  ours.forEach((o, i) => {
    const h = o.hardness === official[i].hardness;
    const e = o.exact === official[i].exact;
    if (h) hardness++;
    if (e) exact++;
    if (!h || !e) disagreements.push(i);
  });
  const n = ours.length;
  return { hardness: n ? hardness / n : 1, exact_match: n ? exact / n : 1, n, disagreements };
}

export function readOfficialVerdicts(file: string): { gold: OfficialVerdict[]; predictions: OfficialVerdict[] } {
  return JSON.parse(readFileSync(file, 'utf8')) as { gold: OfficialVerdict[]; predictions: OfficialVerdict[] };
}

/**
 * Spider writes string literals in double quotes, which SQLite builds without the double-quoted
 * string fallback (better-sqlite3's) read as identifiers: the gold runs with single quotes.
 */
export function singleQuotedStrings(sql: string): string {
  return sql.replace(/'(?:[^']|'')*'|"([^"]*)"/g, (whole, inner: string | undefined) => (inner === undefined ? whole : `'${inner.replace(/'/g, "''")}'`));
}
