import type { RowDecision } from '@chatbi/contracts';


/** F1 of the rows a filter kept against the gold labels; an undecided row counts as not kept. */
export function f1Score(decisions: readonly RowDecision[], gold: ReadonlyMap<string, boolean>): number {
  let truePositives = 0;
  let predicted = 0;
  let actual = 0;
  for (const [, label] of gold) if (label) actual++;
  for (const d of decisions) {
    if (d.verdict !== true) continue;
    predicted++;
    if (gold.get(d.id)) truePositives++;
  }
  if (truePositives === 0) return 0;
  const precision = truePositives / predicted;
  const recall = truePositives / actual;
  return (2 * precision * recall) / (precision + recall);
}

export function meanAndStd(values: readonly number[]): { mean: number; std: number } {
  const mean = values.reduce((a, b) => a + b, 0) / values.length;
  const variance = values.reduce((a, v) => a + (v - mean) ** 2, 0) / Math.max(1, values.length - 1);
  return { mean, std: Math.sqrt(variance) };
}

/**
 * The best F1 any cascade can reach when it may send `share` of the rows to the oracle and knows
 * P(positive | score) exactly: the oracle gets the rows closest to a coin flip, the rest are
 * decided by p >= 0.5. A ceiling for a synthetic set, not a method.
 */
export function idealCascadeF1(ids: readonly string[], probability: (id: string) => number, gold: ReadonlyMap<string, boolean>, share: number): number {
  const byDoubt = [...ids].sort((a, b) => Math.abs(probability(a) - 0.5) - Math.abs(probability(b) - 0.5));
  const delegated = new Set(byDoubt.slice(0, Math.floor(share * ids.length)));
  const decisions = ids.map((id) => ({ id, by: 'proxy' as const, verdict: delegated.has(id) ? gold.get(id)! : probability(id) >= 0.5 }));
  return f1Score(decisions, gold);
}

/**
 * The best F1 of any cascade that sends the `share` of rows whose scores lie nearest one threshold
 * to the oracle and decides the rest by that threshold, the threshold chosen knowing the labels:
 * the ceiling of threshold-band cascades (SUPG-IT and GAMCAL are such) with this proxy.
 */
export function idealBandCascadeF1(ids: readonly string[], score: (id: string) => number, gold: ReadonlyMap<string, boolean>, share: number): number {
  const sorted = [...ids].map(score).sort((a, b) => a - b);
  let best = 0;
  for (let q = 1; q < 100; q++) {
    const threshold = sorted[Math.floor((q / 100) * sorted.length)];
    const byDistance = [...ids].sort((a, b) => Math.abs(score(a) - threshold) - Math.abs(score(b) - threshold));
    const delegated = new Set(byDistance.slice(0, Math.floor(share * ids.length)));
    const decisions = ids.map((id) => ({ id, by: 'proxy' as const, verdict: delegated.has(id) ? gold.get(id)! : score(id) >= threshold }));
    best = Math.max(best, f1Score(decisions, gold));
  }
  return best;
}
