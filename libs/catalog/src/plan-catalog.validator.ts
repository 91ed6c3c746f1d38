import { ChatbiError, type Plan } from '@chatbi/contracts';
import type { Catalog } from './catalog';

/**
 * Checks that a plan names only its view's columns, each in a role that fits where it is used.
 * A plan that passes can be rendered; one that fails names the plan field at fault.
 */
export function assertPlanFitsCatalog(plan: Plan, catalog: Catalog): void {
  const view = catalog.view(plan.view);
  if (!view) throw fail('UNKNOWN_COLUMN', 'view', `the catalog has no view named ${plan.view}`);
  const column = (field: string, name: string) => {
    const c = catalog.column(view.name, name);
    if (!c) throw fail('UNKNOWN_COLUMN', field, `view ${view.name} has no column ${name}`);
    return c;
  };
  plan.metrics.forEach((m, i) => {
    if (column(`metrics[${i}].column`, m.column).role !== 'metric') {
      throw fail('PLAN_INVALID', `metrics[${i}].column`, `${m.column} is not a metric`);
    }
  });
  plan.dimensions.forEach((d, i) => {
    const role = column(`dimensions[${i}]`, d).role;
    if (role === 'metric' || role === 'time') throw fail('PLAN_INVALID', `dimensions[${i}]`, `${d} is a ${role}, not a dimension`);
  });
  plan.filters.forEach((f, i) => {
    const c = column(`filters[${i}].column`, f.column);
    if (c.role === 'dimension' && c.values.length > 0 && (f.op === '=' || f.op === '!=' || f.op === 'in' || f.op === 'not in')) {
      const known = new Set(c.values.map((v) => String(v.value)));
      const values = Array.isArray(f.value) ? f.value : [f.value];
      const unknown = values.filter((v) => !known.has(String(v)));
      if (unknown.length > 0) {
        throw fail('PLAN_INVALID', `filters[${i}].value`, `${unknown.join(', ')} is not a known value of ${c.name}`);
      }
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
