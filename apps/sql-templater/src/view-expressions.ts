import {
  ExpressionError,
  expandVirtual,
  expandVirtualPieces,
  tokenizeExpression,
  type CatalogColumn,
  type CatalogView,
  type ExpansionScope,
} from '@chatbi/catalog';
import type { Aggregation } from '@chatbi/contracts';
import type { SqlDialectRules } from './dialects/sql-dialect';
import { planFieldError } from './plan-field.error';
import { aggregateArgument, sqlText, type Condition, type MeasurePart } from './render-model';

const SUMMABLE: ReadonlySet<Aggregation> = new Set(['sum', 'count', 'count_distinct']);

type Scope = ExpansionScope & { expanded: Map<string, string> };

/**
 * SQL for one view's columns in one dialect: physical columns quoted by their warehouse names
 * (qualified by the view's table alias when the query joins), virtual columns expanded recursively
 * over them (a cycle or an unknown name is an error naming the plan field and the virtual column).
 */
export class ViewExpressions {
  private static readonly scopes = new WeakMap<CatalogView, Map<string, Scope>>();
  private readonly scope: Scope;

  constructor(
    readonly view: CatalogView,
    dialect: SqlDialectRules,
    /** The table alias of the view in a query that joins, e.g. t0; none when the view is read alone. */
    readonly tableAlias?: string,
  ) {
    this.scope = ViewExpressions.scopeFor(view, dialect, tableAlias);
  }

  /** The column as a row-level (physical) or aggregate-level (virtual metric) expression. */
  column(field: string, column: CatalogColumn): string {
    if (column.kind === 'physical') return this.scope.quote(column.name);
    const known = this.scope.expanded.get(column.name);
    if (known !== undefined) return known;
    const expanded = `(${this.expanding(field, column, () => expandVirtual(column.name, this.scope))})`;
    this.scope.expanded.set(column.name, expanded);
    return expanded;
  }

  /**
   * A column aggregated, as pieces a template writes in order: a physical column with the plan's or
   * the catalog's aggregation, a virtual metric as the catalog writes it. With conditions (a
   * subset: "iOS plays"), the argument of every aggregate call is read only for rows that meet them.
   */
  measure(field: string, column: CatalogColumn, agg: Aggregation | undefined, conditions: Condition[] = []): MeasurePart[] {
    if (column.kind === 'virtual' && column.role === 'metric') {
      if (agg) throw planFieldError('PLAN_INVALID', field.replace(/\.column$/, '.agg'), `${column.name} is computed by the catalog and takes no aggregation`);
      if (conditions.length === 0) return [sqlText(this.column(field, column))];
      const pieces = this.expanding(field, column, () => expandVirtualPieces(column.name, this.scope));
      return [sqlText('('), ...pieces.map((p) => ('arg' in p ? aggregateArgument(p.arg, conditions) : sqlText(p.text))), sqlText(')')];
    }
    const expression = this.column(field, column);
    const fn = effectiveAggregation(column, agg);
    const open = fn === 'count_distinct' ? 'count(DISTINCT ' : `${fn}(`;
    if (conditions.length === 0) return [sqlText(`${open}${expression})`)];
    return [sqlText(open), aggregateArgument(expression, conditions), sqlText(')')];
  }

  /** Whether a share of the total means something for this metric: sums and counts do, averages and extremes do not. */
  summable(column: CatalogColumn, agg: Aggregation | undefined): boolean {
    return column.kind === 'virtual' || SUMMABLE.has(effectiveAggregation(column, agg));
  }

  private expanding<T>(field: string, column: CatalogColumn, expand: () => T): T {
    try {
      return expand();
    } catch (error) {
      if (error instanceof ExpressionError) throw planFieldError('PLAN_INVALID', field, `${column.name}: ${error.message}`);
      throw error;
    }
  }

  /** Per view, dialect and table alias, kept as long as the view (a catalog reload makes new views). */
  private static scopeFor(view: CatalogView, dialect: SqlDialectRules, tableAlias: string | undefined): Scope {
    let byKey = this.scopes.get(view);
    if (!byKey) this.scopes.set(view, (byKey = new Map()));
    const key = `${dialect.name}\u0000${tableAlias ?? ''}`;
    let scope = byKey.get(key);
    if (!scope) {
      const virtual = new Map<string, string>();
      for (const c of view.columns) {
        if (c.kind === 'virtual') virtual.set(c.name, withRealDivision(c.expr!, dialect.realDivision));
      }
      const sources = new Map(view.columns.filter((c) => c.kind === 'physical').map((c) => [c.name, c.source]));
      const prefix = tableAlias ? `${tableAlias}.` : '';
      scope = {
        virtual,
        physical: new Set(sources.keys()),
        quote: (name) => `${prefix}${dialect.quote(sources.get(name) ?? name)}`,
        expanded: new Map(),
      };
      byKey.set(key, scope);
    }
    return scope;
  }
}

export function effectiveAggregation(column: CatalogColumn, agg: Aggregation | undefined): Aggregation {
  return agg ?? column.agg ?? (column.role === 'metric' ? 'sum' : 'count');
}

/** Rewrites each `/` operator of a catalog expression (not those inside string literals). */
function withRealDivision(expr: string, division: string): string {
  if (division === '/') return expr;
  let tokens;
  try {
    tokens = tokenizeExpression(expr);
  } catch {
    return expr; // expandVirtual reports the problem, naming the column
  }
  return tokens.map((t) => (t.kind === 'other' && t.text === '/' ? ` ${division} ` : t.text)).join('');
}
