import type { CatalogView } from '@chatbi/catalog';
import type { Plan, PlanFilter } from '@chatbi/contracts';

/**
 * Carries a plan made on one view over to another: keeps only the columns (and enum values) the
 * new view has, and moves the time slot to the new view's time column.
 */
export function adaptPlanToView(plan: Plan, view: CatalogView): Plan {
  if (plan.view === view.name) return plan;
  const column = (name: string) => view.columns.find((c) => c.name === name);
  const metrics = plan.metrics.filter((m) => column(m.column)?.role === 'metric');
  const dimensions = plan.dimensions.filter((d) => {
    const role = column(d)?.role;
    return role !== undefined && role !== 'metric' && role !== 'time';
  });
  const filters = plan.filters.filter((f) => filterFits(f, view));
  const timeColumn = view.columns.find((c) => c.role === 'time');
  const outputs = new Set([...metrics.map((m) => m.column), ...dimensions]);
  const semantic = view.rowKey ? plan.semantic?.filter((s) => column(s.column)?.role === 'text') : undefined;
  return {
    ...plan,
    view: view.name,
    metrics,
    dimensions,
    filters,
    time: plan.time && timeColumn ? { ...plan.time, column: timeColumn.name } : undefined,
    compare: plan.time && timeColumn ? plan.compare : [],
    order: plan.order.filter((o) => outputs.has(o.by)),
    semantic: semantic?.length ? semantic : undefined,
  };
}

function filterFits(f: PlanFilter, view: CatalogView): boolean {
  const column = view.columns.find((c) => c.name === f.column);
  if (!column) return false;
  if (column.values.length === 0 || !['=', '!=', 'in', 'not in'].includes(f.op)) return true;
  const known = new Set(column.values.map((v) => String(v.value)));
  const values = Array.isArray(f.value) ? f.value : [f.value];
  return values.every((v) => known.has(String(v)));
}
