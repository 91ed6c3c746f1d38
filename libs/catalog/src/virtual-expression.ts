/**
 * Virtual column expressions are SQL written by a DBA over bare identifiers. This module finds the
 * identifiers they reference (to validate a catalog) and expands them recursively (to render SQL),
 * so that only catalog identifiers, quoted by the caller, ever reach the warehouse.
 */

const SQL_WORDS = new Set([
  'distinct', 'case', 'when', 'then', 'else', 'end', 'and', 'or', 'not', 'is', 'null', 'in', 'as',
  'between', 'like', 'true', 'false', 'integer', 'bigint', 'double', 'decimal', 'varchar', 'date',
  'numeric', 'real', 'float', 'int', 'char', 'text', 'interval', 'day', 'hour',
]);

export const SQL_FUNCTIONS = new Set([
  'count', 'sum', 'avg', 'min', 'max', 'coalesce', 'nullif', 'cast', 'round', 'abs', 'greatest',
  'least', 'floor', 'ceil', 'lower', 'upper', 'length', 'sqrt', 'ln', 'exp', 'power',
]);

export type ExpressionToken =
  | { kind: 'identifier'; text: string }
  | { kind: 'function'; text: string }
  | { kind: 'word'; text: string }
  | { kind: 'other'; text: string };

const TOKEN = /\s+|'(?:[^']|'')*'|\d+(?:\.\d+)?(?:[eE][-+]?\d+)?|[A-Za-z_][A-Za-z0-9_]*|<=|>=|<>|!=|\|\||[-+*/%(),<>=.]/y;

export class ExpressionError extends Error {}

// Two operators written together that would start or end a comment in the SQL: -- and the two block markers.
const COMMENT_MARKERS = new Set(['--', '/*', '*/']);

export function tokenizeExpression(expr: string): ExpressionToken[] {
  const out: ExpressionToken[] = [];
  TOKEN.lastIndex = 0;
  while (TOKEN.lastIndex < expr.length) {
    const at = TOKEN.lastIndex;
    const m = TOKEN.exec(expr);
    if (!m) throw new ExpressionError(`unexpected character ${JSON.stringify(expr[at])} at position ${at + 1}`);
    const text = m[0];
    if (/^\s+$/.test(text)) {
      out.push({ kind: 'other', text: ' ' });
    } else if (/^[A-Za-z_]/.test(text)) {
      const lower = text.toLowerCase();
      const next = /^\s*\(/.test(expr.slice(TOKEN.lastIndex));
      if (SQL_WORDS.has(lower)) out.push({ kind: 'word', text: lower });
      else if (next && SQL_FUNCTIONS.has(lower)) out.push({ kind: 'function', text: lower });
      else if (next) throw new ExpressionError(`function ${text}() is not allowed in a virtual column`);
      else out.push({ kind: 'identifier', text });
    } else {
      if (text === ';') throw new ExpressionError('a virtual column may not contain ;');
      const previous = out[out.length - 1];
      if (previous?.kind === 'other' && COMMENT_MARKERS.has(previous.text + text)) {
        throw new ExpressionError(`a catalog expression may not contain the SQL comment marker ${previous.text + text}`);
      }
      out.push({ kind: 'other', text });
    }
  }
  return out;
}

export function referencedIdentifiers(expr: string): string[] {
  return [...new Set(tokenizeExpression(expr).filter((t) => t.kind === 'identifier').map((t) => t.text))];
}

export interface ExpansionScope {
  /** Virtual keys of the view with their expressions. */
  virtual: ReadonlyMap<string, string>;
  /** Physical column names of the view. */
  physical: ReadonlySet<string>;
  /** Quotes a physical column for the target dialect. */
  quote: (column: string) => string;
}

/** Expands a virtual key into SQL over quoted physical columns, naming the key on a cycle or unknown name. */
export function expandVirtual(key: string, scope: ExpansionScope, trail: string[] = []): string {
  if (trail.includes(key)) {
    throw new ExpressionError(`virtual column cycle: ${[...trail, key].join(' -> ')}`);
  }
  const expr = scope.virtual.get(key);
  if (expr === undefined) throw new ExpressionError(`unknown virtual column ${key}`);
  return tokenizeExpression(expr)
    .map((t) => {
      if (t.kind !== 'identifier') return t.text;
      if (scope.virtual.has(t.text)) return `(${expandVirtual(t.text, scope, [...trail, key])})`;
      if (scope.physical.has(t.text)) return scope.quote(t.text);
      throw new ExpressionError(`virtual column ${key} uses ${t.text}, which is not a column of the view`);
    })
    .join('')
    .replace(/ {2,}/g, ' ')
    .trim();
}

/** A piece of an expanded metric: SQL text, or the argument of an aggregate call (which a subset filter wraps). */
export type AggregatePiece = { text: string } | { arg: string };

const AGGREGATE_FUNCTIONS = new Set(['count', 'sum', 'avg', 'min', 'max']);

/**
 * Expands a virtual metric like expandVirtual, but returns the argument of every aggregate call as
 * a piece of its own (`count(DISTINCT ` [arg] `)`), so that a caller can aggregate a subset of
 * the rows by wrapping each argument in CASE WHEN ... THEN arg END. `count(*)` gives the argument 1.
 */
export function expandVirtualPieces(key: string, scope: ExpansionScope, trail: string[] = []): AggregatePiece[] {
  if (trail.includes(key)) throw new ExpressionError(`virtual column cycle: ${[...trail, key].join(' -> ')}`);
  const expr = scope.virtual.get(key);
  if (expr === undefined) throw new ExpressionError(`unknown virtual column ${key}`);
  const tokens = tokenizeExpression(expr);
  const out: AggregatePiece[] = [];
  const text = (t: string) => out.push({ text: t });
  const identifier = (name: string, path: string[]): string => {
    if (scope.virtual.has(name)) return `(${expandVirtual(name, scope, path)})`;
    if (scope.physical.has(name)) return scope.quote(name);
    throw new ExpressionError(`virtual column ${key} uses ${name}, which is not a column of the view`);
  };
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i];
    if (t.kind === 'function' && AGGREGATE_FUNCTIONS.has(t.text)) {
      let j = i + 1;
      while (j < tokens.length && tokens[j].text === ' ') j++;
      // tokens[j] is "("; find its match.
      let depth = 0;
      let end = j;
      for (; end < tokens.length; end++) {
        if (tokens[end].text === '(') depth++;
        else if (tokens[end].text === ')' && --depth === 0) break;
      }
      let inner = tokens.slice(j + 1, end);
      while (inner[0]?.text === ' ') inner = inner.slice(1);
      const distinct = inner[0]?.kind === 'word' && inner[0].text === 'distinct';
      if (distinct) inner = inner.slice(1);
      const arg = inner
        .map((x) => (x.kind === 'identifier' ? identifier(x.text, [...trail, key]) : x.text))
        .join('')
        .trim();
      text(`${t.text}(${distinct ? 'DISTINCT ' : ''}`);
      out.push({ arg: arg === '*' ? '1' : arg });
      text(')');
      i = end;
    } else if (t.kind === 'identifier' && scope.virtual.has(t.text)) {
      text('(');
      out.push(...expandVirtualPieces(t.text, scope, [...trail, key]));
      text(')');
    } else if (t.kind === 'identifier') {
      text(identifier(t.text, [...trail, key]));
    } else {
      text(t.text);
    }
  }
  return mergeText(out);
}

function mergeText(pieces: AggregatePiece[]): AggregatePiece[] {
  const out: AggregatePiece[] = [];
  for (const p of pieces) {
    const last = out[out.length - 1];
    if ('text' in p && last && 'text' in last) last.text += p.text;
    else out.push({ ...p });
  }
  return out;
}
