import { ExpressionError, expandVirtual, tokenizeExpression, type CatalogColumn, type CatalogView, type ExpansionScope } from '@chatbi/catalog';
import type { Aggregation } from '@chatbi/contracts';
import type { SqlDialectRules } from './dialects/sql-dialect';
import { planFieldError } from './plan-field.error';

const SUMMABLE: ReadonlySet<Aggregation> = new Set(['sum', 'count', 'count_distinct']);

/**
 * SQL for one view's columns in one dialect: physical columns quoted, virtual columns expanded
 * recursively over quoted physical columns (a cycle or an unknown name is an error naming the
 * plan field and the virtual column).
 */
export class ViewExpressions {
  private static readonly scopes = new WeakMap<CatalogView, Map<string, ExpansionScope & { expanded: Map<string, string> }>>();
  private readonly scope: ExpansionScope & { expanded: Map<string, string> };

  constructor(
    readonly view: CatalogView,
    private readonly dialect: SqlDialectRules,
  ) {
    this.scope = ViewExpressions.scopeFor(view, dialect);
  }

  /** The column as a row-level (physical) or aggregate-level (virtual metric) expression. */
  column(field: string, column: CatalogColumn): string {
    if (column.kind === 'physical') return this.dialect.quote(column.source);
    const known = this.scope.expanded.get(column.name);
    if (known !== undefined) return known;
    try {
      const expanded = `(${expandVirtual(column.name, this.scope)})`;
      this.scope.expanded.set(column.name, expanded);
      return expanded;
    } catch (error) {
      if (error instanceof ExpressionError) throw planFieldError('PLAN_INVALID', field, `${column.name}: ${error.message}`);
      throw error;
    }
  }

  /** A metric aggregated: a physical metric with the plan's or the catalog's aggregation, a virtual one as the catalog writes it. */
  aggregate(field: string, column: CatalogColumn, agg: Aggregation | undefined): string {
    const expression = this.column(field, column);
    if (column.kind === 'virtual') {
      if (agg) throw planFieldError('PLAN_INVALID', field.replace(/\.column$/, '.agg'), `${column.name} is computed by the catalog and takes no aggregation`);
      return expression;
    }
    switch (effectiveAggregation(column, agg)) {
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
      case 'sum':
        return `sum(${expression})`;
    }
  }

  /** Whether a share of the total means something for this metric: sums and counts do, averages and extremes do not. */
  summable(column: CatalogColumn, agg: Aggregation | undefined): boolean {
    return column.kind === 'virtual' || SUMMABLE.has(effectiveAggregation(column, agg));
  }

  /** Per view and dialect, kept as long as the view (a catalog reload makes new views). */
  private static scopeFor(view: CatalogView, dialect: SqlDialectRules): ExpansionScope & { expanded: Map<string, string> } {
    let byDialect = this.scopes.get(view);
    if (!byDialect) this.scopes.set(view, (byDialect = new Map()));
    let scope = byDialect.get(dialect.name);
    if (!scope) {
      const virtual = new Map<string, string>();
      for (const c of view.columns) {
        if (c.kind === 'virtual') virtual.set(c.name, withRealDivision(c.expr!, dialect.realDivision));
      }
      const sources = new Map(view.columns.filter((c) => c.kind === 'physical').map((c) => [c.name, c.source]));
      scope = {
        virtual,
        physical: new Set(sources.keys()),
        quote: (name) => dialect.quote(sources.get(name) ?? name),
        expanded: new Map(),
      };
      byDialect.set(dialect.name, scope);
    }
    return scope;
  }
}

export function effectiveAggregation(column: CatalogColumn, agg: Aggregation | undefined): Aggregation {
  return agg ?? column.agg ?? 'sum';
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
