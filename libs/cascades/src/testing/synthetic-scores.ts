import type { CascadeRow, Oracle, OracleAnswer, SemanticTask, Verdict } from '@chatbi/contracts';
import { PrecomputedScoreProxy } from '../proxies/precomputed-score.proxy';
import { SeededRandom } from '@chatbi/models';

export interface SyntheticScoredSet {
  rows: CascadeRow[];
  gold: Map<string, boolean>;
  scores: Map<string, number[]>;
  proxy: PrecomputedScoreProxy;
}

/**
 * Rows whose proxy score is logistic-normal around +-separation (two overlapping classes, as in
 * the paper's Figure 2), `prevalence` of them positive. Deterministic from the seed.
 */
export function syntheticScoredSet(n: number, seed: number, prevalence = 0.3, separation = 2): SyntheticScoredSet {
  const rng = new SeededRandom(seed);
  const rows: CascadeRow[] = [];
  const gold = new Map<string, boolean>();
  const scores = new Map<string, number[]>();
  for (let i = 0; i < n; i++) {
    const id = `s${seed}-${i}`;
    const positive = rng.next() < prevalence;
    const z = (positive ? separation : -separation) + rng.normal();
    rows.push({ id, text: `row ${i}` });
    gold.set(id, positive);
    scores.set(id, [1 / (1 + Math.exp(-z))]);
  }
  return { rows, gold, scores, proxy: new PrecomputedScoreProxy(scores) };
}

/** An oracle over known labels that records what it was asked (tests check what reached it). */
export class RecordingOracle implements Oracle {
  readonly name = 'recording';
  readonly asked: CascadeRow[] = [];
  requests = 0;

  constructor(
    private readonly labels: ReadonlyMap<string, Verdict>,
    private readonly tokensPerRow = 0,
  ) {}

  async judge(_task: SemanticTask, rows: readonly CascadeRow[]): Promise<OracleAnswer[]> {
    this.requests++;
    this.asked.push(...rows);
    return rows.map((row) => ({ id: row.id, verdict: this.labels.get(row.id) ?? null, tokens: this.tokensPerRow }));
  }

  tokensUsed(): number {
    return this.asked.length * this.tokensPerRow;
  }
}

export function precisionRecall(decisions: readonly { id: string; verdict: Verdict | null }[], gold: ReadonlyMap<string, boolean>) {
  let tp = 0;
  let predicted = 0;
  let actual = 0;
  for (const [, v] of gold) if (v) actual++;
  for (const d of decisions) {
    if (d.verdict !== true) continue;
    predicted++;
    if (gold.get(d.id)) tp++;
  }
  return { precision: predicted ? tp / predicted : 1, recall: actual ? tp / actual : 1 };
}
