import { SpiderParseError } from './spider-parse.error';
import { ALL_COLUMNS, SpiderSchema, columnId, tableId } from './spider-schema';
import {
  AGG_OPS,
  SET_OPS,
  UNIT_OPS,
  WHERE_OPS,
  type ColUnit,
  type CondUnit,
  type Condition,
  type SpiderSql,
  type SqlValue,
  type TableUnit,
  type ValUnit,
} from './spider-sql';
import { tokenizeSpiderSql } from './spider-sql.tokenizer';

const CLAUSE_WORDS = new Set(['select', 'from', 'where', 'group', 'order', 'limit', 'intersect', 'union', 'except']);
const JOIN_WORDS = new Set(['join', 'on', 'as']);

/**
 * Parses a query of the Spider subset into Spider's structured form. It follows the subset's
 * conventions: "x AS y" anywhere names an alias, a bare column belongs to the first table of the
 * FROM clause that has it, one ORDER BY direction for the clause, at most one set operation per
 * level. Anything outside the subset throws SpiderParseError.
 */
export function parseSpiderSql(sql: string, schema: SpiderSchema): SpiderSql {
  const tokens = tokenizeSpiderSql(sql);
  return new SpiderSqlParser(tokens, schema).parseQuery(0).sql;
}

class SpiderSqlParser {
  private readonly aliases: Map<string, string>;

  constructor(
    private readonly t: string[],
    private readonly schema: SpiderSchema,
    aliases?: Map<string, string>,
  ) {
    if (aliases) {
      this.aliases = aliases;
      return;
    }
    this.aliases = new Map();
    t.forEach((token, i) => {
      if (token === 'as' && i > 0 && i + 1 < t.length) this.aliases.set(t[i + 1], t[i - 1]);
    });
    for (const table of schema.tables()) {
      if (this.aliases.has(table)) throw new SpiderParseError(`alias ${table} is also a table name`);
      this.aliases.set(table, table);
    }
  }

  parseQuery(start: number): { end: number; sql: SpiderSql } {
    let i = start;
    const block = this.at(i) === '(';
    if (block) i++;
    const from = this.parseFrom(start);
    const select = this.parseSelect(i, from.defaultTables);
    i = from.end;
    const where = this.parseOptionalCondition(i, 'where', from.defaultTables);
    i = where.end;
    const groupBy = this.parseGroupBy(i, from.defaultTables);
    i = groupBy.end;
    const having = this.parseOptionalCondition(i, 'having', from.defaultTables);
    i = having.end;
    const orderBy = this.parseOrderBy(i, from.defaultTables);
    i = orderBy.end;
    let limit: number | null = null;
    if (this.at(i) === 'limit') {
      limit = parseLimit(this.at(i + 1));
      i += 2;
    }
    i = this.skipSemicolons(i);
    if (block) {
      this.expect(i, ')');
      i++;
    }
    i = this.skipSemicolons(i);
    const sql: SpiderSql = {
      select: select.value,
      from: { table_units: from.tableUnits, conds: from.conds },
      where: where.value,
      groupBy: groupBy.value,
      having: having.value,
      orderBy: orderBy.value,
      limit,
      intersect: null,
      union: null,
      except: null,
    };
    const op = this.at(i);
    if (op && (SET_OPS as readonly string[]).includes(op)) {
      const rest = this.parseQuery(i + 1);
      sql[op as (typeof SET_OPS)[number]] = rest.sql;
      i = rest.end;
    }
    return { end: i, sql };
  }

  private parseFrom(start: number): { end: number; tableUnits: TableUnit[]; conds: Condition; defaultTables: string[] } {
    const fromAt = this.t.indexOf('from', start);
    if (fromAt < 0) throw new SpiderParseError('no FROM clause');
    let i = fromAt + 1;
    const tableUnits: TableUnit[] = [];
    const conds: Condition = [];
    const defaultTables: string[] = [];
    while (i < this.t.length) {
      const block = this.at(i) === '(';
      if (block) i++;
      if (this.at(i) === 'select') {
        const nested = this.parseQuery(i);
        tableUnits.push(['sql', nested.sql]);
        i = nested.end;
      } else {
        if (this.at(i) === 'join') i++;
        const table = this.resolveTable(this.at(i));
        i += this.at(i + 1) === 'as' ? 3 : 1;
        tableUnits.push(['table_unit', tableId(table)]);
        defaultTables.push(table);
      }
      if (this.at(i) === 'on') {
        const on = this.parseCondition(i + 1, defaultTables);
        if (conds.length > 0) conds.push('and');
        conds.push(...on.value);
        i = on.end;
      }
      if (block) {
        this.expect(i, ')');
        i++;
      }
      const next = this.at(i);
      if (next !== undefined && (CLAUSE_WORDS.has(next) || next === ')' || next === ';')) break;
    }
    return { end: i, tableUnits, conds, defaultTables };
  }

  private parseSelect(start: number, tables: string[]): { value: SpiderSql['select'] } {
    let i = start;
    this.expect(i, 'select');
    i++;
    let distinct = false;
    if (this.at(i) === 'distinct') {
      distinct = true;
      i++;
    }
    const items: [number, ValUnit][] = [];
    while (i < this.t.length && !CLAUSE_WORDS.has(this.t[i])) {
      let agg = 0;
      const aggAt = AGG_OPS.indexOf(this.t[i] as never);
      if (aggAt >= 0) {
        agg = aggAt;
        i++;
      }
      const unit = this.parseValUnit(i, tables);
      items.push([agg, unit.value]);
      i = unit.end;
      if (this.at(i) === ',') i++;
    }
    return { value: [distinct, items] };
  }

  private parseOptionalCondition(start: number, keyword: 'where' | 'having', tables: string[]): { end: number; value: Condition } {
    if (this.at(start) !== keyword) return { end: start, value: [] };
    return this.parseCondition(start + 1, tables);
  }

  private parseCondition(start: number, tables: string[]): { end: number; value: Condition } {
    let i = start;
    const out: Condition = [];
    while (i < this.t.length) {
      const left = this.parseValUnit(i, tables);
      i = left.end;
      let not = false;
      if (this.at(i) === 'not') {
        not = true;
        i++;
      }
      const opAt = WHERE_OPS.indexOf(this.at(i) as never);
      if (opAt < 0) throw new SpiderParseError(`expected a comparison at ${JSON.stringify(this.at(i) ?? 'the end')}`);
      i++;
      let first: SqlValue;
      let second: SqlValue = null;
      if (WHERE_OPS[opAt] === 'between') {
        const a = this.parseValue(i, tables);
        this.expect(a.end, 'and');
        const b = this.parseValue(a.end + 1, tables);
        first = a.value;
        second = b.value;
        i = b.end;
      } else {
        const v = this.parseValue(i, tables);
        first = v.value;
        i = v.end;
      }
      const unit: CondUnit = [not, opAt, left.value, first, second];
      out.push(unit);
      const next = this.at(i);
      if (next !== undefined && (CLAUSE_WORDS.has(next) || JOIN_WORDS.has(next) || next === ')' || next === ';')) break;
      if (next === 'and' || next === 'or') {
        out.push(next);
        i++;
      }
    }
    return { end: i, value: out };
  }

  private parseValue(start: number, tables: string[]): { end: number; value: SqlValue } {
    let i = start;
    const block = this.at(i) === '(';
    if (block) i++;
    let value: SqlValue;
    const token = this.at(i);
    if (token === 'select') {
      const nested = this.parseQuery(i);
      value = nested.sql;
      i = nested.end;
    } else if (token !== undefined && token.includes('"')) {
      value = token;
      i++;
    } else if (token !== undefined && isNumber(token)) {
      value = Number(token);
      i++;
    } else {
      // A column on the right-hand side: it runs to the next separator.
      let end = i;
      while (end < this.t.length) {
        const x = this.t[end];
        if (x === ',' || x === ')' || x === 'and' || CLAUSE_WORDS.has(x) || JOIN_WORDS.has(x)) break;
        end++;
      }
      const sub = new SpiderSqlParser(this.t.slice(i, end), this.schema, this.aliases);
      value = sub.parseColUnit(0, tables).value;
      i = end;
    }
    if (block) {
      this.expect(i, ')');
      i++;
    }
    return { end: i, value };
  }

  private parseValUnit(start: number, tables: string[]): { end: number; value: ValUnit } {
    let i = start;
    const block = this.at(i) === '(';
    if (block) i++;
    const left = this.parseColUnit(i, tables);
    i = left.end;
    let op = 0;
    let right: ColUnit | null = null;
    const opAt = UNIT_OPS.indexOf(this.at(i) as never);
    if (opAt >= 0) {
      op = opAt;
      const r = this.parseColUnit(i + 1, tables);
      right = r.value;
      i = r.end;
    }
    if (block) {
      this.expect(i, ')');
      i++;
    }
    return { end: i, value: [op, left.value, right] };
  }

  parseColUnit(start: number, tables: string[]): { end: number; value: ColUnit } {
    let i = start;
    const block = this.at(i) === '(';
    if (block) i++;
    const aggAt = AGG_OPS.indexOf(this.at(i) as never);
    if (aggAt >= 0) {
      i++;
      this.expect(i, '(');
      i++;
      let distinct = false;
      if (this.at(i) === 'distinct') {
        distinct = true;
        i++;
      }
      const column = this.parseColumn(i, tables);
      this.expect(column.end, ')');
      // An aggregate inside parentheses leaves the closing parenthesis to the caller, as Spider's parser does.
      return { end: column.end + 1, value: [aggAt, column.id, distinct] };
    }
    let distinct = false;
    if (this.at(i) === 'distinct') {
      distinct = true;
      i++;
    }
    const column = this.parseColumn(i, tables);
    i = column.end;
    if (block) {
      this.expect(i, ')');
      i++;
    }
    return { end: i, value: [0, column.id, distinct] };
  }

  private parseColumn(start: number, tables: string[]): { end: number; id: string } {
    const token = this.at(start);
    if (token === undefined) throw new SpiderParseError('expected a column at the end');
    if (token === '*') return { end: start + 1, id: ALL_COLUMNS };
    if (token.includes('.')) {
      const [alias, column] = token.split('.');
      const table = this.aliases.get(alias);
      if (!table || !this.schema.hasColumn(table, column)) throw new SpiderParseError(`unknown column ${token}`);
      return { end: start + 1, id: columnId(table, column) };
    }
    if (tables.length === 0) throw new SpiderParseError(`column ${token} outside a FROM clause`);
    for (const alias of tables) {
      const table = this.aliases.get(alias) ?? alias;
      if (this.schema.hasColumn(table, token)) return { end: start + 1, id: columnId(table, token) };
    }
    throw new SpiderParseError(`unknown column ${token}`);
  }

  private resolveTable(token: string | undefined): string {
    const table = token === undefined ? undefined : this.aliases.get(token);
    if (!table || !this.schema.hasTable(table)) throw new SpiderParseError(`unknown table ${JSON.stringify(token ?? 'at the end')}`);
    return table;
  }

  private parseGroupBy(start: number, tables: string[]): { end: number; value: ColUnit[] } {
    if (this.at(start) !== 'group') return { end: start, value: [] };
    this.expect(start + 1, 'by');
    let i = start + 2;
    const out: ColUnit[] = [];
    while (i < this.t.length && !this.endsClause(this.t[i])) {
      const unit = this.parseColUnit(i, tables);
      out.push(unit.value);
      i = unit.end;
      if (this.at(i) !== ',') break;
      i++;
    }
    return { end: i, value: out };
  }

  private parseOrderBy(start: number, tables: string[]): { end: number; value: SpiderSql['orderBy'] } {
    if (this.at(start) !== 'order') return { end: start, value: [] };
    this.expect(start + 1, 'by');
    let i = start + 2;
    const items: ValUnit[] = [];
    let direction: 'asc' | 'desc' = 'asc';
    while (i < this.t.length && !this.endsClause(this.t[i])) {
      const unit = this.parseValUnit(i, tables);
      items.push(unit.value);
      i = unit.end;
      const dir = this.at(i);
      if (dir === 'asc' || dir === 'desc') {
        direction = dir;
        i++;
      }
      if (this.at(i) !== ',') break;
      i++;
    }
    return { end: i, value: [direction, items] };
  }

  private endsClause(token: string): boolean {
    return CLAUSE_WORDS.has(token) || token === ')' || token === ';';
  }

  private skipSemicolons(start: number): number {
    let i = start;
    while (this.at(i) === ';') i++;
    return i;
  }

  private at(i: number): string | undefined {
    return this.t[i];
  }

  private expect(i: number, token: string): void {
    if (this.t[i] !== token) throw new SpiderParseError(`expected ${token} at ${JSON.stringify(this.t[i] ?? 'the end')}`);
  }
}

function isNumber(token: string): boolean {
  return /^[-+]?(\d+(\.\d*)?|\.\d+)([eE][-+]?\d+)?$/.test(token);
}

function parseLimit(token: string | undefined): number {
  if (token === undefined || !/^\d+$/.test(token)) throw new SpiderParseError(`LIMIT needs a whole number, got ${JSON.stringify(token ?? 'nothing')}`);
  return Number(token);
}
