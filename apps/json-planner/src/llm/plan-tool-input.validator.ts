import { assertPlanFitsCatalog, PathError, type Catalog, type CatalogColumn, type CatalogView } from '@chatbi/catalog';
import { ChatbiError, planSchema, type Plan, type PlanFilter } from '@chatbi/contracts';

export type PlanCheck = { ok: true; plan: Plan } | { ok: false; errors: string[] };

const LISTED_VALUES = 40;

/**
 * Whether a model's tool input is a plan for the selected view that the catalog accepts. Every
 * problem is named with its field, in words a repair turn can act on (known values included).
 */
export function checkToolPlan(input: unknown, view: CatalogView, catalog: Catalog): PlanCheck {
  const parsed = planSchema.safeParse(input);
  if (!parsed.success) {
    return { ok: false, errors: parsed.error.issues.map((i) => `${i.path.join('.') || 'plan'}: ${i.message}`) };
  }
  const plan = parsed.data;
  if (plan.view !== view.name) {
    return { ok: false, errors: [`view: must be ${view.name}, the only view you may use (got ${plan.view})`] };
  }
  const errors = viewErrors(plan, view, catalog);
  if (errors.length === 0) {
    try {
      assertPlanFitsCatalog(plan, catalog);
    } catch (error) {
      if (!(error instanceof ChatbiError)) throw error;
      errors.push(error.message);
    }
  }
  return errors.length === 0 ? { ok: true, plan } : { ok: false, errors };
}

/** What the catalog check does not say in a repairable way: values with the known ones, time, comparisons, order. */
function viewErrors(plan: Plan, view: CatalogView, catalog: Catalog): string[] {
  const errors: string[] = [];
  const resolve = (ref: string): CatalogColumn | undefined => {
    try {
      return catalog.resolveRef(view.name, ref).column;
    } catch (error) {
      if (error instanceof PathError) return undefined;
      throw error;
    }
  };
  const checkValues = (field: string, f: PlanFilter) => {
    const c = resolve(f.column);
    if (!c || c.values.length === 0 || !['=', '!=', 'in', 'not in'].includes(f.op)) return;
    const known = new Set(c.values.map((v) => String(v.value)));
    const unknown = (Array.isArray(f.value) ? f.value : [f.value]).filter((v) => !known.has(String(v)));
    if (unknown.length > 0) {
      const listed = c.values.slice(0, LISTED_VALUES).map((v) => `${String(v.value)}${v.label ? ` (${v.label})` : ''}`);
      errors.push(`${field}.value: ${unknown.join(', ')} is not a value of ${c.name}; its values are ${listed.join(', ')}`);
    }
  };
  plan.filters.forEach((f, i) => checkValues(`filters.${i}`, f));
  plan.metrics.forEach((m, i) => {
    m.where?.forEach((f, j) => checkValues(`metrics.${i}.where.${j}`, f));
    m.over?.where?.forEach((f, j) => checkValues(`metrics.${i}.over.where.${j}`, f));
  });
  if (plan.time && resolve(plan.time.column)?.role !== 'time') {
    const time = view.columns.find((c) => c.role === 'time');
    errors.push(`time.column: ${plan.time.column} is not the time column (${time ? time.name : `${view.name} has none`})`);
  }
  if (plan.compare.length > 0 && !plan.time?.range) errors.push('compare: a period comparison needs time.range');
  if (!plan.rows) {
    const names = answerNames(plan);
    plan.order.forEach((o, i) => {
      if (!names.some((n) => o.by.includes(n))) errors.push(`order.${i}.by: ${o.by} is not a column of the answer; order by a metric, a dimension or the time column`);
    });
  }
  return errors;
}

/**
 * The names an answer column of an aggregating plan is built from: metrics (their `as`, or their
 * column, which the templater decorates: avg_dau, dau_pct, dau_wow), dimensions and the time column.
 */
function answerNames(plan: Plan): string[] {
  const last = (ref: string) => ref.split('.').pop()!;
  return [
    ...plan.metrics.map((m) => m.as ?? last(m.column)),
    ...plan.dimensions.map(last),
    ...(plan.time?.grain ? [plan.time.column] : []),
    ...(plan.semantic ?? []).flatMap((s) => (s.op === 'ai_classify' ? [s.as ?? 'label'] : [])),
  ];
}
