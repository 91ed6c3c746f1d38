import type { Plan, PlanRows } from '@chatbi/contracts';
import type { SqlDialectRules } from './dialects/sql-dialect';
import { planFieldError } from './plan-field.error';
import type { QuerySources } from './query-sources';
import type { OrderKey, Output, OutputColumn, RenderModel } from './render-model';

type Common = Pick<RenderModel, 'rowKeys' | 'rowKey' | 'texts' | 'time' | 'timeAlias' | 'where' | 'exists' | 'limit' | 'span'>;

/**
 * Rows listed as they are ("names and cities of our stores"): the listed columns of the plan's view
 * and of views joined to it, each combination once when distinct, filtered, ordered (by any
 * column: one that is not listed is carried as a hidden key) and cut to the limit.
 */
export function buildListModel(plan: Plan, rows: PlanRows, sources: QuerySources, dialect: SqlDialectRules, common: Common): RenderModel {
  const q = dialect.quote;
  const taken = new Set<string>();
  const columns: Output[] = [];
  const outputColumns: OutputColumn[] = [];
  rows.columns.forEach((ref, i) => {
    const field = `rows.columns[${i}]`;
    const resolved = sources.resolve(field, ref);
    if (resolved.toMany && resolved.steps.length > 0) {
      // Listing across a to-many step lists each pair: that is what "song titles and singer names" asks.
      throw planFieldError('PLAN_INVALID', field, `${ref} is reached by a to-many relationship; list from ${resolved.view.name} and name ${sources.view.name}'s columns through its relationship`);
    }
    const last = ref.split('.').pop()!;
    const name = taken.has(last) ? ref.replace(/\./g, '_') : last;
    taken.add(name);
    columns.push({ expr: resolved.sql.column(field, resolved.column), alias: q(name) });
    outputColumns.push({ name, alias: q(name), role: resolved.column.role === 'metric' ? 'metric' : 'dimension', type: resolved.column.type });
  });
  const order: OrderKey[] = plan.order.map((o, i) => {
    const field = `order[${i}].by`;
    const listed = outputColumns.find((c) => c.name === o.by || c.name === o.by.split('.').pop());
    const dir = o.dir === 'desc' ? 'DESC' : 'ASC';
    if (listed && rows.columns.some((r) => r === o.by || r.split('.').pop() === o.by)) return { by: listed.alias, dir, text: listed.type === 'string' };
    const resolved = sources.resolve(field, o.by);
    if (resolved.toMany) throw planFieldError('PLAN_INVALID', field, `${o.by} is reached by a to-many relationship and cannot order ${sources.view.name}'s rows`);
    const alias = q(`__order_${i}`);
    columns.push({ expr: resolved.sql.column(field, resolved.column), alias });
    return { by: alias, dir, text: resolved.column.type === 'string' };
  });
  return {
    ...common,
    shape: 'list',
    from: sources.from(),
    dimensions: [],
    metrics: [],
    hidden: [],
    rollups: [],
    having: [],
    shares: [],
    compare: null,
    list: { columns, distinct: rows.distinct },
    order,
    outputColumns,
  };
}
