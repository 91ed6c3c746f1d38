import { WHERE_OPS, condUnits, connectives, type SpiderSql } from './spider-sql';

export const COMPONENTS = [
  'select',
  'select(no AGG)',
  'where',
  'where(no OP)',
  'group(no Having)',
  'group',
  'order',
  'and/or',
  'IUEN',
  'keywords',
] as const;
export type Component = (typeof COMPONENTS)[number];

export interface ComponentScore {
  /** Items of the component in the gold and in the prediction, and how many of them match. */
  goldTotal: number;
  predTotal: number;
  matched: number;
  /** Spider scores a component all or nothing: 1 when both sides have the same items. */
  f1: 0 | 1;
}

export type ComponentScores = Record<Component, ComponentScore>;

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/** Matches each of pred's items to an equal, not yet matched item of gold; returns the count. */
function multisetMatches<T>(pred: T[], gold: T[]): number {
  const left = gold.map((g) => JSON.stringify(g));
  let n = 0;
  for (const p of pred) {
    const at = left.indexOf(JSON.stringify(p));
    if (at >= 0) {
      n++;
      left.splice(at, 1);
    }
  }
  return n;
}

function score(goldTotal: number, predTotal: number, matched: number): ComponentScore {
  const f1 = goldTotal === predTotal && matched === predTotal ? 1 : 0;
  return { goldTotal, predTotal, matched, f1 };
}

/**
 * Component matching on queries already normalised (normalizeForMatching): SELECT items with and
 * without their aggregation, WHERE conditions with and without operator and value, GROUP BY
 * columns, GROUP BY with HAVING, ORDER BY with LIMIT, the set of AND/OR connectives, set
 * operations (scored by exact match, recursively) and the set of SQL keywords.
 */
export function componentScores(pred: SpiderSql, gold: SpiderSql): ComponentScores {
  const predSelect = pred.select[1];
  const goldSelect = gold.select[1];
  const predWhere = condUnits(pred.where);
  const goldWhere = condUnits(gold.where);
  const columnName = (id: string) => (id.includes('.') ? id.split('.')[1] : id);
  const predGroup = pred.groupBy.map((u) => columnName(u[1]));
  const goldGroup = gold.groupBy.map((u) => columnName(u[1]));

  const predHasGroup = pred.groupBy.length > 0 ? 1 : 0;
  const goldHasGroup = gold.groupBy.length > 0 ? 1 : 0;
  const havingMatch =
    predHasGroup === 1 && goldHasGroup === 1 && same(pred.groupBy.map((u) => u[1]), gold.groupBy.map((u) => u[1])) && same(pred.having, gold.having);

  const predHasOrder = pred.orderBy.length > 0 ? 1 : 0;
  const goldHasOrder = gold.orderBy.length > 0 ? 1 : 0;
  const orderMatch = goldHasOrder === 1 && same(pred.orderBy, gold.orderBy) && (pred.limit === null) === (gold.limit === null);

  const predAndOr = new Set(connectives(pred.where));
  const goldAndOr = new Set(connectives(gold.where));
  const andOr = same([...predAndOr].sort(), [...goldAndOr].sort()) ? score(1, 1, 1) : score(predAndOr.size, goldAndOr.size, 0);

  const predKeywords = sqlKeywords(pred);
  const goldKeywords = sqlKeywords(gold);

  return {
    select: score(goldSelect.length, predSelect.length, multisetMatches(predSelect, goldSelect)),
    'select(no AGG)': score(goldSelect.length, predSelect.length, multisetMatches(predSelect.map((s) => s[1]), goldSelect.map((s) => s[1]))),
    where: score(goldWhere.length, predWhere.length, multisetMatches(predWhere, goldWhere)),
    'where(no OP)': score(goldWhere.length, predWhere.length, multisetMatches(predWhere.map((c) => c[2]), goldWhere.map((c) => c[2]))),
    'group(no Having)': score(goldGroup.length, predGroup.length, multisetMatches(predGroup, goldGroup)),
    group: score(goldHasGroup, predHasGroup, havingMatch ? 1 : 0),
    order: score(goldHasOrder, predHasOrder, orderMatch ? 1 : 0),
    'and/or': andOr,
    IUEN: setOperationScore(pred, gold),
    keywords: score(goldKeywords.size, predKeywords.size, [...predKeywords].filter((k) => goldKeywords.has(k)).length),
  };
}

function setOperationScore(pred: SpiderSql, gold: SpiderSql): ComponentScore {
  let goldTotal = 0;
  let predTotal = 0;
  let matched = 0;
  for (const op of ['intersect', 'except', 'union'] as const) {
    const p = pred[op];
    const g = gold[op];
    if (p) predTotal++;
    if (g) goldTotal++;
    if (p && g && exactSetMatch(p, g)) matched++;
  }
  return score(goldTotal, predTotal, matched);
}

/** where, group, having, order, asc/desc, limit, except, union, intersect, or, not, in, like. */
export function sqlKeywords(sql: SpiderSql): Set<string> {
  const out = new Set<string>();
  if (sql.where.length > 0) out.add('where');
  if (sql.groupBy.length > 0) out.add('group');
  if (sql.having.length > 0) out.add('having');
  if (sql.orderBy.length > 0) {
    out.add(sql.orderBy[0]!);
    out.add('order');
  }
  if (sql.limit !== null) out.add('limit');
  if (sql.except) out.add('except');
  if (sql.union) out.add('union');
  if (sql.intersect) out.add('intersect');
  const conditions = [sql.from.conds, sql.where, sql.having];
  if (conditions.flatMap(connectives).includes('or')) out.add('or');
  const units = conditions.flatMap(condUnits);
  if (units.some((c) => c[0])) out.add('not');
  if (units.some((c) => c[1] === WHERE_OPS.indexOf('in'))) out.add('in');
  if (units.some((c) => c[1] === WHERE_OPS.indexOf('like'))) out.add('like');
  return out;
}

/** Exact set match without values: every component matches, and the FROM tables are the same. */
export function exactSetMatch(pred: SpiderSql, gold: SpiderSql): boolean {
  const scores = componentScores(pred, gold);
  if (Object.values(scores).some((s) => s.f1 !== 1)) return false;
  if (gold.from.table_units.length === 0) return true;
  const tables = (sql: SpiderSql) => sql.from.table_units.map((u) => JSON.stringify(u)).sort();
  return same(tables(pred), tables(gold));
}
