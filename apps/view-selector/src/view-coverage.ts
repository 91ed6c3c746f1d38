import { reachableViews, type Catalog } from '@chatbi/catalog';
import type { Plan, ViewCandidate } from '@chatbi/contracts';
import type { RankedView } from './view.ranker';

/** One phrase of the question and the catalog columns (in any view) it may mean. */
export interface LinkedPhrase {
  text: string;
  candidates: { view: string; column: string; score: number; role?: string; kind?: 'column' | 'value' }[];
}

export interface CoverageDecision {
  view?: string;
  candidates: ViewCandidate[];
  /** When no view is chosen: each phrase with the views that hold it. */
  missing: { phrase: string; views: string[] }[];
  /** What decided: the previous view of a follow-up, the model (confirmed by coverage), or coverage rules alone. */
  decidedBy?: 'previous-view' | 'model' | 'catalog-rules' | 'relationships';
  /** Views cover the question but the model is not confident in any of them (it may need a join). */
  unsure?: RankedView[];
  /** Enum values the chosen view does not hold, left out on the model's confident word. */
  leftOut?: string[];
}

/**
 * Below this probability a covering view is not taken on the model's word; when no covering view
 * reaches it, the question is treated as one no single view answers.
 */
export const MIN_VIEW_PROBABILITY = 0.2;

/**
 * When no view holds every phrase, a model this sure of a view that holds every metric and named
 * dimension may still have it: a common word that happens to be an enum value elsewhere ("people",
 * "ads", 搜索) is then not taken for a filter.
 */
export const CONFIDENT_VIEW_PROBABILITY = 0.9;

/**
 * Single view selection (paper §4.2). The phrases a plan can use (metrics, dimensions and their
 * values; not ids or free text) must all be held by the view. A follow-up stays in its previous view
 * when that view covers it. Otherwise, with a ranking from the model, the covering views the model
 * finds likely (at least MIN_VIEW_PROBABILITY) compete and the fewest columns wins; when none is
 * likely and the question names a metric, there is no answer (it looks like a join). When no view
 * covers every phrase, only a confident model's view that holds every metric and dimension named is
 * taken, the enum values it lacks left out. Without a ranking, coverage rules order the views: best
 * total match, most columns carried from the previous plan, fewest columns.
 */
export function chooseCoveringView(allPhrases: LinkedPhrase[], catalog: Catalog, previousPlan?: Plan, ranking?: RankedView[]): CoverageDecision {
  // Ids count only where a phrase names nothing else ("flight numbers"): the view must hold them to list them.
  const phrases = allPhrases.filter(
    (p) => p.candidates.some((c) => c.role === undefined || c.role === 'metric' || c.role === 'dimension') || (p.candidates.length > 0 && p.candidates.every((c) => c.role === 'id' && c.kind !== 'value')),
  );
  const carried = previousPlan ? planColumns(previousPlan) : [];
  const probability = new Map(ranking?.map((r) => [r.view, r.probability]));
  const candidates: (ViewCandidate & { carried: number; width: number; probability?: number })[] = catalog.views.map((v) => {
    let score = 0;
    let covers = true;
    for (const p of phrases) {
      const here = p.candidates.filter((c) => c.view === v.name).map((c) => c.score);
      // "搜索pv uv ctr": a bare word that ends one of this view's metric terms ("search uv") is held here too, a little weaker.
      if (here.length === 0 && endsMetricTerm(catalog, v.name, p.text)) here.push(SUFFIX_SCORE);
      const best = Math.max(0, ...here);
      if (best === 0) covers = false;
      score += best;
    }
    const carriedHere = carried.filter((c) => catalog.column(v.name, c)).length;
    return { view: v.name, score: round(score), covers, carried: carriedHere, width: v.columns.length, probability: probability.get(v.name) };
  });
  const byRules = (a: (typeof candidates)[number], b: (typeof candidates)[number]) =>
    b.score - a.score || b.carried - a.carried || a.width - b.width || a.view.localeCompare(b.view);
  // A question is answered by a metric: where some covering view reads one of its phrases as a metric,
  // a view that reads them all as values or dimensions ("crashes": a metric here, a feedback category
  // there) could only count its rows, and gives way.
  const metricIn = (view: string) => phrases.some((p) => p.candidates.some((c) => c.view === view && c.role === 'metric' && c.kind !== 'value'));
  const allCovering = candidates.filter((c) => c.covers);
  const covering = allCovering.some((c) => metricIn(c.view)) ? allCovering.filter((c) => metricIn(c.view)) : allCovering;
  const publicOf = (list: typeof candidates) =>
    list.slice(0, 5).map(({ view, score, covers, probability: p }) => ({ view, score: p === undefined ? score : round(p), covers }));
  const notCovering = candidates.filter((c) => !c.covers).sort((a, b) => (b.probability ?? 0) - (a.probability ?? 0) || b.score - a.score);
  const missing = () => phrases.map((p) => ({ phrase: p.text, views: [...new Set(p.candidates.map((c) => c.view))] }));

  if (covering.length === 0) {
    const top = ranking?.[0];
    const holds = (p: LinkedPhrase) => p.candidates.some((c) => c.view === top?.view);
    const onlyValuesMissing = phrases.every((p) => holds(p) || phraseClass(p) === 'value');
    if (top && top.probability >= CONFIDENT_VIEW_PROBABILITY && catalog.view(top.view) && onlyValuesMissing) {
      const chosen = candidates.find((c) => c.view === top.view)!;
      return {
        view: top.view,
        candidates: publicOf([chosen, ...notCovering.filter((c) => c !== chosen)]),
        missing: [],
        decidedBy: 'model',
        leftOut: phrases.filter((p) => !holds(p)).map((p) => p.text),
      };
    }
    const reached = coverByRelationships(phrases, catalog, probability);
    if (reached) {
      return { view: reached, candidates: publicOf([...notCovering]), missing: missing(), decidedBy: 'relationships' };
    }
    return { candidates: publicOf([...notCovering]), missing: missing() };
  }

  const previous = previousPlan ? covering.find((c) => c.view === previousPlan.view) : undefined;
  if (previous) {
    const rest = covering.filter((c) => c !== previous).sort(byRules);
    return { view: previous.view, candidates: publicOf([previous, ...rest, ...notCovering]), missing: [], decidedBy: 'previous-view' };
  }

  if (ranking) {
    const likely = covering.filter((c) => (c.probability ?? 0) >= MIN_VIEW_PROBABILITY).sort(
      (a, b) => a.width - b.width || (b.probability ?? 0) - (a.probability ?? 0) || a.view.localeCompare(b.view),
    );
    if (likely.length > 0) {
      const rest = covering.filter((c) => !likely.includes(c)).sort((a, b) => (b.probability ?? 0) - (a.probability ?? 0));
      return { view: likely[0].view, candidates: publicOf([...likely, ...rest, ...notCovering]), missing: [], decidedBy: 'model' };
    }
    const namesMetric = phrases.some((p) => p.candidates.some((c) => c.role === 'metric'));
    // The only view that holds the question, and holds its metric as a metric, needs no model's word.
    if (covering.length === 1 && metricIn(covering[0].view)) {
      return { view: covering[0].view, candidates: publicOf([...covering, ...notCovering]), missing: [], decidedBy: 'catalog-rules' };
    }
    if (namesMetric && !previousPlan) {
      const ordered = [...covering].sort((a, b) => (b.probability ?? 0) - (a.probability ?? 0));
      return {
        candidates: publicOf([...ordered, ...notCovering]),
        missing: missing(),
        unsure: ranking.slice(0, 3),
      };
    }
  }
  const ordered = [...covering].sort(byRules);
  return { view: ordered[0].view, candidates: publicOf([...ordered, ...notCovering]), missing: [], decidedBy: 'catalog-rules' };
}

/**
 * No single view holds the question, but a view and those one to-one relationship away do
 * ("flights departing from Aberdeen": flights, and the airport each departs from). The view whose
 * own columns hold a metric the question names is the one to read, then the one holding the most
 * phrases itself, then the model's likelier. Its rows are never met twice: to-one steps only.
 */
function coverByRelationships(phrases: LinkedPhrase[], catalog: Catalog, probability: Map<string, number>): string | undefined {
  const options = catalog.views.map((v) => {
    const reach = new Set([v.name, ...reachableViews(v, catalog).filter((r) => !r.toMany).map((r) => r.view.name)]);
    const held = (p: LinkedPhrase) => p.candidates.some((c) => c.view === v.name);
    return {
      view: v.name,
      covers: reach.size > 1 && phrases.every((p) => p.candidates.some((c) => reach.has(c.view))),
      metric: phrases.some((p) => p.candidates.some((c) => c.view === v.name && c.role === 'metric' && c.kind !== 'value')),
      own: phrases.filter(held).length,
    };
  });
  const best = options
    .filter((o) => o.covers)
    .sort((a, b) => Number(b.metric) - Number(a.metric) || b.own - a.own || (probability.get(b.view) ?? 0) - (probability.get(a.view) ?? 0) || a.view.localeCompare(b.view))[0];
  return best?.view;
}

const SUFFIX_SCORE = 0.85;
const lastWords = new WeakMap<Catalog, Map<string, Set<string>>>();

/** Whether a one-word phrase is the last word of one of the view's metric names or aliases. */
function endsMetricTerm(catalog: Catalog, view: string, phrase: string): boolean {
  if (!/^[a-z0-9]+$/.test(phrase)) return false;
  let byView = lastWords.get(catalog);
  if (!byView) {
    byView = new Map();
    for (const v of catalog.views) {
      const words = new Set<string>();
      for (const c of v.columns) {
        if (c.role !== 'metric') continue;
        for (const term of [c.name.replace(/_/g, ' '), ...c.aliases.en]) {
          const parts = term.toLowerCase().split(/[\s_-]+/);
          if (parts.length > 1) words.add(parts[parts.length - 1]);
        }
      }
      byView.set(v.name, words);
    }
    lastWords.set(catalog, byView);
  }
  return byView.get(view)?.has(phrase) ?? false;
}

/** A phrase that may name a metric, else a dimension (column), else only enum values. */
function phraseClass(p: LinkedPhrase): 'metric' | 'dimension' | 'value' {
  if (p.candidates.some((c) => c.role === 'metric')) return 'metric';
  if (p.candidates.some((c) => c.role === 'dimension' && c.kind !== 'value')) return 'dimension';
  return 'value';
}

function planColumns(plan: Plan): string[] {
  return [...plan.metrics.map((m) => m.column), ...plan.dimensions, ...plan.filters.map((f) => f.column)];
}

function round(n: number): number {
  return Math.round(n * 1000) / 1000;
}
