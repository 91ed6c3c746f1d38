import { performance } from 'node:perf_hooks';
import { ChatbiError, type TimeRange } from '@chatbi/contracts';
import type { RelationInfo, Warehouse } from '@chatbi/warehouse';
import { isPhysicalName, type CatalogFile, type ColumnRole, type ViewDefinition } from '../catalog-file.schema';
import { CatalogLoader } from '../catalog-loader';
import { catalogKey, UniqueKeys } from './catalog-key.namer';
import { renderCatalogYaml, type DraftNotes } from './catalog-yaml.renderer';
import { catalogTypeOf } from './column-role.guesser';
import { draftRelationships, inferForeignKeys, type DraftedRelation } from './relationship.drafter';
import { draftView } from './view.drafter';

export interface IntrospectOptions {
  /** Relations to draft, as "name" or "schema.name"; default every table and view. */
  relations?: string[];
  /** Strings with at most this many distinct values become dimensions with enum values; default 100. */
  enumLimit?: number;
  /** The period a question reads when it names none; without it (the default), every row. */
  defaultRange?: TimeRange;
  /** What was connected to, for the YAML's header (a file, or a URL without its password). */
  source?: string;
}

export interface DraftedViewSummary {
  view: string;
  source: string;
  kind: 'table' | 'view';
  rows?: number;
  roles: Partial<Record<ColumnRole, number>>;
  time?: string;
  rowKey?: string;
  count?: string;
}

/** What a draft holds and what it left out, for the person who ran it. */
export interface DraftReport {
  views: DraftedViewSummary[];
  relationships: { name: string; path: string; origin: 'declared' | 'inferred' }[];
  /** Tables, columns and foreign keys left out, each with why. */
  leftOut: string[];
  seconds: number;
}

export interface IntrospectedCatalog {
  file: CatalogFile;
  yaml: string;
  report: DraftReport;
}

/** Schemas whose relations need no schema prefix in a view's source. */
const DEFAULT_SCHEMAS = new Set(['main', 'public']);

/**
 * Drafts a catalog from what the warehouse holds: one view per table or view, warehouse names kept
 * in `source:` and catalog keys in snake_case, roles guessed from keys, types, names and values, a
 * row-count metric per view, and relationships from foreign keys (or inferred from key names).
 * The YAML is a starting point for a DBA and always loads as it is.
 */
export async function introspectCatalog(warehouse: Warehouse, options: IntrospectOptions = {}): Promise<IntrospectedCatalog> {
  const started = performance.now();
  const enumLimit = options.enumLimit ?? 100;
  if (!Number.isInteger(enumLimit) || enumLimit < 1 || enumLimit > 2000) {
    throw new ChatbiError('INVALID_REQUEST', `enumLimit must be a whole number from 1 to 2000, got ${enumLimit}`);
  }
  const all = await warehouse.relations();
  const leftOut: string[] = [];
  const bare = bareSchemas(all);
  const relations = pickRelations(all, bare, options.relations, leftOut);
  const affinity = warehouse.dialect === 'sqlite';
  const inferred = inferForeignKeys(relations, (type) => catalogTypeOf(type, { affinity }));
  const inferredKeys = new Set([...inferred.values()].flat());
  const notes: DraftNotes = {
    header: [
      `Drafted by \`chatbi connect\` from ${options.source ?? `a ${warehouse.dialect} warehouse`}: review before use.`,
      'Keys (name) are snake_case; source: is the warehouse name when it differs. Roles come from keys, types,',
      'names and the data; descriptions come from comments or names. Check the metrics\' agg, the time column,',
      'and add aliases ({ en: [...], zh: [...] }) the way your team asks.',
    ],
    views: new Map(),
  };
  const viewKeys = new UniqueKeys();
  const drafted: DraftedRelation[] = [];
  const views: ViewDefinition[] = [];
  for (const [i, declared] of relations.entries()) {
    // Inferred foreign keys make ids and relationships as declared ones do.
    const relation = { ...declared, foreignKeys: [...declared.foreignKeys, ...(inferred.get(declared) ?? [])] };
    const label = `${relation.schema}.${relation.name}`;
    if (!isPhysicalName(relation.schema) || !isPhysicalName(relation.name)) {
      leftOut.push(`${relation.kind} ${label}: its name has a quote, dot or control character, which no catalog source may hold`);
      continue;
    }
    const source = bare.has(relation.schema) ? relation.name : label;
    const base = catalogKey(relation.name, `table_${i + 1}`);
    const key = viewKeys.claim(viewKeys.has(base) && !bare.has(relation.schema) ? catalogKey(`${relation.schema}_${relation.name}`, base) : base);
    const draft = await draftView(warehouse, relation, { key, source }, { enumLimit, affinity });
    leftOut.push(...draft.leftOut);
    if (draft.view.columns.length === 0) {
      leftOut.push(`${relation.kind} ${label}: no column ChatBI can query`);
      continue;
    }
    if (draft.leftOut.length > 0) draft.notes.header.push(`left out: ${draft.leftOut.map((l) => l.replace(/^[^.]*\./, '')).join('; ')}`);
    views.push(draft.view);
    notes.views.set(key, draft.notes);
    drafted.push({ relation, view: key, columns: draft.columns });
  }
  if (views.length === 0) {
    throw new ChatbiError('CATALOG_INVALID', `the warehouse has no table or view a catalog view can be drafted from${leftOut.length ? ` (${leftOut.join('; ')})` : ''}`);
  }

  const { relationships, leftOut: keysLeftOut } = draftRelationships(drafted, new Set(views.map((v) => v.name)), inferredKeys);
  leftOut.push(...keysLeftOut);
  const guessed = relationships.filter((r) => r.origin === 'inferred');
  if (guessed.length > 0) {
    notes.relationships = [`Inferred from column names (no foreign key declared), check them: ${guessed.map((r) => r.path).join(', ')}`];
  }

  const file: CatalogFile = {
    version: 1,
    settings: { data_latency_days: 1, ...(options.defaultRange ? { default_range: options.defaultRange } : {}) },
    views,
    relationships: relationships.map((r) => r.definition),
    access: [],
  };
  const yaml = renderCatalogYaml(file, notes);
  // A draft that does not load is a bug here, better found now than by the DBA.
  new CatalogLoader().loadSources([{ file: 'drafted.yaml', text: yaml }]);
  return {
    file,
    yaml,
    report: {
      views: views.map((v) => summarize(v, drafted.find((d) => d.view === v.name)!.relation)),
      relationships: relationships.map((r) => ({ name: r.definition.name ?? r.definition.to, path: r.path, origin: r.origin })),
      leftOut,
      seconds: Math.round((performance.now() - started) / 10) / 100,
    },
  };
}

/**
 * The relations to draft, those in default schemas first so that they get the bare names. Asked
 * for none by name, a database view whose columns all are columns of one table is left out: it is
 * most likely a filtered copy of that table, and as the narrower view it would answer the table's
 * questions with part of its rows.
 */
function pickRelations(all: RelationInfo[], bare: ReadonlySet<string>, wanted: string[] | undefined, leftOut: string[]): RelationInfo[] {
  const ordered = [...all].sort(
    (a, b) => Number(!bare.has(a.schema)) - Number(!bare.has(b.schema)) || a.schema.localeCompare(b.schema) || a.name.localeCompare(b.name),
  );
  if (!wanted || wanted.length === 0) {
    return ordered.filter((r) => {
      const table = r.kind === 'view' ? ordered.find((t) => t.kind === 'table' && r.columns.every((c) => t.columns.some((tc) => tc.name === c.name))) : undefined;
      if (table) leftOut.push(`view ${r.schema}.${r.name}: its columns are all in table ${table.name}, so it looks like a filtered copy that would answer the table's questions with part of its rows (name it with --relations to draft it)`);
      return !table;
    });
  }
  return wanted.map((name) => {
    const found = ordered.find((r) => `${r.schema}.${r.name}` === name) ?? ordered.find((r) => r.name === name);
    if (!found) {
      const known = ordered.map((r) => (bare.has(r.schema) ? r.name : `${r.schema}.${r.name}`));
      throw new ChatbiError('INVALID_REQUEST', `relation ${name} is not in the warehouse; it has ${known.join(', ') || 'no relations'}`);
    }
    return found;
  });
}

/** Schemas named without a prefix: DuckDB's and SQLite's main, PostgreSQL's public, or the only schema there is (a MySQL database). */
function bareSchemas(all: readonly RelationInfo[]): Set<string> {
  const schemas = new Set(all.map((r) => r.schema));
  return schemas.size === 1 ? schemas : new Set([...schemas].filter((s) => DEFAULT_SCHEMAS.has(s)));
}

function summarize(view: ViewDefinition, relation: RelationInfo): DraftedViewSummary {
  const roles: Partial<Record<ColumnRole, number>> = {};
  for (const c of view.columns) roles[c.role] = (roles[c.role] ?? 0) + 1;
  return {
    view: view.name,
    source: view.source ?? view.name,
    kind: relation.kind,
    ...(view.row_count !== undefined ? { rows: view.row_count } : {}),
    roles,
    ...(view.columns.find((c) => c.role === 'time') ? { time: view.columns.find((c) => c.role === 'time')!.name } : {}),
    ...(view.row_key ? { rowKey: view.row_key } : {}),
    ...(view.virtual_columns[0] ? { count: view.virtual_columns[0].key } : {}),
  };
}
