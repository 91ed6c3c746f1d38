import { Catalog, CatalogColumn, CatalogView, ExpressionError, expandVirtual } from '@chatbi/catalog';
import { ChatbiError, addDays, resolveTimeRange, shift, type DateSpan, type Plan, type PlanFilter, type PeriodUnit } from '@chatbi/contracts';
import type { SqlDialectRules } from './dialects/sql-dialect';


export const DEFAULT_ROW_LIMIT = 10_000;

const COMPARISON_SHIFT: Record<string, { unit: PeriodUnit; label: string }> = {
  dod: { unit: 'day', label: 'day' },
  wow: { unit: 'week', label: 'week' },
  mom: { unit: 'month', label: 'month' },
  qoq: { unit: 'quarter', label: 'quarter' },
  yoy: { unit: 'year', label: 'year' },
};

export interface Selected {
  expr: string;
  alias: string;
}

export interface Condition {
  column: string;
  op: PlanFilter['op'];
  value?: PlanFilter['value'];
}

/** Everything a template needs, with identifiers quoted and expressions expanded. Values stay values. */
export interface RenderModel {
  shape: 'aggregate' | 'compare';
  source: string;
  time?: { column: string; from: string; until: string };
  timeAlias: string;
  bucketed: boolean;
  select: Selected[];
  dimensions: Selected[];
  metrics: Selected[];
  where: Condition[];
  having: Condition[];
  groupBy: number[];
  orderBy: { by: string; dir: 'ASC' | 'DESC' }[];
  limit: number;
  periods: { name: string; from: string; until: string; bucket: string }[];
  comparisons: { period: string; ref: string; outputs: Selected[] }[];
  /** The calendar range the answer covers. */
  span?: DateSpan;
  outputColumns: { name: string; role: 'time' | 'dimension' | 'metric' | 'comparison'; type: string }[];
}

/**
 * Checks a plan against its view and turns it into a RenderModel. Every identifier comes from the
 * catalog; a plan naming anything else is rejected here, before any SQL exists.
 */
export function buildRenderModel(plan: Plan, catalog: Catalog, dialect: SqlDialectRules, today: string): RenderModel {
  const view = catalog.view(plan.view);
  if (!view) throw invalid('UNKNOWN_COLUMN', 'view', `the catalog has no view named ${plan.view}`);
  const q = dialect.quote;
  const lookup = (field: string, name: string): CatalogColumn => {
    const column = catalog.column(view.name, name);
    if (!column) throw invalid('UNKNOWN_COLUMN', field, `view ${view.name} has no column ${name}`);
    return column;
  };
  const scope = {
    virtual: new Map(view.columns.filter((c) => c.kind === 'virtual').map((c) => [c.name, c.expr!])),
    physical: new Set(view.columns.filter((c) => c.kind === 'physical').map((c) => c.name)),
    quote: q,
  };
  const expand = (field: string, column: CatalogColumn): string => {
    if (column.kind === 'physical') return q(column.name);
    try {
      return `(${expandVirtual(column.name, scope)})`;
    } catch (e) {
      if (e instanceof ExpressionError) throw invalid('PLAN_INVALID', field, e.message);
      throw e;
    }
  };

  const metrics: Selected[] = plan.metrics.map((m, i) => {
    const field = `metrics[${i}].column`;
    const column = lookup(field, m.column);
    if (column.role !== 'metric') throw invalid('PLAN_INVALID', field, `${m.column} is a ${column.role}, not a metric`);
    return { expr: aggregate(expand(field, column), column, m.agg), alias: q(m.as ?? m.column) };
  });

  const dimensions: Selected[] = plan.dimensions.map((name, i) => {
    const field = `dimensions[${i}]`;
    const column = lookup(field, name);
    if (column.role === 'metric') throw invalid('PLAN_INVALID', field, `${name} is a metric and cannot be grouped by`);
    if (column.role === 'time') throw invalid('PLAN_INVALID', field, `${name} is the time column: use time.grain to group by time`);
    return { expr: expand(field, column), alias: q(name) };
  });

  const metricByName = new Map(plan.metrics.map((m, i) => [m.column, metrics[i]]));
  const where: Condition[] = [];
  const having: Condition[] = [];
  plan.filters.forEach((f, i) => {
    const field = `filters[${i}].column`;
    const column = lookup(field, f.column);
    if (column.role === 'metric') {
      const selected = metricByName.get(f.column);
      having.push({ column: selected ? selected.expr : aggregate(expand(field, column), column, undefined), op: f.op, value: f.value });
    } else {
      where.push({ column: expand(field, column), op: f.op, value: f.value });
    }
  });

  let time: RenderModel['time'];
  let span: DateSpan | undefined;
  let timeColumn: CatalogColumn | undefined;
  const grain = plan.time?.grain;
  if (plan.time) {
    timeColumn = lookup('time.column', plan.time.column);
    if (timeColumn.role !== 'time') throw invalid('PLAN_INVALID', 'time.column', `${plan.time.column} is not the view's time column`);
    if (grain === 'hour' && timeColumn.type !== 'timestamp') {
      throw invalid('PLAN_INVALID', 'time.grain', `${timeColumn.name} holds dates, so it cannot be grouped by hour`);
    }
    if (plan.time.range) {
      span = resolveTimeRange(plan.time.range, today, view.dataLatencyDays);
      time = { column: q(timeColumn.name), from: span.from, until: addDays(span.to, 1) };
    }
  }
  const timeAlias = q(timeColumn?.name ?? 'period');
  const bucketed = Boolean(grain);

  const outputColumns: RenderModel['outputColumns'] = [
    ...(grain && timeColumn ? [{ name: timeColumn.name, role: 'time' as const, type: grain === 'hour' ? 'timestamp' : 'date' }] : []),
    ...plan.dimensions.map((d) => ({ name: d, role: 'dimension' as const, type: catalog.column(view.name, d)!.type })),
    ...plan.metrics.map((m) => ({ name: m.as ?? m.column, role: 'metric' as const, type: 'decimal' })),
  ];

  const limit = plan.limit ?? DEFAULT_ROW_LIMIT;
  const base = { source: sourceName(view, q), time, timeAlias, bucketed, dimensions, metrics, where, limit, span };

  if (plan.compare.length === 0) {
    const select: Selected[] = [
      ...(grain && timeColumn ? [{ expr: dialect.bucket(grain, q(timeColumn.name)), alias: timeAlias }] : []),
      ...dimensions,
      ...metrics,
    ];
    const groupCount = (grain ? 1 : 0) + dimensions.length;
    return {
      ...base,
      shape: 'aggregate',
      select,
      having,
      groupBy: Array.from({ length: groupCount }, (_, i) => i + 1),
      orderBy: orderBy(plan, outputColumns, [...(grain ? [timeAlias] : []), ...dimensions.map((d) => d.alias)], q),
      periods: [],
      comparisons: [],
      outputColumns,
    };
  }

  if (!timeColumn || !time || !span) {
    throw invalid('PLAN_INVALID', 'compare', 'a period comparison needs a time column and a time range');
  }
  const current = { name: 'current', from: span.from, until: time.until, bucket: grain ? dialect.bucket(grain, time.column) : '' };
  const periods = [current];
  const comparisons: RenderModel['comparisons'] = [];
  for (const [i, c] of plan.compare.entries()) {
    if (comparisons.some((x) => x.period === c.kind)) throw invalid('PLAN_INVALID', `compare[${i}].kind`, `${c.kind} is asked twice`);
    const { unit } = COMPARISON_SHIFT[c.kind];
    const shifted = { from: shift(span.from, unit, -1), until: shift(time.until, unit, -1) };
    periods.push({
      name: c.kind,
      ...shifted,
      bucket: grain ? dialect.bucket(grain, dialect.addInterval(time.column, 1, unit)) : '',
    });
    const ref = `p_${c.kind}`;
    const output = c.output ?? 'ratio';
    const outputs: Selected[] = [];
    for (const m of plan.metrics) {
      const name = m.as ?? m.column;
      const cur = `cur.${q(name)}`;
      const prev = `${ref}.${q(name)}`;
      if (output !== 'diff') {
        outputs.push({ expr: `(${cur} - ${prev}) / NULLIF(CAST(${prev} AS DOUBLE), 0)`, alias: q(`${name}_${c.kind}`) });
        outputColumns.push({ name: `${name}_${c.kind}`, role: 'comparison', type: 'decimal' });
      }
      if (output !== 'ratio') {
        outputs.push({ expr: `${cur} - ${prev}`, alias: q(`${name}_${c.kind}_diff`) });
        outputColumns.push({ name: `${name}_${c.kind}_diff`, role: 'comparison', type: 'decimal' });
      }
    }
    comparisons.push({ period: c.kind, ref, outputs });
  }
  const earliest = periods.reduce((min, p) => (p.from < min ? p.from : min), span.from);
  const groupCount = 1 + (grain ? 1 : 0) + dimensions.length;
  return {
    ...base,
    shape: 'compare',
    time: { column: time.column, from: earliest, until: time.until },
    select: [],
    having: having.map((h) => ({ ...h, column: `cur.${metricAliasFor(h, metrics)}` })),
    groupBy: Array.from({ length: groupCount }, (_, i) => i + 1),
    orderBy: orderBy(plan, outputColumns, [...(grain ? [timeAlias] : []), ...dimensions.map((d) => d.alias)], q),
    periods,
    comparisons,
    outputColumns,
  };
}

function metricAliasFor(condition: Condition, metrics: Selected[]): string {
  const match = metrics.find((m) => m.expr === condition.column);
  if (!match) {
    throw invalid('PLAN_INVALID', 'filters', 'with a period comparison, a metric filter must name one of the plan metrics');
  }
  return match.alias;
}

function aggregate(expression: string, column: CatalogColumn, agg: Plan['metrics'][number]['agg']): string {
  if (column.kind === 'virtual') {
    if (agg) throw invalid('PLAN_INVALID', 'metrics', `${column.name} is computed by the catalog and takes no aggregation`);
    return expression;
  }
  switch (agg ?? column.agg ?? 'sum') {
    case 'count_distinct':
      return `count(DISTINCT ${expression})`;
    case 'count':
      return `count(${expression})`;
    case 'avg':
      return `avg(${expression})`;
    case 'min':
      return `min(${expression})`;
    case 'max':
      return `max(${expression})`;
    default:
      return `sum(${expression})`;
  }
}

function orderBy(
  plan: Plan,
  outputs: RenderModel['outputColumns'],
  defaults: string[],
  q: (s: string) => string,
): RenderModel['orderBy'] {
  if (plan.order.length === 0) return defaults.map((by) => ({ by, dir: 'ASC' as const }));
  return plan.order.map((o, i) => {
    if (!outputs.some((c) => c.name === o.by)) {
      throw invalid('PLAN_INVALID', `order[${i}].by`, `${o.by} is not a column of the answer (${outputs.map((c) => c.name).join(', ')})`);
    }
    return { by: q(o.by), dir: o.dir === 'desc' ? ('DESC' as const) : ('ASC' as const) };
  });
}

function sourceName(view: CatalogView, q: (s: string) => string): string {
  return view.source.split('.').map(q).join('.');
}

function invalid(code: 'UNKNOWN_COLUMN' | 'PLAN_INVALID', field: string, message: string): ChatbiError {
  return new ChatbiError(code, `plan.${field}: ${message}`, { field });
}
