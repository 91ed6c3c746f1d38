import { referencedIdentifiers, tokenizeExpression, type Catalog, type CatalogColumn, type CatalogView } from '@chatbi/catalog';
import { IDENTIFIER_PATTERN, type SqlDialect } from '@chatbi/contracts';
import { quoteName, quoteRelation } from '@chatbi/warehouse';
import { stringify } from 'yaml';
import { compareLeading } from './missed-columns.resolver';
import type { ProposedColumn, ProposedJoin, ProposedView } from './view-proposal.types';

const KEY_ROLES = new Set(['id', 'time', 'dimension']);
const KEY_ROLE_ORDER: Record<string, number> = { time: 0, id: 1, dimension: 2 };
const MAX_NAME = 63;

interface Slot {
  name: string;
  view: string;
  column: CatalogColumn;
  reason: ProposedColumn['reason'];
  /** Renamed to keep names unique: aliases would be ambiguous, so they are dropped. */
  renamed: boolean;
}

/**
 * Designs a view that holds columns of several catalog views: the view with the most requested
 * metrics (then columns, then the widest) is the primary one and every other view is left-joined
 * to it on the columns both have with the same name, type and a key role (id, time, dimension).
 * Virtual columns travel with the physical columns they use. The DDL reads the warehouse's own
 * names (a column's source) quoted for its dialect and names the new columns by catalog keys.
 */
export function buildProposedView(catalog: Catalog, requested: { view: string; column: string }[], dialect: SqlDialect = 'duckdb'): ProposedView {
  const tally = (view: string, metricsOnly: boolean) =>
    requested.filter((r) => r.view === view && (!metricsOnly || catalog.column(r.view, r.column)?.role === 'metric')).length;
  const order = [...new Set(requested.map((r) => r.view))].sort(
    (a, b) => tally(b, true) - tally(a, true) || tally(b, false) - tally(a, false) || compareLeading(catalog, a, b),
  );
  const primary = catalog.view(order[0])!;
  const others = order.slice(1).map((name) => catalog.view(name)!);
  const name = proposedName(order);

  const warnings: string[] = [];
  const joins: ProposedJoin[] = others.map((view) => ({ view: view.name, keys: joinKeys(primary, view) }));
  const unjoinable = joins.filter((j) => j.keys.length === 0);
  for (const j of unjoinable) {
    warnings.push(`No safe join key: ${j.view} shares no id, time or dimension column (same name and type) with ${primary.name}, so their rows cannot be matched.`);
  }
  for (const j of joins.filter((j) => j.keys.length > 0)) {
    const view = catalog.view(j.view)!;
    const roles = new Set(j.keys.map((k) => catalog.column(primary.name, k)!.role));
    if (!roles.has('time') && catalog.timeColumn(primary.name) && catalog.timeColumn(view.name)) {
      warnings.push(`${j.view} and ${primary.name} share no time column: rows of different days would be matched.`);
    }
    if (!roles.has('id')) {
      warnings.push(`${j.view} joins ${primary.name} on ${j.keys.join(', ')} without an id column: each ${primary.name} row meets every ${j.view} row with the same keys, so sums over the view count rows more than once. Consider aggregating ${j.view} to these keys first.`);
    }
  }
  if (joins.length > 0 && unjoinable.length === 0) {
    warnings.push(`Check the grain: where a key combination has several rows in a joined view, the ${primary.name} columns repeat (distinct counts stay right, sums do not). Rows of ${primary.name} without a match keep the joined columns empty (LEFT JOIN).`);
  }

  const { slots, nameOf } = collectColumns(catalog, primary, joins, requested);
  const columns: ProposedColumn[] = slots.map((s) => ({ name: s.name, from: { view: s.view, column: s.column.name }, kind: s.column.kind, reason: s.reason }));
  const safeJoin = unjoinable.length === 0;
  return {
    name,
    primary: primary.name,
    joins,
    safeJoin,
    columns,
    ddl: safeJoin ? createViewDdl(name, primary, others, joins, slots, dialect) : null,
    yaml: safeJoin ? catalogYaml(name, [primary, ...others], joins, slots, nameOf) : null,
    warnings,
  };
}

/** Columns of the same name, type and a key role in both views, time first, then ids, then dimensions. */
export function joinKeys(primary: CatalogView, other: CatalogView): string[] {
  return primary.columns
    .filter((c) => c.kind === 'physical' && KEY_ROLES.has(c.role))
    .filter((c) => {
      const twin = other.columns.find((o) => o.name === c.name);
      return twin?.kind === 'physical' && twin.role === c.role && twin.type === c.type;
    })
    .sort((a, b) => KEY_ROLE_ORDER[a.role] - KEY_ROLE_ORDER[b.role])
    .map((c) => c.name);
}

function proposedName(views: string[]): string {
  const joined = views.join('_x_');
  const name = joined.length <= MAX_NAME ? joined : `${joined.slice(0, MAX_NAME - 9)}_${shortHash(joined)}`;
  return IDENTIFIER_PATTERN.test(name) ? name : `proposed_${shortHash(joined)}`;
}

/** The columns of the new view in order, and the new name of every view.column they come from. */
function collectColumns(
  catalog: Catalog,
  primary: CatalogView,
  joins: ProposedJoin[],
  requested: { view: string; column: string }[],
): { slots: Slot[]; nameOf: Map<string, string> } {
  const slots: Slot[] = [];
  const byOrigin = new Map<string, Slot>();
  const taken = new Set<string>();
  const keys = new Set(joins.flatMap((j) => j.keys));

  const add = (view: string, column: CatalogColumn, reason: Slot['reason']): Slot => {
    const origin = `${view}.${column.name}`;
    const existing = byOrigin.get(origin);
    if (existing) {
      if (reason === 'requested') existing.reason = 'requested';
      return existing;
    }
    // A key of a joined view is the primary view's key column.
    if (view !== primary.name && joins.find((j) => j.view === view)?.keys.includes(column.name)) {
      const key = add(primary.name, catalog.column(primary.name, column.name)!, 'join-key');
      byOrigin.set(origin, key);
      return key;
    }
    let name = column.name;
    let renamed = false;
    if (taken.has(name)) {
      name = uniqueName(`${view}_${column.name}`, taken);
      renamed = true;
    }
    const slot: Slot = { name, view, column, reason, renamed };
    taken.add(name);
    byOrigin.set(origin, slot);
    slots.push(slot);
    if (column.kind === 'virtual') {
      for (const id of referencedIdentifiers(column.expr!)) {
        const used = catalog.column(view, id);
        if (used) add(view, used, 'dependency');
      }
    }
    return slot;
  };

  const time = catalog.timeColumn(primary.name);
  if (time) add(primary.name, time, keys.has(time.name) ? 'join-key' : 'time');
  for (const key of primary.columns.filter((c) => keys.has(c.name))) add(primary.name, key, 'join-key');
  for (const r of requested) add(r.view, catalog.column(r.view, r.column)!, 'requested');
  return { slots, nameOf: new Map([...byOrigin].map(([origin, slot]) => [origin, slot.name])) };
}

function uniqueName(base: string, taken: Set<string>): string {
  let name = base.slice(0, MAX_NAME);
  for (let i = 2; taken.has(name); i++) name = `${base.slice(0, MAX_NAME - String(i).length - 1)}_${i}`;
  return name;
}

function createViewDdl(name: string, primary: CatalogView, others: CatalogView[], joins: ProposedJoin[], slots: Slot[], dialect: SqlDialect): string {
  const q = (identifier: string) => quoteName(identifier, dialect);
  const sourceOf = (view: CatalogView, column: string) => view.columns.find((c) => c.name === column)?.source ?? column;
  const alias = new Map([primary, ...others].map((v, i) => [v.name, `t${i + 1}`]));
  const select = slots
    .filter((s) => s.column.kind === 'physical')
    .map((s) => `  ${alias.get(s.view)}.${q(s.column.source)} AS ${q(s.name)}`)
    .join(',\n');
  const from = [`FROM ${quoteRelation(primary.source, dialect)} AS t1`];
  for (const view of others) {
    const join = joins.find((j) => j.view === view.name)!;
    const a = alias.get(view.name)!;
    const on = join.keys.map((k) => `${a}.${q(sourceOf(view, k))} = t1.${q(sourceOf(primary, k))}`).join('\n AND ');
    from.push(`LEFT JOIN ${quoteRelation(view.source, dialect)} AS ${a}\n  ON ${on}`);
  }
  return `CREATE VIEW ${q(name)} AS\nSELECT\n${select}\n${from.join('\n')};\n`;
}

function catalogYaml(name: string, views: CatalogView[], joins: ProposedJoin[], slots: Slot[], rename: Map<string, string>): string {
  const primary = views[0];
  const joined = joins.map((j) => `${j.view} (on ${j.keys.join(', ')})`).join(' and ');
  // The new view is complete only when every view it reads is.
  const latency = Math.max(...views.map((v) => v.dataLatencyDays));
  const physical = slots.filter((s) => s.column.kind === 'physical');
  const virtual = slots.filter((s) => s.column.kind === 'virtual');
  const primaryTime = slots.find((s) => s.view === primary.name && s.column.role === 'time');
  const columnEntry = (s: Slot) => ({
    name: s.name,
    type: s.column.type,
    // One time column per view: a joined view's own time column becomes a dimension.
    role: s.column.role === 'time' && s !== primaryTime ? 'dimension' : s.column.role,
    description: describe(s),
    aliases: s.renamed ? { en: [], zh: [] } : s.column.aliases,
    ...(s.column.kind === 'physical' && s.column.role === 'metric' && s.column.agg ? { agg: s.column.agg } : {}),
    ...(s.column.values.length > 0 && s.column.role === 'dimension' ? { values: s.column.values } : {}),
  });
  const view = {
    name,
    description: truncate(`Proposed by the view advisor for questions no single view answered: ${primary.name} with ${joined}.`, 1000),
    aliases: { en: [], zh: [] },
    settings: { data_latency_days: latency },
    columns: physical.map(columnEntry),
    virtual_columns: virtual.map((s) => {
      const { name: _name, agg: _agg, ...entry } = columnEntry(s);
      return { key: s.name, expr: renameIdentifiers(s.column.expr!, s.view, rename), ...entry, role: s.column.role as 'metric' | 'dimension' };
    }),
  };
  return `# Draft from the view advisor: review the descriptions, aliases and grain before applying.\n${stringify({ version: 1, views: [view] }, { lineWidth: 0 })}`;
}

function renameIdentifiers(expr: string, view: string, rename: Map<string, string>): string {
  return tokenizeExpression(expr)
    .map((t) => (t.kind === 'identifier' ? (rename.get(`${view}.${t.text}`) ?? t.text) : t.text))
    .join('');
}

function describe(s: Slot): string {
  return s.renamed ? truncate(`${s.column.description} (${s.column.name} of ${s.view})`, 500) : s.column.description;
}

function truncate(text: string, n: number): string {
  return text.length > n ? `${text.slice(0, n - 1)}…` : text;
}

function shortHash(text: string): string {
  let h = 2166136261;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 16777619);
  return (h >>> 0).toString(16).padStart(8, '0');
}
