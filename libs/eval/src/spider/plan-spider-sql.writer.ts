import type { Plan, PlanFilter } from '@chatbi/contracts';
import type { BootstrappedView } from './spider-catalog.bootstrapper';

/**
 * Writes a plan over a bootstrapped Spider catalog as the Spider-style SQL a text-to-SQL model
 * would output (tables with T1/T2 aliases, no quoting, no default row cap), so that it can be
 * scored by component matching and exact set match. The SQL that ran is the templater's; this
 * is only its Spider spelling. Values are written as literals for the scorer, never executed.
 */
export function planToSpiderSql(plan: Plan, view: BootstrappedView): string {
  const joined = view.tables.length > 1;
  const col = (name: string): string => {
    const origin = view.columns[name];
    if (!origin) throw new Error(`view ${view.name} has no column ${name}`);
    return joined ? `T${origin[0] + 1}.${origin[1]}` : origin[1];
  };
  const metricSql = (m: Plan['metrics'][number]): string => {
    const virtual = view.virtual[m.column];
    if (virtual) return virtual;
    switch (m.agg ?? 'sum') {
      case 'count_distinct':
        return `count(DISTINCT ${col(m.column)})`;
      default:
        return `${m.agg ?? 'sum'}(${col(m.column)})`;
    }
  };
  const metricByName = new Map(plan.metrics.map((m) => [m.column, metricSql(m)]));
  const isMetric = (name: string) => metricByName.has(name) || name in view.virtual;
  const expr = (name: string) => metricByName.get(name) ?? (name in view.virtual ? view.virtual[name] : col(name));

  const select = [...plan.dimensions.map(col), ...plan.metrics.map(metricSql)];
  const from = joined ? `${view.tables[0]} AS T1 JOIN ${view.tables[1]} AS T2 ON ${view.join!.left} = ${view.join!.right}` : view.tables[0];
  const where = plan.filters.filter((f) => !isMetric(f.column)).map((f) => condition(col(f.column), f));
  const having = plan.filters.filter((f) => isMetric(f.column)).map((f) => condition(expr(f.column), f));
  let sql = `SELECT ${select.join(' , ')} FROM ${from}`;
  if (where.length > 0) sql += ` WHERE ${where.join(' AND ')}`;
  if (plan.dimensions.length > 0 && plan.metrics.length > 0) sql += ` GROUP BY ${plan.dimensions.map(col).join(' , ')}`;
  if (having.length > 0) sql += ` HAVING ${having.join(' AND ')}`;
  if (plan.order.length > 0) sql += ` ORDER BY ${plan.order.map((o) => expr(o.by)).join(' , ')} ${plan.order[0].dir.toUpperCase()}`;
  if (plan.limit !== undefined) sql += ` LIMIT ${plan.limit}`;
  return sql;
}

function condition(left: string, f: PlanFilter): string {
  const list = (values: unknown) => (values as unknown[]).map(literal).join(' , ');
  switch (f.op) {
    case 'in':
      return `${left} IN ( ${list(f.value)} )`;
    case 'not in':
      return `${left} NOT IN ( ${list(f.value)} )`;
    case 'between':
      return `${left} BETWEEN ${literal((f.value as unknown[])[0])} AND ${literal((f.value as unknown[])[1])}`;
    case 'is null':
      return `${left} IS NULL`;
    case 'is not null':
      return `${left} IS NOT NULL`;
    case 'like':
      return `${left} LIKE ${literal(f.value)}`;
    default:
      return `${left} ${f.op} ${literal(f.value)}`;
  }
}

function literal(value: unknown): string {
  if (typeof value === 'number') return String(value);
  if (typeof value === 'boolean') return value ? '1' : '0';
  return `"${String(value).replace(/"/g, '')}"`;
}
