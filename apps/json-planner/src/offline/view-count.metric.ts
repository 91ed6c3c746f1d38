import { ROW_COUNT_KEY, type CatalogView } from '@chatbi/catalog';

/**
 * The metric that counts a view's rows: one the catalog writes as count(*) or as a count of the
 * row key (feedback_cnt: count(feedback_id)), else the view's row_count.
 */
export function viewCountMetric(view: CatalogView): string | undefined {
  const counts = (expr: string | undefined) => {
    const m = /^\s*count\s*\(\s*([a-z_][a-z0-9_]*|\*)\s*\)\s*$/i.exec(expr ?? '');
    return m !== null && (m[1] === '*' || m[1] === view.rowKey);
  };
  const declared = view.columns.find((c) => c.role === 'metric' && c.kind === 'virtual' && c.name !== ROW_COUNT_KEY && counts(c.expr));
  return declared?.name ?? view.columns.find((c) => c.name === ROW_COUNT_KEY)?.name;
}
