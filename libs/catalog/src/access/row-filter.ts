import { ATTRIBUTE_NAME_PATTERN } from '@chatbi/contracts';
import { ExpressionError, tokenizeExpression } from '../virtual-expression';

/**
 * A row filter of the catalog's `access:` rules, parsed once on load: SQL words and operators as
 * written, the view's columns by name (quoted by the dialect when rendered) and the user's
 * attributes (`:user.region`), which the templater binds as parameters, never as text.
 */
export type RowFilterToken = { kind: 'sql'; text: string } | { kind: 'column'; name: string; source: string } | { kind: 'attribute'; name: string };

const ATTRIBUTE = /:user\.([A-Za-z0-9_]+)/g;
const AGGREGATES = new Set(['count', 'sum', 'avg', 'min', 'max']);

/**
 * Parses `region = :user.region AND app IN (:user.apps)` over the view's physical columns (catalog
 * name to warehouse name: a filter may read a column the role may not see); throws ExpressionError.
 */
export function parseRowFilter(expr: string, columns: ReadonlyMap<string, string>): RowFilterToken[] {
  const attributes: string[] = [];
  const marked = expr.replace(ATTRIBUTE, (_, name: string) => {
    if (!ATTRIBUTE_NAME_PATTERN.test(name)) throw new ExpressionError(`:user.${name} is not an attribute name (letters, digits and _)`);
    attributes.push(name);
    return ` __attribute_${attributes.length - 1} `;
  });
  if (marked.includes(':')) throw new ExpressionError('a row filter names the user\'s attributes as :user.<name>; no other : is allowed');
  const tokens: RowFilterToken[] = [];
  for (const t of tokenizeExpression(marked)) {
    const attribute = /^__attribute_(\d+)$/.exec(t.text);
    if (t.kind === 'identifier' && attribute) tokens.push({ kind: 'attribute', name: attributes[Number(attribute[1])] });
    else if (t.kind === 'identifier') {
      if (!columns.has(t.text)) throw new ExpressionError(`${t.text} is not a column of the view (a row filter reads the view's own columns)`);
      tokens.push({ kind: 'column', name: t.text, source: columns.get(t.text)! });
    } else if (t.kind === 'function' && AGGREGATES.has(t.text)) {
      throw new ExpressionError(`${t.text}() is an aggregate; a row filter decides each row on its own`);
    } else {
      const last = tokens[tokens.length - 1];
      if (last?.kind === 'sql') last.text += t.text;
      else tokens.push({ kind: 'sql', text: t.text });
    }
  }
  if (!tokens.some((t) => t.kind !== 'sql' || t.text.trim() !== '')) throw new ExpressionError('a row filter cannot be empty');
  if (!balanced(tokens)) throw new ExpressionError('the parentheses of the row filter do not balance');
  return tokens;
}

function balanced(tokens: readonly RowFilterToken[]): boolean {
  let depth = 0;
  for (const t of tokens) {
    if (t.kind !== 'sql') continue;
    for (const ch of t.text.replace(/'(?:[^']|'')*'/g, '')) {
      if (ch === '(') depth++;
      else if (ch === ')' && --depth < 0) return false;
    }
  }
  return depth === 0;
}
