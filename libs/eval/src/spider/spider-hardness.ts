import { WHERE_OPS, condUnits, connectives, isSql, type Condition, type SpiderSql } from './spider-sql';

export const HARDNESS_LEVELS = ['easy', 'medium', 'hard', 'extra'] as const;
export type Hardness = (typeof HARDNESS_LEVELS)[number];

const LIKE = WHERE_OPS.indexOf('like');

/**
 * Spider's hardness levels, from the counts the Spider paper defines:
 * - components 1: WHERE, GROUP BY, ORDER BY, LIMIT, each JOINed table, each OR, each LIKE;
 * - components 2: each EXCEPT / UNION / INTERSECT and each nested query in a condition;
 * - others: more than one aggregation, more than one selected column, more than one WHERE
 *   condition, more than one GROUP BY column.
 * easy: c1 <= 1, no others, no c2. medium: (others <= 2, c1 <= 1) or (c1 <= 2, others < 2), no c2.
 * hard: (others > 2, c1 <= 2) or (2 < c1 <= 3, others <= 2), no c2; or (c1 <= 1, no others,
 * exactly one c2). extra: the rest.
 */
export function spiderHardness(sql: SpiderSql): Hardness {
  const c1 = componentOneCount(sql);
  const c2 = componentTwoCount(sql);
  const others = othersCount(sql);
  if (c1 <= 1 && others === 0 && c2 === 0) return 'easy';
  if ((others <= 2 && c1 <= 1 && c2 === 0) || (c1 <= 2 && others < 2 && c2 === 0)) return 'medium';
  if ((others > 2 && c1 <= 2 && c2 === 0) || (c1 > 2 && c1 <= 3 && others <= 2 && c2 === 0) || (c1 <= 1 && others === 0 && c2 <= 1)) {
    return 'hard';
  }
  return 'extra';
}

export function componentOneCount(sql: SpiderSql): number {
  let n = 0;
  if (sql.where.length > 0) n++;
  if (sql.groupBy.length > 0) n++;
  if (sql.orderBy.length > 0) n++;
  if (sql.limit !== null) n++;
  if (sql.from.table_units.length > 0) n += sql.from.table_units.length - 1;
  const all = [sql.from.conds, sql.where, sql.having];
  n += all.flatMap(connectives).filter((c) => c === 'or').length;
  n += all.flatMap(condUnits).filter((c) => c[1] === LIKE).length;
  return n;
}

export function componentTwoCount(sql: SpiderSql): number {
  return nestedQueries(sql).length;
}

/** Queries nested in conditions (FROM ... ON, WHERE, HAVING) and the set-operation operands. */
export function nestedQueries(sql: SpiderSql): SpiderSql[] {
  const nested: SpiderSql[] = [];
  for (const c of [sql.from.conds, sql.where, sql.having].flatMap(condUnits)) {
    if (isSql(c[3])) nested.push(c[3]);
    if (isSql(c[4])) nested.push(c[4]);
  }
  for (const q of [sql.intersect, sql.except, sql.union]) if (q) nested.push(q);
  return nested;
}

/**
 * The "others" rules. The aggregation count follows the reference scorer's bookkeeping exactly:
 * it counts aggregated SELECT items, GROUP BY and ORDER BY columns, and, because it reads the
 * first field of every WHERE and HAVING entry as an aggregation id, each negated (NOT) condition
 * in WHERE or HAVING and each AND/OR connective in HAVING. Keeping that bookkeeping is what
 * makes the levels agree with published Spider results.
 */
export function othersCount(sql: SpiderSql): number {
  let aggregations = sql.select[1].filter(([agg]) => agg !== 0).length;
  aggregations += condUnits(sql.where).filter(([not]) => not).length;
  aggregations += sql.groupBy.filter(([agg]) => agg !== 0).length;
  if (sql.orderBy.length > 0) {
    for (const [, left, right] of sql.orderBy[1]!) {
      if (left[0] !== 0) aggregations++;
      if (right && right[0] !== 0) aggregations++;
    }
  }
  aggregations += havingEntriesReadAsAggregated(sql.having);
  let n = 0;
  if (aggregations > 1) n++;
  if (sql.select[1].length > 1) n++;
  if (sql.where.length > 1) n++;
  if (sql.groupBy.length > 1) n++;
  return n;
}

function havingEntriesReadAsAggregated(having: Condition): number {
  return having.filter((entry) => (Array.isArray(entry) ? entry[0] : true)).length;
}
