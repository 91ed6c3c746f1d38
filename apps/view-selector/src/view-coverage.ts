import type { Catalog } from '@chatbi/catalog';
import type { Plan, ViewCandidate } from '@chatbi/contracts';

/** One phrase of the question and the catalog columns (in any view) it may mean. */
export interface LinkedPhrase {
  text: string;
  candidates: { view: string; column: string; score: number }[];
}

export interface CoverageDecision {
  view?: string;
  candidates: ViewCandidate[];
  /** When no view covers every phrase: each phrase with the views that hold it. */
  missing: { phrase: string; views: string[] }[];
}

/**
 * Single view selection (paper §4.2): keep the views that hold a column for every phrase; among
 * them prefer the previous view of a follow-up, then the best total match, then the fewest columns.
 */
export function chooseCoveringView(phrases: LinkedPhrase[], catalog: Catalog, previousPlan?: Plan): CoverageDecision {
  const carried = previousPlan ? planColumns(previousPlan) : [];
  const candidates: (ViewCandidate & { carried: number; width: number })[] = catalog.views.map((v) => {
    let score = 0;
    let covers = true;
    for (const p of phrases) {
      const best = Math.max(0, ...p.candidates.filter((c) => c.view === v.name).map((c) => c.score));
      if (best === 0) covers = false;
      score += best;
    }
    const carriedHere = carried.filter((c) => catalog.column(v.name, c)).length;
    return { view: v.name, score: round(score), covers, carried: carriedHere, width: v.columns.length };
  });
  const covering = candidates
    .filter((c) => c.covers)
    .sort(
      (a, b) =>
        Number(b.view === previousPlan?.view) - Number(a.view === previousPlan?.view) ||
        b.score - a.score ||
        b.carried - a.carried ||
        a.width - b.width ||
        a.view.localeCompare(b.view),
    );
  const ranked = [...covering, ...candidates.filter((c) => !c.covers).sort((a, b) => b.score - a.score)];
  const publicCandidates = ranked.slice(0, 5).map(({ view, score, covers }) => ({ view, score, covers }));
  if (covering.length > 0) return { view: covering[0].view, candidates: publicCandidates, missing: [] };
  return {
    candidates: publicCandidates,
    missing: phrases.map((p) => ({ phrase: p.text, views: [...new Set(p.candidates.map((c) => c.view))] })),
  };
}

function planColumns(plan: Plan): string[] {
  return [...plan.metrics.map((m) => m.column), ...plan.dimensions, ...plan.filters.map((f) => f.column)];
}

function round(n: number): number {
  return Math.round(n * 1000) / 1000;
}
