import { SpiderParseError } from './spider-parse.error';

/**
 * Splits a query into the tokens the Spider scorer works on: string literals kept whole with
 * their quotes and case ('...' is rewritten as "..." first, as Spider does), everything else
 * lower-cased; identifiers keep "alias.column" as one token; >=, <=, != are one token.
 */
export function tokenizeSpiderSql(sql: string): string[] {
  const text = sql.replace(/'/g, '"');
  const quotes = [...text].filter((c) => c === '"').length;
  if (quotes % 2 !== 0) throw new SpiderParseError('unbalanced quotes');
  const tokens: string[] = [];
  const pattern = /\s+|"[^"]*"|[A-Za-z_][A-Za-z0-9_]*(?:\.(?:[A-Za-z_][A-Za-z0-9_]*|\*))?|\d+(?:\.\d+)?(?:[eE][-+]?\d+)?|>=|<=|!=|[(),;*=<>+\-/.]/y;
  while (pattern.lastIndex < text.length) {
    const at = pattern.lastIndex;
    const match = pattern.exec(text);
    if (!match) throw new SpiderParseError(`unexpected character ${JSON.stringify(text[at])} at ${at}`);
    const token = match[0];
    if (/^\s+$/.test(token)) continue;
    tokens.push(token.startsWith('"') ? token : token.toLowerCase());
  }
  return tokens;
}
