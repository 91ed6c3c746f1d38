import { ChatbiError, type Plan, type PlanAggregate } from '@chatbi/contracts';
import { PathError, type Catalog, type CatalogColumn } from './catalog';

/** Aggregations a column that is not a metric can take: counting its values, or its extremes. */
const NON_METRIC_AGGREGATIONS = new Set(['count', 'count_distinct', 'min', 'max']);

/**
 * Checks that a plan names only catalog columns (of its view, or of views reached along catalog
 * relationships), each in a role that fits where it is used, and only known values of enum
 * columns. A plan that passes can be rendered; one that fails names the plan field at fault.
 */
export function assertPlanFitsCatalog(plan: Plan, catalog: Catalog): void {
  const view = catalog.view(plan.view);
  if (!view) throw fail('UNKNOWN_COLUMN', 'view', `the catalog has no view named ${plan.view}`);
  const column = (field: string, ref: string): CatalogColumn => {
    try {
      return catalog.resolveRef(view.name, ref).column;
    } catch (error) {
      if (error instanceof PathError) throw fail('UNKNOWN_COLUMN', field, error.message);
      throw error;
    }
  };
  const aggregate = (field: string, a: PlanAggregate) => {
    const c = column(`${field}.column`, a.column);
    if (c.role !== 'metric' && !(a.agg && NON_METRIC_AGGREGATIONS.has(a.agg))) {
      throw fail('PLAN_INVALID', `${field}.column`, `${a.column} is not a metric; a ${c.role} can be counted (agg count or count_distinct) or its extremes taken (min, max)`);
    }
    a.where?.forEach((f, j) => filter(`${field}.where[${j}]`, f));
  };
  const filter = (field: string, f: Plan['filters'][number]) => {
    const c = column(`${field}.column`, f.column);
    if (c.role === 'dimension' && c.values.length > 0 && (f.op === '=' || f.op === '!=' || f.op === 'in' || f.op === 'not in')) {
      const known = new Set(c.values.map((v) => String(v.value)));
      const values = Array.isArray(f.value) ? f.value : [f.value];
      const unknown = values.filter((v) => !known.has(String(v)));
      if (unknown.length > 0) throw fail('PLAN_INVALID', `${field}.value`, `${unknown.join(', ')} is not a known value of ${c.name}`);
    }
  };
  plan.metrics.forEach((m, i) => {
    aggregate(`metrics[${i}]`, m);
    if (m.over) aggregate(`metrics[${i}].over`, m.over);
  });
  plan.dimensions.forEach((d, i) => {
    const role = column(`dimensions[${i}]`, d).role;
    if (role === 'metric' || (role === 'time' && !d.includes('.'))) throw fail('PLAN_INVALID', `dimensions[${i}]`, `${d} is a ${role}, not a dimension`);
  });
  plan.rows?.columns.forEach((c, i) => column(`rows.columns[${i}]`, c));
  plan.filters.forEach((f, i) => filter(`filters[${i}]`, f));
  plan.having?.forEach((h, i) => {
    if (typeof h.metric !== 'string') aggregate(`having[${i}].metric`, h.metric);
  });
  plan.exists?.forEach((e, i) => {
    try {
      const steps = catalog.walk(view.name, e.path.split('.'));
      const target = steps[steps.length - 1]?.to;
      e.where.forEach((f, j) => {
        if (!target || !catalog.column(target, f.column)) throw fail('UNKNOWN_COLUMN', `exists[${i}].where[${j}].column`, `${target ?? view.name} has no column ${f.column}`);
      });
    } catch (error) {
      if (error instanceof PathError) throw fail('UNKNOWN_COLUMN', `exists[${i}].path`, error.message);
      throw error;
    }
  });
  if (plan.time && column('time.column', plan.time.column).role !== 'time') {
    throw fail('PLAN_INVALID', 'time.column', `${plan.time.column} is not the time column of ${view.name}`);
  }
  plan.semantic?.forEach((s, i) => {
    const c = column(`semantic[${i}].column`, s.column);
    if (c.role !== 'text') {
      const texts = view.columns.filter((x) => x.role === 'text').map((x) => x.name);
      throw fail('PLAN_INVALID', `semantic[${i}].column`, `${s.column} is a ${c.role}; ${s.op} reads a text column (${texts.length ? texts.join(', ') : `${view.name} has none`})`);
    }
    if (!view.rowKey) {
      throw fail('PLAN_INVALID', `semantic[${i}]`, `${s.op} judges rows one by one and ${view.name} declares no row_key in the catalog`);
    }
  });
  if (plan.semantic?.length) {
    if (plan.compare.length > 0) {
      throw fail('PLAN_INVALID', 'compare', 'period comparisons cannot be combined with semantic operators yet; ask for the periods one at a time');
    }
    if (plan.semantic.filter((s) => s.op === 'ai_classify').length > 1) {
      throw fail('PLAN_INVALID', 'semantic', 'a plan may classify rows once (one ai_classify)');
    }
  }
}

function fail(code: 'UNKNOWN_COLUMN' | 'PLAN_INVALID', field: string, message: string): ChatbiError {
  return new ChatbiError(code, `plan.${field}: ${message}`, { field });
}
