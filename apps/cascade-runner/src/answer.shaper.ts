import type { AnsweredMessage, Plan, RenderedMessage, ResultColumn } from '@chatbi/contracts';
import type { QueryResult } from '@chatbi/warehouse';
import { chartFor } from './chart.planner';

/** Roles of the answer's columns from the plan, its chart, and the warnings every answer carries. */
export function shapeAnswer(
  message: RenderedMessage,
  result: Pick<QueryResult, 'columns' | 'rows' | 'truncated'>,
  maxRows: number,
  extra: { dimensions?: string[]; warnings?: string[] } = {},
): AnsweredMessage {
  const plan: Plan = message.plan;
  const roles = new Map<string, ResultColumn['role']>();
  if (plan.time?.grain) roles.set(plan.time.column, 'time');
  [...(extra.dimensions ?? []), ...plan.dimensions].forEach((d) => roles.set(d, 'dimension'));
  plan.metrics.forEach((m) => roles.set(m.as ?? m.column, 'metric'));
  // The templater names every answer column with its role (derived names, related views' columns, listed rows).
  const additive = new Map<string, boolean>();
  for (const o of message.outputs ?? []) {
    roles.set(o.name, o.role);
    if (o.additive !== undefined) additive.set(o.name, o.additive);
  }
  const columns: ResultColumn[] = result.columns.map((c) => ({
    name: c.name,
    type: c.type,
    role: roles.get(c.name) ?? 'comparison',
    ...(additive.has(c.name) ? { additive: additive.get(c.name) } : {}),
  }));
  const warnings = [...message.warnings, ...(extra.warnings ?? [])];
  if (result.truncated) warnings.push(`Only the first ${maxRows} rows are shown.`);
  if (result.rows.length === 0) warnings.push('The query ran but found no rows for this question.');
  return {
    ...message,
    warnings,
    columns,
    rows: result.rows,
    truncated: result.truncated,
    chart: chartFor(plan, columns, result.rows.length),
  };
}
