import { Catalog, type CatalogColumn, type CatalogView } from './catalog';
import type { RelatedView } from './view-reach';
import type { ReachView } from './reach-view';

/**
 * The view with the stored columns of a to-many related view ("singers" with their "songs"), named
 * `path.column`, for reading the conditions a question puts on the related rows ("songs with sales
 * over 300000"). Such columns only ever go into an exists condition: the plan never groups or
 * aggregates over them, so no row of the view is counted twice.
 */
export function viewWithRelatedRows(view: CatalogView, related: RelatedView): ReachView {
  const columns: CatalogColumn[] = related.view.columns
    .filter((c) => c.kind === 'physical' && c.role !== 'time')
    .map(({ labelColumn: _, ...c }) => ({ ...c, name: `${related.name}.${c.name}` }));
  const wide: CatalogView = { ...view, columns: [...view.columns, ...columns] };
  return { view: wide, catalog: new Catalog([wide], `exists:${view.name}:${related.name}`, []) };
}
