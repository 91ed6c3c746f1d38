import { Catalog, type CatalogColumn, type CatalogView } from './catalog';
import { reachableViews } from './view-reach';

/** A view read together with the views one to-one step away, and a catalog that holds only it. */
export interface ReachView {
  view: CatalogView;
  catalog: Catalog;
}

const cache = new WeakMap<Catalog, Map<string, ReachView | null>>();

/**
 * The view with the columns of every view one to-one relationship away (each flight's airline,
 * its source and destination airports), named `path.column` as plans name them: a question about
 * flights may then filter by the destination's city or list the airline's name. Only stored
 * columns come along (a related view's row count means nothing per flight), and only along to-one
 * steps, so no row of the view is met twice. Each related column keeps its own names and gains
 * them qualified by the step ("source airport city", "singer name"). Undefined when the view has
 * no to-one relationship.
 */
export function viewWithReach(view: CatalogView, catalog: Catalog): ReachView | undefined {
  let byView = cache.get(catalog);
  if (!byView) cache.set(catalog, (byView = new Map()));
  const known = byView.get(view.name);
  if (known !== undefined) return known ?? undefined;
  const built = buildReach(view, catalog);
  byView.set(view.name, built ?? null);
  return built;
}

function buildReach(view: CatalogView, catalog: Catalog): ReachView | undefined {
  const steps = reachableViews(view, catalog).filter((r) => !r.toMany && r.view.name !== view.name);
  if (steps.length === 0) return undefined;
  const related: CatalogColumn[] = [];
  for (const step of steps) {
    const relationship = catalog.relationships.find((r) => r.name === step.name && (r.from === view.name || r.to === view.name));
    const stepWords = unique([step.name.replace(/_/g, ' '), step.view.aliases.en[0] ?? step.view.name, ...(relationship?.aliases.en ?? [])]);
    for (const c of step.view.columns) {
      if (c.kind !== 'physical' || c.role === 'time') continue;
      const own = unique([c.name.replace(/_/g, ' '), ...c.aliases.en]);
      const qualified = stepWords.flatMap((s) => own.slice(0, 2).map((o) => (o.startsWith(`${s} `) || o === s ? o : `${s} ${o}`)));
      related.push({
        ...c,
        name: `${step.name}.${c.name}`,
        aliases: { en: unique([...qualified, ...own]), zh: c.aliases.zh },
        ...(c.labelColumn ? { labelColumn: `${step.name}.${c.labelColumn}` } : {}),
      });
    }
  }
  const wide: CatalogView = { ...view, columns: [...view.columns, ...related] };
  return { view: wide, catalog: new Catalog([wide], `${catalog.hash}+reach:${view.name}`, []) };
}

function unique(items: string[]): string[] {
  return [...new Set(items.map((s) => s.trim().toLowerCase()).filter(Boolean))];
}
