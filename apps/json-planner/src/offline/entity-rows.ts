import type { CatalogView } from '@chatbi/catalog';

/** A table of entities (a row key, no dates): its rows are listed as they are, each once. */
export function holdsEntityRows(view: CatalogView): boolean {
  return view.rowKey !== undefined && !view.columns.some((c) => c.role === 'time');
}
