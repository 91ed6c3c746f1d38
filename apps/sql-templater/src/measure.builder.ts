import type { CatalogColumn } from '@chatbi/catalog';
import type { Aggregation, PlanAggregate, PlanFilter, PlanMetric } from '@chatbi/contracts';
import type { SqlDialectRules } from './dialects/sql-dialect';
import { coerceFilterValues, valueTypeOf } from './filter-value.coercer';
import { planFieldError } from './plan-field.error';
import type { QuerySources, ResolvedColumn } from './query-sources';
import { aggregateArgument, sqlText, type Condition, type MeasurePart } from './render-model';
import { effectiveAggregation } from './view-expressions';

/** Aggregations a column that is not a metric can take: counting its values, or its extremes. */
const NON_METRIC_AGGREGATIONS: ReadonlySet<Aggregation> = new Set(['count', 'count_distinct', 'min', 'max']);

/**
 * Builds the SQL pieces of a plan's metrics: an aggregate of a column of the plan's view or of a
 * view joined to it (with the plan's or the catalog's aggregation), over a subset of the rows when
 * the metric has `where`, divided by another aggregate when it has `over`, scaled by `scale`. A
 * metric of a view reached by a to-many relationship is aggregated per join key first.
 */
export class MeasureBuilder {
  constructor(
    private readonly sources: QuerySources,
    private readonly dialect: SqlDialectRules,
  ) {}

  /** The metric's pieces and the column it is about (for roles and roll-ups). */
  metric(field: string, m: PlanMetric): { parts: MeasurePart[]; column: CatalogColumn } {
    const numerator = this.aggregate(field, m);
    let parts = numerator.parts;
    if (m.over) {
      const denominator = this.aggregate(`${field}.over`, m.over);
      parts = [sqlText('('), ...parts, sqlText(`) ${this.dialect.realDivision} NULLIF(`), ...denominator.parts, sqlText(', 0)')];
    }
    if (m.scale !== undefined && m.scale !== 1) parts = [sqlText(`${m.scale} * `), ...parts];
    return { parts, column: numerator.column };
  }

  /** One aggregate: `column` with `agg` over the rows `where` keeps. */
  aggregate(field: string, a: PlanAggregate): { parts: MeasurePart[]; column: CatalogColumn } {
    const resolved = this.sources.resolve(`${field}.column`, a.column, { join: true });
    checkAggregation(field, resolved.column, a.agg);
    if (resolved.toMany) return { parts: this.viaPreAggregate(field, a, resolved), column: resolved.column };
    const conditions = (a.where ?? []).map((f, i) => this.condition(`${field}.where[${i}]`, f));
    return { parts: resolved.sql.measure(`${field}.column`, resolved.column, a.agg, conditions), column: resolved.column };
  }

  /** A filter as a row condition on a column the query reads (never one reached by a to-many step). */
  condition(field: string, f: PlanFilter): Condition {
    const resolved = this.sources.resolve(`${field}.column`, f.column);
    if (resolved.toMany) {
      throw planFieldError('PLAN_INVALID', `${field}.column`, `${f.column} is reached by a to-many relationship; use exists to ask for rows that have such related rows`);
    }
    return conditionOn(resolved, f, field);
  }

  /**
   * "singers with their total song sales": the related view is aggregated per key in a subquery
   * joined on the key, and the answer aggregates those per-key values, so that no row of the
   * plan's view is met twice.
   */
  private viaPreAggregate(field: string, a: PlanAggregate, resolved: ResolvedColumn): MeasurePart[] {
    if (resolved.steps.length !== 1) {
      throw planFieldError('PLAN_INVALID', `${field}.column`, `${a.column} is more than one relationship away over a to-many step; ask from a view nearer to it`);
    }
    const path = a.column.split('.').slice(0, -1).join('.');
    const fn = effectiveAggregation(resolved.column, a.agg);
    if (resolved.column.kind === 'virtual' && !/^\s*(?:count|sum)\s*\([^()]*(?:\([^()]*\))?[^()]*\)\s*$/i.test(resolved.column.expr ?? '')) {
      throw planFieldError('PLAN_INVALID', `${field}.column`, `${a.column} does not add up across ${path}'s rows; ask from ${resolved.view.name} instead`);
    }
    if (fn === 'count_distinct') {
      throw planFieldError('PLAN_INVALID', `${field}.agg`, `a distinct count across ${path}'s rows cannot be added up per row of ${this.sources.view.name}; ask from ${resolved.view.name} instead`);
    }
    const inside = (a.where ?? []).filter((f) => f.column.startsWith(`${path}.`));
    const outside = (a.where ?? []).filter((f) => !f.column.startsWith(`${path}.`));
    const index = this.preAggregates++;
    const value = (suffix: string) => this.dialect.quote(`__m${index}${suffix}`);
    const { alias } = this.sources.preAggregate(`${path}#${index}`, resolved.steps[0], (sql) => {
      const conditions = inside.map((f, i) => {
        const column = sql.view.columns.find((c) => c.name === f.column.slice(path.length + 1));
        if (!column) throw planFieldError('UNKNOWN_COLUMN', `${field}.where[${i}].column`, `${resolved.view.name} has no column ${f.column.slice(path.length + 1)}`);
        return conditionOn({ ...resolved, column, sql }, f, `${field}.where[${i}]`);
      });
      const inner = (agg: Aggregation | undefined) => sql.measure(`${field}.column`, resolved.column, agg, []);
      const measures =
        fn === 'avg'
          ? [
              { parts: inner('sum'), alias: value('s') },
              { parts: inner('count'), alias: value('c') },
            ]
          : [{ parts: resolved.column.kind === 'virtual' ? inner(undefined) : inner(a.agg), alias: value('') }];
      return { measures, where: conditions };
    });
    const outer = outside.map((f, i) => this.condition(`${field}.where[${i}]`, f));
    const arg = (name: string): MeasurePart => aggregateArgument(`${alias}.${name}`, outer);
    if (fn === 'avg') return [sqlText('sum('), arg(value('s')), sqlText(`) ${this.dialect.realDivision} NULLIF(sum(`), arg(value('c')), sqlText('), 0)')];
    const combine = fn === 'min' || fn === 'max' ? fn : 'sum';
    return [sqlText(`${combine}(`), arg(value('')), sqlText(')')];
  }

  private preAggregates = 0;
}

export function conditionOn(resolved: Pick<ResolvedColumn, 'column' | 'sql'>, f: PlanFilter, field: string): Condition {
  const type = valueTypeOf(resolved.column);
  return {
    expr: resolved.sql.column(`${field}.column`, resolved.column),
    op: f.op,
    values: coerceFilterValues(f, type, field, resolved.column.name),
    type,
  };
}

function checkAggregation(field: string, column: CatalogColumn, agg: Aggregation | undefined): void {
  if (column.role === 'metric') return;
  if (column.role === 'time' && (agg === 'min' || agg === 'max' || agg === 'count_distinct')) return;
  if (!agg || !NON_METRIC_AGGREGATIONS.has(agg)) {
    throw planFieldError(
      'PLAN_INVALID',
      `${field}.column`,
      `${column.name} is a ${column.role}, not a metric: it can be counted (agg count or count_distinct) or its extremes taken (min, max), or grouped by as a dimension`,
    );
  }
  if ((agg === 'min' || agg === 'max') && column.role === 'text') {
    throw planFieldError('PLAN_INVALID', `${field}.agg`, `${column.name} is free text; it can only be counted`);
  }
}

/** The SQL of a measure that binds no values (no subset conditions), e.g. for a hand-written baseline query. */
export function plainMeasureSql(parts: readonly MeasurePart[]): string {
  return parts
    .map((p) => {
      if (p.conditions.length > 0) throw new Error('this measure binds values; render it through the templates');
      return p.arg ?? p.text;
    })
    .join('');
}
