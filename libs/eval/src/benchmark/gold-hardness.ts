import type { Catalog } from '@chatbi/catalog';
import { spiderHardness, type Hardness } from '../spider/spider-hardness';
import { SpiderSchema } from '../spider/spider-schema';
import { parseSpiderSql } from '../spider/spider-sql.parser';

const schemas = new WeakMap<Catalog, SpiderSchema>();

/** Date arithmetic on the current date, which Spider's subset has no words for, read as one literal value. */
const RELATIVE_DATE =
  /(?:CAST\s*\(\s*)?(?:date_trunc\s*\(\s*'\w+'\s*,\s*current_date\s*\)|current_date)(?:\s*[-+]\s*INTERVAL\s+\d+\s+\w+)*(?:\s+AS\s+DATE\s*\))?/gi;

/**
 * Spider hardness of a demo gold query, read with the catalog's physical columns as the schema.
 * Relative dates become literal values first. Queries outside Spider's subset (CTEs, CASE,
 * arithmetic on aggregates) have no Spider level: 'n/a'.
 */
export function goldHardness(sql: string, catalog: Catalog): Hardness | 'n/a' {
  let schema = schemas.get(catalog);
  if (!schema) {
    schema = new SpiderSchema(
      Object.fromEntries(catalog.views.map((v) => [v.source, v.columns.filter((c) => c.kind === 'physical').map((c) => c.name)])),
    );
    schemas.set(catalog, schema);
  }
  try {
    return spiderHardness(parseSpiderSql(withoutAliases(sql.replace(RELATIVE_DATE, "'d'")), schema));
  } catch {
    return 'n/a';
  }
}

/** Drops "expr AS alias" from the select list and writes ORDER BY / HAVING references to an alias as its expression. */
function withoutAliases(sql: string): string {
  const match = /^\s*select\s+([\s\S]*?)\s+from\s/i.exec(sql);
  if (!match) return sql;
  const items: string[] = [];
  let depth = 0;
  let current = '';
  for (const ch of match[1]) {
    if (ch === '(') depth++;
    if (ch === ')') depth--;
    if (ch === ',' && depth === 0) {
      items.push(current);
      current = '';
    } else current += ch;
  }
  items.push(current);
  const aliases = new Map<string, string>();
  const plain = items.map((item) => {
    const aliased = /^\s*([\s\S]+?)\s+as\s+([a-z_][a-z0-9_]*)\s*$/i.exec(item);
    if (!aliased) return item.trim();
    aliases.set(aliased[2].toLowerCase(), aliased[1]);
    return aliased[1];
  });
  let rest = sql.slice(match[0].length - 5);
  const tail = /\s(order\s+by|having)\s[\s\S]*$/i.exec(rest);
  if (tail) {
    const replaced = tail[0].replace(/\b[a-z_][a-z0-9_]*\b/gi, (word) => aliases.get(word.toLowerCase()) ?? word);
    rest = rest.slice(0, tail.index) + replaced;
  }
  return `SELECT ${plain.join(' , ')} ${rest}`;
}
