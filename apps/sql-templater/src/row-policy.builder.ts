import type { CatalogView, RowFilterToken } from '@chatbi/catalog';
import { ChatbiError, type AttributeValue } from '@chatbi/contracts';
import type { SqlDialectRules } from './dialects/sql-dialect';
import type { PolicyPiece, Source } from './render-model';

/**
 * A view's relation as the asking user reads it: its row filters (any of which lets a row through)
 * with the user's attributes bound as parameters. An attribute the user lacks, or an empty list,
 * is NULL, so a comparison with it keeps no row. A view that still carries its access rules was
 * not restricted to the user (Catalog.restrictedTo) and is refused rather than read unfiltered.
 */
export function sourceOf(view: CatalogView, dialect: SqlDialectRules, attributes: Readonly<Record<string, AttributeValue>>): Source {
  if (view.access) throw new ChatbiError('INTERNAL', `view ${view.name} has access rules and must be read through the asking user's catalog`);
  const name = view.source.split('.').map((part) => dialect.quote(part)).join('.');
  if (!view.rowPolicy) return { name, policy: null };
  const pieces: PolicyPiece[] = [];
  const text = (t: string) => pieces.push({ bound: false, text: t });
  view.rowPolicy.forEach((filter, i) => {
    text(i === 0 ? '(' : ' OR (');
    for (const token of filter) writeToken(token, dialect, attributes, text, (value) => pieces.push({ bound: true, value }));
    text(')');
  });
  return { name, policy: pieces };
}

function writeToken(
  token: RowFilterToken,
  dialect: SqlDialectRules,
  attributes: Readonly<Record<string, AttributeValue>>,
  text: (t: string) => void,
  bind: (value: string | number | boolean) => void,
): void {
  if (token.kind === 'sql') return text(token.text);
  if (token.kind === 'column') return text(dialect.quote(token.source));
  const value = Object.hasOwn(attributes, token.name) ? attributes[token.name] : undefined;
  const values = value === undefined ? [] : Array.isArray(value) ? value : [value];
  if (values.length === 0) return text('NULL');
  values.forEach((v, i) => {
    if (i > 0) text(', ');
    bind(v);
  });
}
