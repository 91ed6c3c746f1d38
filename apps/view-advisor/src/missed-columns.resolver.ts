import type { Catalog } from '@chatbi/catalog';
import type { NeededPhrase } from './question-log.entity';

export interface ResolvedColumn {
  view: string;
  column: string;
  phrase: string;
}

export type MissResolution = { kind: 'columns'; columns: ResolvedColumn[] } | { kind: 'unresolved'; reason: string } | { kind: 'covered'; view: string };

/**
 * Turns the phrases of one missed question into catalog columns: the fewest views that hold every
 * phrase (greedy set cover, best-scoring view first), then for each phrase its best column in those
 * views. Only catalog names come out; the phrase is kept for display.
 */
export function resolveMissedColumns(needed: NeededPhrase[], catalog: Catalog): MissResolution {
  const phrases = needed.map((n) => ({
    text: n.column,
    // Columns dropped from the catalog since the miss no longer count.
    candidates: (n.columns ?? []).filter((c) => catalog.column(c.view, c.column)),
  }));
  if (phrases.length === 0) return { kind: 'unresolved', reason: 'the miss names no phrase' };
  const lost = phrases.find((p) => p.candidates.length === 0);
  if (lost) return { kind: 'unresolved', reason: `"${lost.text}" has no column in today's catalog` };

  const single = catalog.views.find((v) => phrases.every((p) => p.candidates.some((c) => c.view === v.name)));
  if (single) return { kind: 'covered', view: single.name };

  const chosen: string[] = [];
  let uncovered = phrases;
  while (uncovered.length > 0) {
    const views = [...new Set(uncovered.flatMap((p) => p.candidates.map((c) => c.view)))];
    const merit = (view: string) => {
      const held = uncovered.filter((p) => p.candidates.some((c) => c.view === view));
      const score = held.reduce((sum, p) => sum + Math.max(...p.candidates.filter((c) => c.view === view).map((c) => c.score)), 0);
      return { held: held.length, score, width: catalog.view(view)!.columns.length };
    };
    const best = views
      .map((view) => ({ view, ...merit(view) }))
      .sort((a, b) => b.held - a.held || b.score - a.score || a.width - b.width || a.view.localeCompare(b.view))[0];
    chosen.push(best.view);
    uncovered = uncovered.filter((p) => !p.candidates.some((c) => c.view === best.view));
  }

  // A phrase several chosen views hold (a shared dimension such as city) goes to the leading view.
  const metricsHeld = (view: string) => phrases.filter((p) => p.candidates.some((c) => c.view === view && c.role === 'metric')).length;
  const order = [...chosen].sort((a, b) => metricsHeld(b) - metricsHeld(a) || compareLeading(catalog, a, b));
  const columns = phrases.map((p) => {
    const inChosen = p.candidates
      .filter((c) => chosen.includes(c.view))
      .sort((a, b) => b.score - a.score || kindRank(a.kind) - kindRank(b.kind) || order.indexOf(a.view) - order.indexOf(b.view));
    return { view: inChosen[0].view, column: inChosen[0].column, phrase: p.text };
  });
  return { kind: 'columns', columns };
}

/**
 * Between views that hold as many of the asked-for metrics, the wider one leads (joined views are
 * left-joined to it): in a star of daily tables the widest is usually the one every user is in.
 */
export function compareLeading(catalog: Catalog, a: string, b: string): number {
  return catalog.view(b)!.columns.length - catalog.view(a)!.columns.length || a.localeCompare(b);
}

/** A phrase that names the column itself beats one that is only one of its enum values. */
function kindRank(kind: 'column' | 'value' | undefined): number {
  return kind === 'value' ? 1 : 0;
}

/**
 * A view that already holds every requested column, under its own name or the name a proposal
 * gives it (view_column when two views share a name): the proposal has been applied.
 */
export function findCoveringView(catalog: Catalog, requested: { view: string; column: string }[]): string | undefined {
  const bases = new Set(requested.map((r) => r.view));
  return catalog.views.find(
    (v) =>
      !bases.has(v.name) &&
      requested.every((r) => {
        const role = catalog.column(r.view, r.column)?.role;
        return [r.column, `${r.view}_${r.column}`].some((name) => catalog.column(v.name, name)?.role === role);
      }),
  )?.name;
}
