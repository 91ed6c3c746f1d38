import { assertPlanFitsCatalog, type Catalog, type CatalogColumn, type CatalogView } from '@chatbi/catalog';
import { ChatbiError, planSchema, type Plan } from '@chatbi/contracts';

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
  const errors = viewErrors(plan, view);
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

function viewErrors(plan: Plan, view: CatalogView): string[] {
  const errors: string[] = [];
  const columns = new Map(view.columns.map((c) => [c.name, c]));
  const lookup = (field: string, name: string): CatalogColumn | undefined => {
    const c = columns.get(name);
    if (!c) errors.push(`${field}: ${view.name} has no column ${name}`);
    return c;
  };
  plan.metrics.forEach((m, i) => {
    const c = lookup(`metrics.${i}.column`, m.column);
    if (c && c.role !== 'metric') errors.push(`metrics.${i}.column: ${m.column} is a ${c.role}, not a metric`);
  });
  plan.dimensions.forEach((d, i) => {
    const c = lookup(`dimensions.${i}`, d);
    if (c?.role === 'metric') errors.push(`dimensions.${i}: ${d} is a metric; group by dimensions only`);
    if (c?.role === 'time') errors.push(`dimensions.${i}: ${d} is the time column; use time.grain to group by time`);
  });
  plan.filters.forEach((f, i) => {
    const c = lookup(`filters.${i}.column`, f.column);
    if (!c || c.values.length === 0 || !['=', '!=', 'in', 'not in'].includes(f.op)) return;
    const known = new Set(c.values.map((v) => String(v.value)));
    const unknown = (Array.isArray(f.value) ? f.value : [f.value]).filter((v) => !known.has(String(v)));
    if (unknown.length > 0) {
      const listed = c.values.slice(0, LISTED_VALUES).map((v) => `${String(v.value)}${v.label ? ` (${v.label})` : ''}`);
      errors.push(`filters.${i}.value: ${unknown.join(', ')} is not a value of ${c.name}; its values are ${listed.join(', ')}`);
    }
  });
  if (plan.time) {
    const c = lookup('time.column', plan.time.column);
    if (c && c.role !== 'time') errors.push(`time.column: ${plan.time.column} is not the time column`);
  }
  if (plan.compare.length > 0 && !plan.time?.range) errors.push('compare: a period comparison needs time.range');
  const outputs = answerColumns(plan);
  plan.order.forEach((o, i) => {
    if (!outputs.has(o.by)) errors.push(`order.${i}.by: ${o.by} is not a column of the answer (${[...outputs].join(', ')})`);
  });
  return errors;
}

/** The columns the answer will have, as the SQL templates name them: order.by must be one. */
function answerColumns(plan: Plan): Set<string> {
  const names = plan.metrics.map((m) => m.as ?? m.column);
  const out = new Set([...names, ...plan.dimensions]);
  if (plan.time?.grain) out.add(plan.time.column);
  for (const c of plan.compare) {
    for (const name of names) {
      if (c.output !== 'diff') out.add(`${name}_${c.kind}`);
      if (c.output === 'diff' || c.output === 'both') out.add(`${name}_${c.kind}_diff`);
    }
  }
  return out;
}
