import type { Catalog, CatalogColumn } from '@chatbi/catalog';
import { addDays, resolveTimeRange, type DateSpan, type Plan } from '@chatbi/contracts';
import { planComparisons } from './comparison.planner';
import type { SqlDialectRules } from './dialects/sql-dialect';
import { coerceFilterValues, valueTypeOf } from './filter-value.coercer';
import { planFieldError } from './plan-field.error';
import type { Condition, OrderKey, Output, OutputColumn, RenderModel, Share, TimeModel } from './render-model';
import { foldTimeFilters, type IndexedFilter } from './time-filter.folder';
import { ViewExpressions } from './view-expressions';

export const DEFAULT_ROW_LIMIT = 10_000;

/**
 * Checks a plan against its view and turns it into a RenderModel. Every identifier comes from the
 * catalog, every value is checked against its column's type; a plan naming anything else is
 * rejected here, before any SQL exists, with an error naming the plan field.
 */
export function buildRenderModel(plan: Plan, catalog: Catalog, dialect: SqlDialectRules, today: string): RenderModel {
  const view = catalog.view(plan.view);
  if (!view) throw planFieldError('UNKNOWN_COLUMN', 'view', `the catalog has no view named ${plan.view}`);
  const q = dialect.quote;
  const sql = new ViewExpressions(view, dialect);
  const lookup = (field: string, name: string): CatalogColumn => {
    const column = catalog.column(view.name, name);
    if (!column) throw planFieldError('UNKNOWN_COLUMN', field, `view ${view.name} has no column ${name}`);
    return column;
  };
  const outputNames = new Map<string, string>();
  const claimName = (name: string, field: string) => {
    const owner = outputNames.get(name);
    if (owner) throw planFieldError('PLAN_INVALID', field, `the answer already has a column named ${name} (from plan.${owner})`);
    outputNames.set(name, field);
  };

  // Time first: its column names the bucket in the answer.
  let timeColumn: CatalogColumn | undefined;
  const grain = plan.time?.grain ?? null;
  if (plan.time) {
    timeColumn = lookup('time.column', plan.time.column);
    if (timeColumn.role !== 'time') {
      throw planFieldError('PLAN_INVALID', 'time.column', `${plan.time.column} is a ${timeColumn.role}, not the time column of ${view.name}`);
    }
    if (grain && !dialect.grains.includes(grain)) {
      throw planFieldError('PLAN_INVALID', 'time.grain', `the ${dialect.name} dialect cannot group time by ${grain} (it can by ${dialect.grains.join(', ')})`);
    }
    if (grain === 'hour' && timeColumn.type !== 'timestamp') {
      throw planFieldError('PLAN_INVALID', 'time.grain', `${timeColumn.name} holds dates, so it cannot be grouped by hour`);
    }
    if (grain) claimName(timeColumn.name, 'time.column');
  }

  const dimensions: Output[] = plan.dimensions.map((name, i) => {
    const field = `dimensions[${i}]`;
    const column = lookup(field, name);
    if (column.role === 'metric') throw planFieldError('PLAN_INVALID', field, `${name} is a metric and cannot be grouped by`);
    if (column.role === 'time') throw planFieldError('PLAN_INVALID', field, `${name} is the time column: use time.grain to group by time`);
    claimName(name, field);
    return { expr: sql.column(field, column), alias: q(name) };
  });

  const metricColumns = plan.metrics.map((m, i) => {
    const field = `metrics[${i}].column`;
    const column = lookup(field, m.column);
    if (column.role !== 'metric') throw planFieldError('PLAN_INVALID', field, `${m.column} is a ${column.role}, not a metric`);
    return column;
  });
  const metrics: Output[] = plan.metrics.map((m, i) => {
    const name = m.as ?? m.column;
    claimName(name, m.as ? `metrics[${i}].as` : `metrics[${i}].column`);
    return { expr: sql.aggregate(`metrics[${i}].column`, metricColumns[i], m.agg), alias: q(name) };
  });

  const shares: Share[] = [];
  const shareColumns: OutputColumn[] = [];
  plan.metrics.forEach((m, i) => {
    if (!m.share) return;
    const field = `metrics[${i}].share`;
    if (plan.dimensions.length === 0) throw planFieldError('PLAN_INVALID', field, 'a share of the total needs dimensions to split the total by');
    if (!sql.summable(metricColumns[i], m.agg)) {
      throw planFieldError('PLAN_INVALID', field, `a share of the total needs a metric that adds up (a sum or a count), not ${m.agg ?? metricColumns[i].agg}`);
    }
    const name = `${m.as ?? m.column}_share`;
    claimName(name, field);
    shares.push({ metric: metrics[i].alias, expr: metrics[i].expr, alias: q(name) });
    shareColumns.push({ name, role: 'comparison', type: 'decimal' });
  });

  // Filters: dimensions and other columns in WHERE, metrics in HAVING, the time column by rule.
  const where: Condition[] = [];
  const metricFilters: { condition: Condition; metric: number; column: CatalogColumn; field: string }[] = [];
  const timeFilters: IndexedFilter[] = [];
  plan.filters.forEach((f, i) => {
    const field = `filters[${i}]`;
    const column = lookup(`${field}.column`, f.column);
    const type = valueTypeOf(column);
    if (column.role === 'metric') {
      const values = coerceFilterValues(f, 'number', field, column.name);
      const metric = plan.metrics.findIndex((m) => m.column === f.column);
      const expr = metric >= 0 ? metrics[metric].expr : sql.aggregate(`${field}.column`, column, undefined);
      metricFilters.push({ condition: { expr, op: f.op, values, type: 'number' }, metric, column, field });
    } else if (timeColumn && column.name === timeColumn.name && plan.compare.length > 0) {
      timeFilters.push({ filter: f, index: i });
    } else {
      where.push({ expr: sql.column(`${field}.column`, column), op: f.op, values: coerceFilterValues(f, type, field, column.name), type });
    }
  });

  let span: DateSpan | null = plan.time?.range ? resolveTimeRange(plan.time.range, today, view.dataLatencyDays) : null;
  if (plan.compare.length > 0) {
    if (!plan.time || !timeColumn) {
      throw planFieldError('PLAN_INVALID', 'compare', `a period comparison needs time.column (${catalog.timeColumn(view.name)?.name ?? 'the view has none'}) and time.range`);
    }
    span = foldTimeFilters(span, timeFilters);
    if (!span) throw planFieldError('PLAN_INVALID', 'compare', 'a period comparison needs time.range (or filters bounding the time column on both sides)');
  }

  const time: TimeModel = timeColumn
    ? {
        column: q(timeColumn.name),
        type: timeColumn.type === 'timestamp' ? 'timestamp' : 'date',
        grain,
        window: span ? { from: span.from, until: addDays(span.to, 1) } : null,
      }
    : { column: null, type: null, grain: null, window: null };
  const timeAlias = q(timeColumn?.name ?? 'period');

  const outputColumns: OutputColumn[] = [
    ...(grain && timeColumn ? [{ name: timeColumn.name, role: 'time' as const, type: grain === 'hour' ? 'timestamp' : 'date' }] : []),
    ...plan.dimensions.map((d) => ({ name: d, role: 'dimension' as const, type: catalog.column(view.name, d)!.type })),
    ...plan.metrics.map((m) => ({ name: m.as ?? m.column, role: 'metric' as const, type: 'decimal' })),
  ];
  const base = {
    rowKeys: null,
    rowKey: null,
    texts: [],
    source: view.source.split('.').map(q).join('.'),
    time,
    timeAlias,
    dimensions,
    metrics,
    where,
    limit: plan.limit ?? DEFAULT_ROW_LIMIT,
    span,
  };
  const groupKeys: OrderKey[] = [
    ...(grain ? [{ by: timeAlias, dir: 'ASC' as const, text: false }] : []),
    ...plan.dimensions.map((d, i) => ({ by: dimensions[i].alias, dir: 'ASC' as const, text: catalog.column(view.name, d)!.type === 'string' })),
  ];

  if (plan.compare.length === 0) {
    outputColumns.push(...shareColumns);
    return {
      ...base,
      shape: 'aggregate',
      hidden: [],
      having: metricFilters.map((f) => f.condition),
      shares,
      order: orderKeys(plan, outputColumns, groupKeys, q),
      compare: null,
      outputColumns,
    };
  }

  const { model: compare, outputColumns: comparisonColumns } = planComparisons({
    compare: plan.compare,
    span: span!,
    range: timeFilters.length === 0 ? (plan.time?.range ?? null) : null,
    grain,
    metricNames: plan.metrics.map((m) => m.as ?? m.column),
    quote: q,
    claimName,
  });
  outputColumns.push(...comparisonColumns, ...shareColumns);

  // A metric filter holds on the answer's own (current) values; a metric outside the answer is aggregated beside it.
  const hidden: Output[] = [];
  const having = metricFilters.map((f): Condition => {
    if (f.metric >= 0) return { ...f.condition, expr: `cur.${metrics[f.metric].alias}` };
    const alias = `__having_${hidden.length}`;
    hidden.push({ expr: f.condition.expr, alias });
    return { ...f.condition, expr: `cur.${alias}` };
  });
  return {
    ...base,
    shape: 'compare',
    hidden,
    having,
    shares,
    order: orderKeys(plan, outputColumns, groupKeys, q),
    compare,
    outputColumns,
  };
}

/**
 * The plan's order, then the time bucket and dimensions as tie-breakers, so that top-N answers
 * are the same rows on every engine.
 */
function orderKeys(plan: Plan, outputs: OutputColumn[], groupKeys: OrderKey[], q: (s: string) => string): OrderKey[] {
  const keys: OrderKey[] = plan.order.map((o, i) => {
    if (!outputs.some((c) => c.name === o.by)) {
      throw planFieldError('PLAN_INVALID', `order[${i}].by`, `${o.by} is not a column of the answer (${outputs.map((c) => c.name).join(', ')})`);
    }
    const column = outputs.find((c) => c.name === o.by)!;
    return { by: q(o.by), dir: o.dir === 'desc' ? 'DESC' : 'ASC', text: column.role === 'dimension' && column.type === 'string' };
  });
  for (const key of groupKeys) if (!keys.some((k) => k.by === key.by)) keys.push({ ...key, dir: 'ASC' });
  return keys;
}
