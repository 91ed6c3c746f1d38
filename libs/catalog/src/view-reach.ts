import type { Catalog, CatalogView } from './catalog';

/** A view one relationship away, under the name a plan's path or column reference uses for the step. */
export interface RelatedView {
  name: string;
  view: CatalogView;
  /** One row of the selected view meets many rows of this one (exists paths, counts per key). */
  toMany: boolean;
}

/**
 * The views one step away along the catalog's relationships, both ways: a relationship is named by
 * its own name from its `from` side, and walking back from `to` by the other view's name (by the
 * relationship's name when several lead back to the same view), as Catalog.walk accepts them.
 */
export function reachableViews(view: CatalogView, catalog: Catalog): RelatedView[] {
  const out: RelatedView[] = [];
  const relationships = catalog.relationshipsOf(view.name);
  for (const r of relationships) {
    if (r.from === view.name) {
      const target = catalog.view(r.to);
      if (target) out.push({ name: r.name, view: target, toMany: r.kind === 'one_to_many' });
    }
    if (r.to === view.name && r.from !== r.to) {
      const target = catalog.view(r.from);
      const sameSource = relationships.filter((o) => o.to === view.name && o.from === r.from).length;
      if (target) out.push({ name: sameSource > 1 ? r.name : r.from, view: target, toMany: r.kind === 'many_to_one' });
    }
  }
  return out;
}

/** Whether semantic operators can run on the view: a text column and a row key to name rows by. */
export function hasSemanticText(view: CatalogView): boolean {
  return Boolean(view.rowKey) && view.columns.some((c) => c.role === 'text');
}
