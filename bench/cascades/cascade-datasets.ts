import type { CascadeRow, ProxyModel, SemanticTask } from '@chatbi/contracts';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { featurizeText, OnlineLogisticProxy, OnnxProxyModel, PrecomputedScoreProxy, trainTextProxy, type HashedFeatures } from '@chatbi/cascades';
import { SeededRandom } from '@chatbi/models';

/** One benchmark data set: a filter task, its rows, their gold labels and how to make a partition's proxy. */
export interface CascadeDataset {
  name: string;
  task: SemanticTask;
  rows: CascadeRow[];
  gold: Map<string, boolean>;
  /** A fresh proxy per run and partition (online proxies learn, and must start from nothing). */
  proxy(seed: number): (partition: number) => ProxyModel;
  /** Whether the proxy learns from the oracle (then proxy-only needs a warm-up to mean anything). */
  learnsOnline: boolean;
  /** For a synthetic set: the true P(positive | score), so the best any cascade could do is known. */
  trueProbability?: (id: string) => number;
}

/** The same data set with a proxy trained beforehand, and how good that proxy is on its own. */
export interface PretrainedVariant {
  dataset: CascadeDataset;
  folds: number;
  /** Area under the ROC curve of the proxy's scores on rows it was not trained on. */
  proxyAuc: number;
  /** Each row's score by the model that did not see it. */
  scores: ReadonlyMap<string, readonly number[]>;
  trainingSeconds: number;
}

export function smsSpam(dataDir: string): CascadeDataset {
  const lines = readFileSync(join(dataDir, 'sms_spam', 'SMSSpamCollection.tsv'), 'utf8').split('\n').slice(1);
  const rows: CascadeRow[] = [];
  const gold = new Map<string, boolean>();
  lines.forEach((line, i) => {
    const tab = line.indexOf('\t');
    if (tab < 0) return;
    const id = `sms-${i}`;
    rows.push({ id, text: line.slice(tab + 1) });
    gold.set(id, line.slice(0, tab) === 'spam');
  });
  return textDataset('sms_spam', { kind: 'filter', instruction: 'is spam' }, rows, gold);
}

/** AG News as four binary data sets: one "is about <class>" predicate per class. */
export function agNews(dataDir: string): CascadeDataset[] {
  const classes = readFileSync(join(dataDir, 'ag_news', 'classes.txt'), 'utf8').split('\n').map((c) => c.trim()).filter(Boolean);
  const records = parseCsv(readFileSync(join(dataDir, 'ag_news', 'test.csv'), 'utf8'));
  const rows = records.map((r, i) => ({ id: `ag-${i}`, text: `${r[1]}. ${r[2].replace(/\\/g, ' ')}` }));
  return classes.map((name, c) => {
    const gold = new Map(records.map((r, i) => [`ag-${i}`, Number(r[0]) === c + 1]));
    const slug = name.toLowerCase().replace(/[^a-z]+/g, '_');
    return textDataset(`ag_news_${slug}`, { kind: 'filter', instruction: `is about ${name}` }, rows, gold);
  });
}

/**
 * Like the paper's Figure 2: two overlapping classes of proxy scores, positives ~ Beta(5, 2) and
 * negatives ~ Beta(2, 5), 30% positive; the proxy is the score itself (fixed, not learned).
 */
export function syntheticBimodal(rowsCount = 5_000, seed = 2020): CascadeDataset {
  const rng = new SeededRandom(seed);
  const rows: CascadeRow[] = [];
  const gold = new Map<string, boolean>();
  const scores = new Map<string, number[]>();
  for (let i = 0; i < rowsCount; i++) {
    const id = `syn-${i}`;
    const positive = rng.next() < 0.3;
    const score = positive ? beta(rng, 5, 2) : beta(rng, 2, 5);
    rows.push({ id, text: `synthetic row ${i}` });
    gold.set(id, positive);
    scores.set(id, [score]);
  }
  return {
    name: 'synthetic_bimodal',
    task: { kind: 'filter', instruction: 'is positive' },
    rows,
    gold,
    learnsOnline: false,
    proxy: () => () => new PrecomputedScoreProxy(scores, 'synthetic-score'),
    trueProbability: (id) => {
      const s = scores.get(id)![0];
      const positive = 0.3 * betaDensity(s, 5, 2);
      return positive / (positive + 0.7 * betaDensity(s, 2, 5));
    },
  };
}

function textDataset(name: string, task: SemanticTask, rows: CascadeRow[], gold: Map<string, boolean>): CascadeDataset {
  // Featurizing is a pure function of the text: one cache for every run over these rows.
  const features = new Map<string, HashedFeatures>();
  const featurize = (row: CascadeRow) => {
    let f = features.get(row.id);
    if (!f) features.set(row.id, (f = featurizeText(row.text ?? '')));
    return f;
  };
  return {
    name,
    task,
    rows,
    gold,
    learnsOnline: true,
    proxy: (seed) => (partition) => new OnlineLogisticProxy({ seed: seed * 1_000 + partition, featurize }),
  };
}

/**
 * A pre-trained proxy by k-fold cross-fitting: for each fold, trainTextProxy learns from the gold
 * labels of the other folds, the ONNX model it writes is run by onnxruntime-node (OnnxProxyModel)
 * on the fold's rows, and no row is ever scored by a model that saw it. The model is fixed, so
 * its scores are computed once and looked up during the sweep.
 */
export async function withPretrainedProxy(dataset: CascadeDataset, folds = 5, seed = 7): Promise<PretrainedVariant> {
  const started = Date.now();
  const ids = new SeededRandom(seed).shuffle(dataset.rows.map((r) => r.id));
  const foldOf = new Map(ids.map((id, i) => [id, i % folds]));
  const scores = new Map<string, number[]>();
  for (let fold = 0; fold < folds; fold++) {
    const training = dataset.rows.filter((r) => foldOf.get(r.id) !== fold);
    const held = dataset.rows.filter((r) => foldOf.get(r.id) === fold);
    const model = await trainTextProxy(
      training.map((r) => ({ text: r.text ?? '', label: dataset.gold.get(r.id) ? 1 : 0 })),
      { classes: 2, seed: seed + fold, metadata: { instruction: dataset.task.instruction } },
    );
    const proxy = await OnnxProxyModel.load({ model, classes: 2 });
    const heldScores = await proxy.score(dataset.task, held);
    held.forEach((r, i) => scores.set(r.id, heldScores[i]));
    await proxy.release();
  }
  return {
    dataset: { ...dataset, learnsOnline: false, proxy: () => () => new PrecomputedScoreProxy(scores, 'pretrained-onnx') },
    folds,
    scores,
    proxyAuc: rocAuc(dataset.rows.map((r) => [scores.get(r.id)![0], dataset.gold.get(r.id)!] as const)),
    trainingSeconds: (Date.now() - started) / 1000,
  };
}

/** Probability that a random positive scores above a random negative (ties count half). */
function rocAuc(scored: readonly (readonly [number, boolean])[]): number {
  const sorted = [...scored].sort((a, b) => a[0] - b[0]);
  let negativesBelow = 0;
  let pairs = 0;
  let positives = 0;
  for (let i = 0; i < sorted.length; ) {
    let j = i;
    let pos = 0;
    let neg = 0;
    for (; j < sorted.length && sorted[j][0] === sorted[i][0]; j++) sorted[j][1] ? pos++ : neg++;
    pairs += pos * (negativesBelow + neg / 2);
    positives += pos;
    negativesBelow += neg;
    i = j;
  }
  return positives === 0 || negativesBelow === 0 ? NaN : pairs / (positives * negativesBelow);
}

function betaDensity(x: number, a: number, b: number): number {
  return x ** (a - 1) * (1 - x) ** (b - 1);
}

/** Beta(a, b) for integer a, b: the a-th smallest of a + b - 1 uniforms. */
function beta(rng: SeededRandom, a: number, b: number): number {
  const draws = Array.from({ length: a + b - 1 }, () => rng.next()).sort((x, y) => x - y);
  return draws[a - 1];
}

/** RFC 4180 CSV: quoted fields with doubled quotes. */
export function parseCsv(text: string): string[][] {
  const records: string[][] = [];
  let field = '';
  let record: string[] = [];
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') {
      record.push(field);
      field = '';
    } else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && text[i + 1] === '\n') i++;
      record.push(field);
      if (record.length > 1 || record[0] !== '') records.push(record);
      record = [];
      field = '';
    } else field += ch;
  }
  if (field || record.length) records.push([...record, field]);
  return records;
}
