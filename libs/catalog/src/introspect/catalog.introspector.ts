import { ChatbiError, IDENTIFIER_PATTERN } from '@chatbi/contracts';
import type { RelationInfo, Warehouse } from '@chatbi/warehouse';
import type { CatalogFile, ColumnDefinition, ViewDefinition } from '../catalog-file.schema';
import { CatalogLoader } from '../catalog-loader';
import { draftColumnDescription, draftViewDescription } from './column-description.drafter';
import { catalogTypeOf, looksLikeId, looksLikeRate, looksLikeText, timeColumnScore } from './column-role.guesser';
import { renderCatalogYaml, type DraftNotes, type DraftViewNotes } from './catalog-yaml.renderer';

export interface IntrospectOptions {
  /** Relations to draft, as "name" or "schema.name"; default every table and view. */
  relations?: string[];
  /** Strings with at most this many distinct values become dimensions with enum values; default 50. */
  enumLimit?: number;
}

export interface IntrospectedCatalog {
  file: CatalogFile;
  yaml: string;
}

/** Schemas whose relations need no schema prefix in a view's source. */
const DEFAULT_SCHEMAS = new Set(['main', 'public']);
const PLAIN_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;
const EMPTY_ALIASES = () => ({ en: [] as string[], zh: [] as string[] });

/**
 * Drafts a catalog from what the warehouse holds: one view per relation, column roles guessed from
 * types and names, enum values read for small string columns. The YAML is a starting point for a
 * DBA, and always loads as it is.
 */
export async function introspectCatalog(warehouse: Warehouse, options: IntrospectOptions = {}): Promise<IntrospectedCatalog> {
  const enumLimit = options.enumLimit ?? 50;
  if (!Number.isInteger(enumLimit) || enumLimit < 1) {
    throw new ChatbiError('INVALID_REQUEST', `enumLimit must be a whole number of 1 or more, got ${enumLimit}`);
  }
  const relations = pickRelations(await warehouse.relations(), options.relations);
  const notes: DraftNotes = {
    header: [
      `Drafted by ChatBI from a ${warehouse.dialect} warehouse: review before use.`,
      'Roles were guessed from types and names; descriptions were drafted from names.',
      'Add aliases ({ en: [...], zh: [...] }) to views, columns and values, and virtual_columns for',
      'metrics such as dau: count(distinct uid).',
    ],
    views: new Map(),
  };
  const views: ViewDefinition[] = [];
  const taken = new Set<string>();
  const skipped: string[] = [];
  for (const relation of relations) {
    const drafted = await draftView(warehouse, relation, enumLimit, taken);
    if (!drafted) {
      skipped.push(`${relation.schema}.${relation.name}`);
      continue;
    }
    taken.add(drafted.view.name);
    views.push(drafted.view);
    notes.views.set(drafted.view.name, drafted.notes);
  }
  if (skipped.length) notes.header.push(`Skipped (names or columns a catalog cannot use): ${skipped.join(', ')}`);
  if (views.length === 0) {
    throw new ChatbiError('CATALOG_INVALID', 'the warehouse has no table or view that a catalog view can be drafted from');
  }
  const file: CatalogFile = { version: 1, settings: { data_latency_days: 1 }, views, relationships: [], access: [] };
  const yaml = renderCatalogYaml(file, notes);
  // A draft that does not load is a bug here, better found now than by the DBA.
  new CatalogLoader().loadSources([{ file: 'introspected.yaml', text: yaml }]);
  return { file, yaml };
}

/** Relations in default schemas come first, so that they get the bare names. */
function pickRelations(all: RelationInfo[], wanted: string[] | undefined): RelationInfo[] {
  const ordered = [...all].sort(
    (a, b) =>
      Number(!DEFAULT_SCHEMAS.has(a.schema)) - Number(!DEFAULT_SCHEMAS.has(b.schema)) ||
      a.schema.localeCompare(b.schema) ||
      a.name.localeCompare(b.name),
  );
  if (!wanted || wanted.length === 0) return ordered;
  return wanted.map((name) => {
    const found = ordered.find((r) => `${r.schema}.${r.name}` === name) ?? ordered.find((r) => r.name === name);
    if (!found) {
      const known = ordered.map((r) => (DEFAULT_SCHEMAS.has(r.schema) ? r.name : `${r.schema}.${r.name}`));
      throw new ChatbiError('INVALID_REQUEST', `relation ${name} is not in the warehouse; it has ${known.join(', ') || 'no relations'}`);
    }
    return found;
  });
}

async function draftView(
  warehouse: Warehouse,
  relation: RelationInfo,
  enumLimit: number,
  taken: ReadonlySet<string>,
): Promise<{ view: ViewDefinition; notes: DraftViewNotes } | undefined> {
  if (!PLAIN_NAME.test(relation.schema) || !PLAIN_NAME.test(relation.name)) return undefined;
  const qualified = `${relation.schema}.${relation.name}`;
  const source = DEFAULT_SCHEMAS.has(relation.schema) ? relation.name : qualified;
  const name = viewName(relation, taken);
  const notes: DraftViewNotes = { header: [`from ${relation.kind} ${qualified}`], columns: new Map() };
  const unusable: string[] = [];

  const typed = relation.columns.flatMap((c) => {
    const type = catalogTypeOf(c.type);
    if (!IDENTIFIER_PATTERN.test(c.name) || !type) {
      unusable.push(`${c.name} (${c.type})`);
      return [];
    }
    return [{ name: c.name, type, warehouseType: c.type }];
  });
  if (typed.length === 0) return undefined;

  const time = pickTimeColumn(typed);
  const columns: ColumnDefinition[] = [];
  for (const c of typed) {
    const column: ColumnDefinition = {
      name: c.name,
      type: c.type,
      role: 'dimension',
      description: draftColumnDescription(source, c.name),
      aliases: EMPTY_ALIASES(),
    };
    if (c.type === 'date' || c.type === 'timestamp') {
      column.role = c.name === time ? 'time' : 'dimension';
    } else if (c.type === 'integer' || c.type === 'decimal') {
      if (looksLikeId(c.name)) column.role = 'id';
      else {
        column.role = 'metric';
        column.agg = 'sum';
        if (looksLikeRate(c.name)) notes.columns.set(c.name, 'a rate or average: summing it is wrong, use a virtual column');
      }
    } else if (c.type === 'string') {
      if (looksLikeId(c.name)) column.role = 'id';
      else await draftStringColumn(warehouse, qualified, column, enumLimit, notes);
    }
    columns.push(column);
  }
  if (unusable.length) notes.header.push(`columns left out (not lower-case identifiers or unsupported types): ${unusable.join(', ')}`);
  return {
    view: {
      name,
      ...(source !== name ? { source } : {}),
      description: draftViewDescription(source, relation.kind),
      aliases: EMPTY_ALIASES(),
      settings: {},
      columns,
      virtual_columns: [],
    },
    notes,
  };
}

async function draftStringColumn(
  warehouse: Warehouse,
  relation: string,
  column: ColumnDefinition,
  enumLimit: number,
  notes: DraftViewNotes,
): Promise<void> {
  const { values, more } = await warehouse.distinctValues(relation, column.name, enumLimit);
  const usable = values.filter((v): v is string => typeof v === 'string' && v.length >= 1 && v.length <= 200);
  if (!more && usable.length === values.length) {
    column.role = 'dimension';
    column.values = [...usable].sort().map((value) => ({ value, aliases: EMPTY_ALIASES() }));
    return;
  }
  column.role = 'text';
  if (!looksLikeText(column.name)) {
    notes.columns.set(
      column.name,
      more ? `more than ${enumLimit} distinct values; if it is a category, make it a dimension` : 'values too long or empty for an enum',
    );
  }
}

function pickTimeColumn(columns: { name: string; type: string }[]): string | undefined {
  let best: { name: string; score: number } | undefined;
  for (const c of columns) {
    if (c.type !== 'date' && c.type !== 'timestamp') continue;
    const score = timeColumnScore(c.name, c.type);
    if (!best || score > best.score) best = { name: c.name, score };
  }
  return best?.name;
}

function viewName(relation: RelationInfo, taken: ReadonlySet<string>): string {
  const base = (s: string) => {
    const cleaned = s.toLowerCase().replace(/[^a-z0-9_]/g, '_');
    return (/^[a-z_]/.test(cleaned) ? cleaned : `v_${cleaned}`).slice(0, 63);
  };
  let name = base(relation.name);
  if (taken.has(name)) name = base(`${relation.schema}_${relation.name}`);
  for (let n = 2; taken.has(name); n++) name = `${base(relation.name).slice(0, 58)}_${n}`;
  return name;
}
