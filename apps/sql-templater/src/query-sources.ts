import { PathError, type Catalog, type CatalogView, type PathStep as CatalogPathStep } from '@chatbi/catalog';
import type { CatalogColumn } from '@chatbi/catalog';
import type { AttributeValue } from '@chatbi/contracts';
import type { SqlDialectRules } from './dialects/sql-dialect';
import { planFieldError } from './plan-field.error';
import type { FromModel, Join, PreAggregate, Source } from './render-model';
import { sourceOf } from './row-policy.builder';
import { ViewExpressions } from './view-expressions';

/** One step along a catalog relationship, with the views it joins. */
export interface PathStep extends Omit<CatalogPathStep, 'from' | 'to'> {
  from: CatalogView;
  to: CatalogView;
}

/** A plan's column reference resolved: the column, its view, and how the query reaches that view. */
export interface ResolvedColumn {
  column: CatalogColumn;
  view: CatalogView;
  steps: PathStep[];
  /** Some step can meet several rows: grouping or filtering by it would multiply the plan view's rows. */
  toMany: boolean;
  /** SQL for the columns of `view` as the query names them (qualified by its table alias when the query joins). */
  sql: ViewExpressions;
}

/**
 * The relations a query reads: the plan's view and the views its column references reach along
 * catalog relationships (`dest_airport.city`). Views reached by to-one steps are joined once per
 * path and named t1, t2...; a view reached by a to-many step is read only inside an EXISTS or a
 * per-key aggregate (pre-aggregated before the join), so no row of the plan's view is counted twice.
 * Only identifiers from the catalog reach the SQL, quoted for the dialect.
 */
export class QuerySources {
  readonly base: ResolvedColumn['sql'];
  private readonly joins = new Map<string, { alias: string; join: Join; sql: ViewExpressions }>();
  private next = 1;

  constructor(
    private readonly catalog: Catalog,
    readonly view: CatalogView,
    private readonly dialect: SqlDialectRules,
    /** Whether columns are qualified by table aliases (the query joins or has subqueries over other views). */
    readonly qualified: boolean,
    /** The asking user's attributes, bound into the row filters of the catalog's access rules. */
    private readonly attributes: Readonly<Record<string, AttributeValue>> = {},
  ) {
    this.base = new ViewExpressions(view, dialect, qualified ? 't0' : undefined);
  }

  /** Whether a plan with these column references needs table aliases (a filtered relation is a subquery, which needs one too). */
  static needsAliases(view: CatalogView, refs: readonly string[], extra: boolean): boolean {
    return extra || Boolean(view.rowPolicy) || refs.some((r) => r.includes('.'));
  }

  /** A view's relation with the row filters the asking user reads it through. */
  relation(view: CatalogView): Source {
    return sourceOf(view, this.dialect, this.attributes);
  }

  /** Resolves a column reference; a to-one path is joined into the query as it is first met. */
  resolve(field: string, ref: string, options: { join: boolean } = { join: true }): ResolvedColumn {
    const parts = ref.split('.');
    const columnName = parts.pop()!;
    const steps = this.walk(field, this.view, parts);
    const target = steps.length > 0 ? steps[steps.length - 1].to : this.view;
    const column = this.catalog.column(target.name, columnName);
    if (!column) {
      const where = steps.length > 0 ? `${target.name} (reached by ${parts.join('.')})` : target.name;
      throw planFieldError('UNKNOWN_COLUMN', field, `view ${where} has no column ${columnName}`);
    }
    const toMany = steps.some((s) => s.toMany);
    let sql = this.base;
    if (steps.length > 0 && !toMany && options.join) sql = this.joinPath(parts.join('.'), steps);
    else if (steps.length > 0) sql = new ViewExpressions(target, this.dialect, undefined);
    return { column, view: target, steps, toMany, sql };
  }

  /** The steps of a path of relationship names from a view. */
  walk(field: string, from: CatalogView, names: readonly string[]): PathStep[] {
    try {
      return this.catalog.walk(from.name, names).map((s) => ({ ...s, from: this.catalog.view(s.from)!, to: this.catalog.view(s.to)! }));
    } catch (error) {
      if (error instanceof PathError) throw planFieldError('UNKNOWN_COLUMN', field, error.message);
      throw error;
    }
  }

  /** A view aggregated per join key and joined on it: a to-many path's metrics. */
  preAggregate(path: string, step: PathStep, build: (sql: ViewExpressions, alias: string) => Omit<PreAggregate, 'relation' | 'alias' | 'keys'>): {
    alias: string;
  } {
    const key = `agg:${path}`;
    const existing = this.joins.get(key);
    if (existing) return { alias: existing.alias };
    const alias = `t${this.next++}`;
    const inner = `a${alias.slice(1)}`;
    const sql = new ViewExpressions(step.to, this.dialect, inner);
    const keys = step.keys.map(([, to], i) => ({ expr: sql.column(path, to), alias: this.dialect.quote(`__k${i}`) }));
    const aggregate: PreAggregate = { relation: this.relation(step.to), alias: inner, keys, ...build(sql, inner) };
    const on = step.keys.map(([fromColumn], i) => ({ left: `${alias}.${keys[i].alias}`, right: this.base.column(path, fromColumn) }));
    this.joins.set(key, { alias, join: { relation: null, aggregate, alias, on }, sql });
    return { alias };
  }

  from(): FromModel {
    return {
      relation: this.relation(this.view),
      alias: this.qualified ? 't0' : null,
      joins: [...this.joins.values()].map((j) => j.join),
    };
  }

  private joinPath(path: string, steps: PathStep[]): ViewExpressions {
    let sql = this.base;
    for (let i = 0; i < steps.length; i++) {
      const key = `join:${steps.slice(0, i + 1).map((s) => `${s.relationship.name}${s.forward ? '>' : '<'}`).join('.')}`;
      let entry = this.joins.get(key);
      if (!entry) {
        const step = steps[i];
        const alias = `t${this.next++}`;
        const next = new ViewExpressions(step.to, this.dialect, alias);
        const on = step.keys.map(([a, b]) => ({ left: sql.column(path, a), right: next.column(path, b) }));
        entry = { alias, join: { relation: this.relation(step.to), aggregate: null, alias, on }, sql: next };
        this.joins.set(key, entry);
      }
      sql = entry.sql;
    }
    return sql;
  }
}
