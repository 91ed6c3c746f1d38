import type { SpiderSchema } from './spider-schema';
import { isSql, type ColUnit, type CondUnit, type Condition, type SpiderSql, type ValUnit } from './spider-sql';

/**
 * What Spider's matching ignores, removed before comparing: literal values (nested queries stay,
 * themselves without values), DISTINCT, and which side of a foreign key a column is named from.
 * Columns are mapped only for the clauses of this query and its set-operation operands (a query
 * nested in a condition is compared as written, less its values), as the reference scorer does.
 */
export function normalizeForMatching(sql: SpiderSql, schema: SpiderSchema, foreignKeys: Map<string, string>): SpiderSql {
  const stripped = withoutValues(structuredClone(sql));
  const inScope = new Set(
    stripped.from.table_units.filter((u) => u[0] === 'table_unit').flatMap((u) => schema.columnIds((u[1] as string).slice(2, -2))),
  );
  return mapColumns(stripped, inScope, foreignKeys);
}

function withoutValues(sql: SpiderSql): SpiderSql {
  sql.from.conds = conditionWithoutValues(sql.from.conds);
  sql.where = conditionWithoutValues(sql.where);
  sql.having = conditionWithoutValues(sql.having);
  sql.intersect = sql.intersect && withoutValues(sql.intersect);
  sql.except = sql.except && withoutValues(sql.except);
  sql.union = sql.union && withoutValues(sql.union);
  return sql;
}

function conditionWithoutValues(condition: Condition): Condition {
  return condition.map((c) => {
    if (!Array.isArray(c)) return c;
    const [not, op, left, first, second] = c;
    return [not, op, left, isSql(first) ? withoutValues(first) : null, isSql(second) ? withoutValues(second) : null] as CondUnit;
  });
}

function mapColumns(sql: SpiderSql, inScope: Set<string>, keys: Map<string, string>): SpiderSql {
  const col = (unit: ColUnit | null): ColUnit | null => {
    if (!unit) return unit;
    const [agg, id] = unit;
    return [agg, inScope.has(id) && keys.has(id) ? keys.get(id)! : id, null];
  };
  const val = (unit: ValUnit): ValUnit => [unit[0], col(unit[1])!, col(unit[2])];
  const cond = (condition: Condition): Condition =>
    condition.map((c) => (Array.isArray(c) ? ([c[0], c[1], val(c[2]), c[3], c[4]] as CondUnit) : c));
  return {
    select: [null, sql.select[1].map(([agg, unit]) => [agg, val(unit)] as [number, ValUnit])],
    from: { table_units: sql.from.table_units, conds: cond(sql.from.conds) },
    where: cond(sql.where),
    groupBy: sql.groupBy.map((u) => col(u)!),
    having: cond(sql.having),
    orderBy: sql.orderBy.length === 0 ? [] : [sql.orderBy[0], sql.orderBy[1]!.map(val)],
    limit: sql.limit,
    intersect: sql.intersect && mapColumns(sql.intersect, inScope, keys),
    union: sql.union && mapColumns(sql.union, inScope, keys),
    except: sql.except && mapColumns(sql.except, inScope, keys),
  };
}
