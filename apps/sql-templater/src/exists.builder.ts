import type { Catalog } from '@chatbi/catalog';
import type { PlanExists } from '@chatbi/contracts';
import type { SqlDialectRules } from './dialects/sql-dialect';
import { conditionOn } from './measure.builder';
import { planFieldError } from './plan-field.error';
import type { QuerySources } from './query-sources';
import type { ExistsCondition } from './render-model';
import { ViewExpressions } from './view-expressions';

/**
 * "customers who have (not) placed an order": an [NOT] EXISTS over the view a relationship path
 * leads to, its first step meeting the plan view's row by the relationship's keys, later steps
 * joined inside the subquery, and the filters on the last view. The subquery's tables are named
 * e<i>_<step>, so that nested names never meet the outer query's t0, t1...
 */
export function buildExists(field: string, e: PlanExists, sources: QuerySources, catalog: Catalog, dialect: SqlDialectRules): ExistsCondition {
  const names = e.path.split('.');
  const steps = sources.walk(`${field}.path`, sources.view, names);
  const prefix = `e${field.replace(/\D/g, '')}_`;
  const sqlOf = steps.map((s, i) => new ViewExpressions(s.to, dialect, `${prefix}${i}`));
  const first = steps[0];
  const on = first.keys.map(([outer, inner]) => ({ left: sqlOf[0].column(`${field}.path`, inner), right: sources.base.column(`${field}.path`, outer) }));
  const joins = steps.slice(1).map((s, i) => ({
    relation: sources.relation(s.to),
    alias: `${prefix}${i + 1}`,
    on: s.keys.map(([a, b]) => ({ left: sqlOf[i].column(`${field}.path`, a), right: sqlOf[i + 1].column(`${field}.path`, b) })),
  }));
  const last = steps[steps.length - 1];
  const conditions = e.where.map((f, i) => {
    const column = catalog.column(last.to.name, f.column);
    if (!column) throw planFieldError('UNKNOWN_COLUMN', `${field}.where[${i}].column`, `${last.to.name} (reached by ${e.path}) has no column ${f.column}`);
    return conditionOn({ column, sql: sqlOf[sqlOf.length - 1] }, f, `${field}.where[${i}]`);
  });
  return { negate: e.negate, relation: sources.relation(first.to), alias: `${prefix}0`, joins, on, conditions };
}
