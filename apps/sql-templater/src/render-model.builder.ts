import type { Catalog, CatalogColumn, CatalogView } from '@chatbi/catalog';
import { addDays, resolveTimeRange, type AttributeValue, type DateSpan, type Grain, type Plan, type PlanMetric } from '@chatbi/contracts';
import { planComparisons } from './comparison.planner';
import type { SqlDialectRules } from './dialects/sql-dialect';
import { buildExists } from './exists.builder';
import { buildListModel } from './list-model.builder';
import { MeasureBuilder, conditionOn } from './measure.builder';
import { planFieldError } from './plan-field.error';
import { QuerySources } from './query-sources';
import { sqlText, type Condition, type Measure, type OrderKey, type Output, type OutputColumn, type RenderModel, type Rollup, type Share, type TimeModel } from './render-model';
import { foldTimeFilters, type IndexedFilter } from './time-filter.folder';

export const DEFAULT_ROW_LIMIT = 10_000;

const GRAIN_ORDER: readonly Grain[] = ['hour', 'day', 'week', 'month', 'quarter', 'year'];

/**
 * Checks a plan against its view and turns it into a RenderModel. Every identifier comes from the
 * catalog, every value is checked against its column's type; a plan naming anything else is
 * rejected here, before any SQL exists, with an error naming the plan field. The catalog is the one
 * the asking user sees (CatalogRegistry.for): columns hidden from them are unknown here, and every
 * relation the query reads carries their row filters, with `attributes` bound into them.
 */
export function buildRenderModel(
  plan: Plan,
  catalog: Catalog,
  dialect: SqlDialectRules,
  today: string,
  attributes: Readonly<Record<string, AttributeValue>> = {},
): RenderModel {
  const view = catalog.view(plan.view);
  if (!view) throw planFieldError('UNKNOWN_COLUMN', 'view', `the catalog has no view named ${plan.view}`);
  const q = dialect.quote;
  const sources = new QuerySources(catalog, view, dialect, QuerySources.needsAliases(view, columnRefs(plan), (plan.exists?.length ?? 0) > 0), attributes);
  const measures = new MeasureBuilder(sources, dialect);
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
    timeColumn = catalog.column(view.name, plan.time.column);
    if (!timeColumn) throw planFieldError('UNKNOWN_COLUMN', 'time.column', `view ${view.name} has no column ${plan.time.column}`);
    if (timeColumn.role !== 'time') {
      throw planFieldError('PLAN_INVALID', 'time.column', `${plan.time.column} is a ${timeColumn.role}, not the time column of ${view.name}`);
    }
    if (grain && !dialect.grains.includes(grain)) {
      throw planFieldError('PLAN_INVALID', 'time.grain', `the ${dialect.name} dialect cannot group time by ${grain} (it can by ${dialect.grains.join(', ')})`);
    }
    if (grain === 'hour' && timeColumn.type !== 'timestamp') {
      throw planFieldError('PLAN_INVALID', 'time.grain', `${timeColumn.name} holds dates, so it cannot be grouped by hour`);
    }
    if (grain && !plan.rows) claimName(timeColumn.name, 'time.column');
  }

  // Filters: columns in WHERE, metrics as conditions on the aggregates, the time column by rule.
  const where: Condition[] = [];
  const metricFilters: { condition: Condition; metric: number; column: string; field: string }[] = [];
  const timeFilters: IndexedFilter[] = [];
  plan.filters.forEach((f, i) => {
    const field = `filters[${i}]`;
    const resolved = sources.resolve(`${field}.column`, f.column);
    if (resolved.toMany) {
      throw planFieldError('PLAN_INVALID', `${field}.column`, `${f.column} is reached by a to-many relationship; use exists to ask for rows that have such related rows`);
    }
    if (resolved.column.role === 'metric' && !plan.rows) {
      const condition = conditionOn(resolved, f, field);
      metricFilters.push({ condition, metric: plan.metrics.findIndex((m) => m.column === f.column && !m.where && !m.over && !m.agg), column: f.column, field });
    } else if (timeColumn && resolved.view === view && resolved.column.name === timeColumn.name && plan.compare.length > 0) {
      timeFilters.push({ filter: f, index: i });
    } else {
      where.push(conditionOn(resolved, f, field));
    }
  });
  const exists = (plan.exists ?? []).map((e, i) => buildExists(`exists[${i}]`, e, sources, catalog, dialect));

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
        column: sources.base.column('time.column', timeColumn),
        type: timeColumn.type === 'timestamp' ? 'timestamp' : 'date',
        grain,
        window: span ? { from: span.from, until: addDays(span.to, 1) } : null,
      }
    : { column: null, type: null, grain: null, window: null };
  const timeAlias = q(timeColumn?.name ?? 'period');
  const base = {
    rowKeys: null,
    rowKey: null,
    texts: [],
    time,
    timeAlias,
    where,
    exists,
    limit: plan.limit ?? DEFAULT_ROW_LIMIT,
    span,
  };

  if (plan.rows) return buildListModel(plan, plan.rows, sources, dialect, base);

  const dimensions: Output[] = plan.dimensions.map((ref, i) => {
    const field = `dimensions[${i}]`;
    const resolved = sources.resolve(field, ref);
    const column = resolved.column;
    if (resolved.toMany) throw planFieldError('PLAN_INVALID', field, `${ref} is reached by a to-many relationship, so grouping by it would count ${view.name}'s rows more than once; ask from ${resolved.view.name}`);
    if (column.role === 'metric') throw planFieldError('PLAN_INVALID', field, `${ref} is a metric and cannot be grouped by`);
    if (column.role === 'time' && resolved.view === view) throw planFieldError('PLAN_INVALID', field, `${ref} is the time column: use time.grain to group by time`);
    const name = outputName(ref, outputNames);
    claimName(name, field);
    return { expr: resolved.sql.column(field, column), alias: q(name) };
  });

  // Metrics: those computed per day first (explicit `per`, or a catalog time_rollup over a longer bucket) go to roll-ups.
  const metrics: Measure[] = [];
  const rollups: Rollup[] = [];
  const metricAliases: string[] = [];
  const metricColumns: CatalogColumn[] = [];
  // Whether each metric's values add up across rows (sums and counts, not rolled up per bucket first).
  const additive: boolean[] = [];
  plan.metrics.forEach((m, i) => {
    const field = `metrics[${i}]`;
    const built = measures.metric(field, m);
    const name = m.as ?? defaultMetricName(m, built.column, plan.metrics);
    claimName(name, m.as ? `${field}.as` : `${field}.column`);
    const measure: Measure = { parts: built.parts, alias: q(name) };
    metricAliases.push(measure.alias);
    metricColumns.push(built.column);
    const per = m.per ?? implicitRollup(m, built.column, grain, span, view);
    additive.push(!per && sources.base.summable(built.column, m.agg));
    if (!per) {
      metrics.push(measure);
      return;
    }
    if (!timeColumn) throw planFieldError('PLAN_INVALID', `${field}.per`, `${view.name} has no time column to compute ${name} per ${per.grain}`);
    if (grain && GRAIN_ORDER.indexOf(grain) <= GRAIN_ORDER.indexOf(per.grain)) {
      // Already one value per bucket of that grain (or finer): nothing to roll up.
      metrics.push(measure);
      return;
    }
    let rollup = rollups.find((r) => r.grain === per.grain);
    if (!rollup) rollups.push((rollup = { name: `rolled_${rollups.length}`, ref: `r${rollups.length}`, grain: per.grain, metrics: [] }));
    rollup.metrics.push({ ...measure, agg: per.agg });
  });

  const shares: Share[] = [];
  const shareColumns: OutputColumn[] = [];
  plan.metrics.forEach((m, i) => {
    if (!m.share) return;
    const field = `metrics[${i}].share`;
    if (plan.dimensions.length === 0) throw planFieldError('PLAN_INVALID', field, 'a share of the total needs dimensions to split the total by');
    const measure = metrics.find((x) => x.alias === metricAliases[i]);
    if (!measure) throw planFieldError('PLAN_INVALID', field, 'a share of the total cannot be taken of a metric computed per day first');
    if (m.over || (!sources.base.summable(metricColumns[i], m.agg) && metricColumns[i].role === 'metric')) {
      throw planFieldError('PLAN_INVALID', field, `a share of the total needs a metric that adds up (a sum or a count), not ${m.agg ?? metricColumns[i].agg}`);
    }
    const name = `${unquote(metricAliases[i])}_share`;
    claimName(name, field);
    shares.push({ metric: measure.alias, parts: measure.parts, alias: q(name) });
    shareColumns.push({ name, alias: q(name), role: 'comparison', type: 'decimal' });
  });

  const outputColumns: OutputColumn[] = [
    ...(grain && timeColumn ? [{ name: timeColumn.name, alias: timeAlias, role: 'time' as const, type: grain === 'hour' ? 'timestamp' : 'date' }] : []),
    ...plan.dimensions.map((d, i) => ({ name: unquote(dimensions[i].alias), alias: dimensions[i].alias, role: 'dimension' as const, type: sources.resolve(`dimensions[${i}]`, d).column.type })),
    ...metricAliases.map((alias, i) => ({ name: unquote(alias), alias, role: 'metric' as const, type: 'decimal', additive: additive[i] })),
  ];
  const groupKeys: OrderKey[] = [
    ...(grain ? [{ by: timeAlias, dir: 'ASC' as const, text: false }] : []),
    ...dimensions.map((d) => ({ by: d.alias, dir: 'ASC' as const, text: outputColumns.find((c) => c.alias === d.alias)?.type === 'string' })),
  ];
  const common = { ...base, from: sources.from(), dimensions, metrics, rollups, shares, list: null };

  // Conditions on aggregates: a metric of the answer by its name, or an aggregate only they need (hidden).
  const hidden: Measure[] = [];
  const compared = plan.compare.length > 0;
  const havingOn = (alias: string) => `${compared ? 'cur' : 'answer'}.${alias}`;
  const having: Condition[] = metricFilters.map((f) => {
    if (f.metric >= 0) return { ...f.condition, expr: havingOn(metricAliases[f.metric]) };
    const alias = q(`__having_${hidden.length}`);
    hidden.push({ parts: measures.aggregate(f.field, { column: f.column }).parts, alias });
    return { ...f.condition, expr: havingOn(alias) };
  });
  (plan.having ?? []).forEach((h, i) => {
    const field = `having[${i}]`;
    let alias: string;
    if (typeof h.metric === 'string') {
      const name = h.metric;
      const at = metricAliases.findIndex((a) => unquote(a) === name);
      if (at < 0) throw planFieldError('PLAN_INVALID', `${field}.metric`, `${name} is not a metric of the plan (${metricAliases.map(unquote).join(', ') || 'it has none'})`);
      alias = metricAliases[at];
    } else {
      alias = q(`__having_${hidden.length}`);
      hidden.push({ parts: measures.aggregate(`${field}.metric`, h.metric).parts, alias });
    }
    having.push({ expr: havingOn(alias), op: h.op, values: [h.value], type: 'number' });
  });
  // Roll-ups join the aggregate on its groups; with no other metric, the groups need a column to exist.
  if (!compared && rollups.length > 0 && metrics.length === 0 && hidden.length === 0 && !grain && dimensions.length === 0) {
    hidden.push({ parts: [sqlText('count(*)')], alias: q('__rows') });
  }

  if (!compared) {
    outputColumns.push(...shareColumns);
    return {
      ...common,
      shape: 'aggregate',
      hidden,
      having,
      order: orderKeys(plan, outputColumns, groupKeys),
      compare: null,
      outputColumns,
    };
  }

  // Metrics computed per day first are compared when every metric of the plan is (each scan rolls its days up).
  const rolled = rollups[0];
  if (rollups.length > 1 || (rolled && (metrics.length > 0 || hidden.length > 0))) {
    throw planFieldError('PLAN_INVALID', 'compare', 'metrics computed per day first can be compared period over period only without other metrics; ask for them apart');
  }
  const { model: comparisons, outputColumns: comparisonColumns } = planComparisons({
    compare: plan.compare,
    span: span!,
    range: timeFilters.length === 0 ? (plan.time?.range ?? null) : null,
    grain,
    metricNames: metricAliases.map(unquote),
    quote: q,
    claimName,
  });
  outputColumns.push(...comparisonColumns, ...shareColumns);
  const compare = { ...comparisons, rolled: rolled?.grain ?? null };
  return {
    ...common,
    ...(rolled ? { metrics: rolled.metrics, rollups: [] } : {}),
    shape: 'compare',
    hidden,
    having,
    order: orderKeys(plan, outputColumns, groupKeys),
    compare,
    outputColumns,
  };
}

/**
 * A catalog metric counted per day (DAU, time_rollup: avg) asked over a longer bucket, or over a
 * whole range of more than one day, answers the average of its daily values.
 */
function implicitRollup(m: PlanMetric, column: CatalogColumn, grain: Grain | null, span: DateSpan | null, view: CatalogView): PlanMetric['per'] {
  if (column.timeRollup !== 'avg' || m.agg || m.over || !view.columns.some((c) => c.role === 'time')) return undefined;
  if (grain === 'hour' || grain === 'day') return undefined;
  if (!grain && span && span.from === span.to) return undefined;
  return { grain: 'day', agg: 'avg' };
}

function defaultMetricName(m: PlanMetric, column: CatalogColumn, all: readonly PlanMetric[]): string {
  const last = (ref: string) => ref.split('.').pop()!;
  const plain = (a: { column: string; agg?: string }, c?: CatalogColumn) => {
    const name = last(a.column);
    if (!a.agg || (c && a.agg === c.agg)) return name;
    return `${a.agg}_${name}`;
  };
  let name = plain(m, column);
  if (m.over) name = last(m.over.column) === last(m.column) ? `${name}_share` : `${name}_per_${last(m.over.column)}`;
  else if (m.where && all.some((o) => o !== m && o.column === m.column)) name = `${name}_subset`;
  if (m.scale === 100) name = `${name}_pct`;
  return name;
}

/** A dimension's answer name: its key, or path_key when another output already has the key. */
function outputName(ref: string, taken: ReadonlyMap<string, string>): string {
  const last = ref.split('.').pop()!;
  return taken.has(last) ? ref.replace(/\./g, '_') : last;
}

/** Every column reference of a plan, to know whether the query joins. */
export function columnRefs(plan: Plan): string[] {
  const refs: string[] = [...plan.dimensions, ...plan.filters.map((f) => f.column), ...(plan.rows?.columns ?? []), ...plan.order.map((o) => o.by)];
  for (const m of plan.metrics) {
    refs.push(m.column, ...(m.where ?? []).map((f) => f.column));
    if (m.over) refs.push(m.over.column, ...(m.over.where ?? []).map((f) => f.column));
  }
  for (const h of plan.having ?? []) if (typeof h.metric !== 'string') refs.push(h.metric.column);
  return refs;
}

function unquote(alias: string): string {
  const quote = alias[0];
  return alias.slice(1, -1).split(`${quote}${quote}`).join(quote);
}

/**
 * The plan's order, then the time bucket and dimensions as tie-breakers, so that top-N answers
 * are the same rows on every engine.
 */
function orderKeys(plan: Plan, outputs: OutputColumn[], groupKeys: OrderKey[]): OrderKey[] {
  const keys: OrderKey[] = plan.order.map((o, i) => {
    const column = outputs.find((c) => c.name === o.by) ?? outputs.find((c) => c.name === o.by.split('.').pop());
    if (!column) {
      throw planFieldError('PLAN_INVALID', `order[${i}].by`, `${o.by} is not a column of the answer (${outputs.map((c) => c.name).join(', ')})`);
    }
    return { by: column.alias, dir: o.dir === 'desc' ? 'DESC' : 'ASC', text: column.role === 'dimension' && column.type === 'string' };
  });
  for (const key of groupKeys) if (!keys.some((k) => k.by === key.by)) keys.push({ ...key, dir: 'ASC' });
  return keys;
}
