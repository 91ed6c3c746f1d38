/**
 * The parsed form of a query in the Spider subset of SQL, in the shape Spider publishes in its
 * dev.json ("sql" field): tuples of ids, so that two parses compare by structure. Column ids are
 * "__table.column__", tables "__table__", "*" is "__all__".
 */

export const AGG_OPS = ['none', 'max', 'min', 'count', 'sum', 'avg'] as const;
export const UNIT_OPS = ['none', '-', '+', '*', '/'] as const;
export const WHERE_OPS = ['not', 'between', '=', '>', '<', '>=', '<=', '!=', 'in', 'like', 'is', 'exists'] as const;
export const SET_OPS = ['intersect', 'union', 'except'] as const;

export type SetOp = (typeof SET_OPS)[number];

/** [aggregation id, column id, distinct]; distinct is null once the scorer has dropped it. */
export type ColUnit = [agg: number, column: string, distinct: boolean | null];
/** [arithmetic operator id, left column, right column or null]. */
export type ValUnit = [op: number, left: ColUnit, right: ColUnit | null];
/** A literal (quoted string as written, or number), a nested query, a column, or null once dropped. */
export type SqlValue = string | number | SpiderSql | ColUnit | null;
/** [negated, operator id, left side, first value, second value (between only)]. */
export type CondUnit = [not: boolean, op: number, left: ValUnit, first: SqlValue, second: SqlValue];
/** Condition units with the connectives between them: [cond, 'and', cond, 'or', cond]. */
export type Condition = (CondUnit | 'and' | 'or')[];
export type TableUnit = ['table_unit', string] | ['sql', SpiderSql];

export interface SpiderSql {
  select: [distinct: boolean | null, items: [agg: number, value: ValUnit][]];
  from: { table_units: TableUnit[]; conds: Condition };
  where: Condition;
  groupBy: ColUnit[];
  having: Condition;
  /** [] without ORDER BY; one direction for the whole clause, as Spider keeps it. */
  orderBy: [] | [direction: 'asc' | 'desc', items: ValUnit[]];
  limit: number | null;
  intersect: SpiderSql | null;
  union: SpiderSql | null;
  except: SpiderSql | null;
}

/** The query Spider scores a prediction as when the prediction cannot be parsed. */
export function emptySql(): SpiderSql {
  return {
    select: [false, []],
    from: { table_units: [], conds: [] },
    where: [],
    groupBy: [],
    having: [],
    orderBy: [],
    limit: null,
    intersect: null,
    union: null,
    except: null,
  };
}

export function isSql(value: unknown): value is SpiderSql {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && 'select' in value;
}

export function condUnits(condition: Condition): CondUnit[] {
  return condition.filter((c): c is CondUnit => Array.isArray(c));
}

export function connectives(condition: Condition): ('and' | 'or')[] {
  return condition.filter((c): c is 'and' | 'or' => c === 'and' || c === 'or');
}
