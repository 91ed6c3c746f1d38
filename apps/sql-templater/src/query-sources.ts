import type { Catalog, CatalogColumn, CatalogRelationship, CatalogView } from '@chatbi/catalog';
import type { SqlDialectRules } from './dialects/sql-dialect';
import { planFieldError } from './plan-field.error';
import type { FromModel, Join, PreAggregate } from './render-model';
import { ViewExpressions } from './view-expressions';

/** One step along a catalog relationship, from the view the path has reached. */
export interface PathStep {
  relationship: CatalogRelationship;
  /** Written from -> to (true), or walked back from `to` to `from`. */
  forward: boolean;
  from: CatalogView;
  to: CatalogView;
  /** The step can meet several rows of `to` for one row of `from`. */
  toMany: boolean;
  /** Key pairs as [column of `from`, column of `to`]. */
  keys: [CatalogColumn, CatalogColumn][];
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
  ) {
    this.base = new ViewExpressions(view, dialect, qualified ? 't0' : undefined);
  }

  /** Whether a plan with these column references needs table aliases. */
  static needsAliases(refs: readonly string[], extra: boolean): boolean {
    return extra || refs.some((r) => r.includes('.'));
  }

  relation(view: CatalogView): string {
    return view.source.split('.').map((part) => this.dialect.quote(part)).join('.');
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
    const steps: PathStep[] = [];
    let at = from;
    for (const name of names) {
      const step = this.step(field, at, name);
      steps.push(step);
      at = step.to;
    }
    return steps;
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

  private step(field: string, at: CatalogView, name: string): PathStep {
    const matches = this.catalog.relationships.filter(
      (r) => (r.from === at.name && r.name === name) || (r.to === at.name && (r.name === name || (r.from === name && r.from !== r.to))),
    );
    if (matches.length === 0) {
      const known = this.catalog
        .relationshipsOf(at.name)
        .map((r) => (r.from === at.name ? r.name : r.from))
        .join(', ');
      throw planFieldError('UNKNOWN_COLUMN', field, `${at.name} has no relationship named ${name} (${known ? `it has ${known}` : 'the catalog declares none for it'})`);
    }
    if (matches.length > 1) {
      throw planFieldError('PLAN_INVALID', field, `${name} names ${matches.length} relationships of ${at.name}; use one of their own names (${matches.map((r) => r.name).join(', ')})`);
    }
    const r = matches[0];
    const forward = r.from === at.name && r.name === name;
    const to = this.catalog.view(forward ? r.to : r.from)!;
    const fromView = at;
    const pairs: [CatalogColumn, CatalogColumn][] = r.keys.map((k) => {
      const a = this.catalog.column(r.from, k.from)!;
      const b = this.catalog.column(r.to, k.to)!;
      return forward ? [a, b] : [b, a];
    });
    const toMany = forward ? r.kind === 'one_to_many' : r.kind === 'many_to_one';
    return { relationship: r, forward, from: fromView, to, toMany, keys: pairs };
  }
}
