import type { Aggregation } from '@chatbi/contracts';
import type { RelationInfo, Warehouse } from '@chatbi/warehouse';
import { isPhysicalName, type ColumnDefinition, type ColumnRole, type ColumnType, type ViewDefinition } from '../catalog-file.schema';
import { countColumn, nameAliases, viewAliases } from './alias.drafter';
import { catalogKey, UniqueKeys } from './catalog-key.namer';
import { draftColumnDescription, draftViewDescription } from './column-description.drafter';
import { catalogTypeOf, eventTimeScore, guessAggregation, looksLikeId, looksLikeLabel, looksLikeProse } from './column-role.guesser';
import type { DraftViewNotes } from './catalog-yaml.renderer';
import { nameWords, singular } from './name-words';

export interface ViewDraftOptions {
  /** Strings with at most this many distinct values become dimensions with enum values. */
  enumLimit: number;
  /** Reads declared types by SQLite's affinity rules. */
  affinity: boolean;
}

export interface DraftedView {
  view: ViewDefinition;
  notes: DraftViewNotes;
  /** Kept columns by warehouse name: their catalog key and type. */
  columns: Map<string, { key: string; type: ColumnType }>;
  /** Columns left out, with why. */
  leftOut: string[];
}

/** Strings longer than this on average read as prose (text), not as names of things. */
const PROSE_LENGTH = 60;
const MAX_VALUE_LENGTH = 200;

interface TypedColumn {
  physical: string;
  key: string;
  words: string[];
  type: ColumnType;
  comment?: string;
}

/**
 * Drafts one catalog view from a relation: warehouse names kept in `source:`, snake_case keys,
 * roles from keys, types, names and the data (distinct values of strings), one event-time column
 * at most, a row-count metric, and the primary key as row_key.
 */
export async function draftView(
  warehouse: Warehouse,
  relation: RelationInfo,
  names: { key: string; source: string },
  options: ViewDraftOptions,
): Promise<DraftedView> {
  const { key: viewKey, source } = names;
  const qualified = `${relation.schema}.${relation.name}`;
  const notes: DraftViewNotes = { header: [], columns: new Map() };
  const leftOut: string[] = [];
  const columnKeys = new UniqueKeys();
  const typed: TypedColumn[] = [];
  relation.columns.forEach((c, i) => {
    const type = catalogTypeOf(c.type, { affinity: options.affinity });
    if (!isPhysicalName(c.name)) leftOut.push(`${relation.name}.${c.name}: its name has a quote, dot or control character, which no catalog source may hold`);
    else if (!type) leftOut.push(`${relation.name}.${c.name} (${c.type}): a type ChatBI does not query`);
    else typed.push({ physical: c.name, key: columnKeys.claim(catalogKey(c.name, `column_${i + 1}`)), words: nameWords(c.name), type, ...(c.comment ? { comment: c.comment } : {}) });
  });

  const rows = await warehouse.rowCount(source).catch((error: unknown) => {
    notes.header.push(`rows not counted: ${error instanceof Error ? error.message : String(error)}`);
    return undefined;
  });
  notes.header.unshift(`from ${relation.kind} ${qualified}${rows === undefined ? '' : `, ${rows.toLocaleString('en-US')} rows`}`);

  const keyColumns = idColumns(relation, typed);
  const time = pickEventTime(typed.filter((c) => !keyColumns.has(c.physical)));
  const facts = relation.foreignKeys.length > 0 || time !== undefined || relation.primaryKey.length === 0;
  const columns: ColumnDefinition[] = [];
  for (const c of typed) {
    const column: ColumnDefinition = {
      name: c.key,
      ...(c.key !== c.physical ? { source: c.physical } : {}),
      type: c.type,
      role: 'dimension',
      description: draftColumnDescription(source, c.physical, c.comment),
      aliases: nameAliases(c.physical),
    };
    const role = await draftRole(warehouse, source, c, { keyColumns, time, facts, enumLimit: options.enumLimit });
    column.role = role.role;
    if (role.agg) column.agg = role.agg;
    if (role.values) column.values = role.values.map((value) => ({ value, aliases: { en: [], zh: [] } }));
    if (role.note) notes.columns.set(c.key, role.note);
    columns.push(column);
  }

  const view: ViewDefinition = {
    name: viewKey,
    ...(source !== viewKey ? { source } : {}),
    ...(rows !== undefined ? { row_count: rows } : {}),
    description: draftViewDescription(source, relation.kind, relation.comment),
    aliases: viewAliases(relation.name),
    settings: {},
    ...rowKeyOf(relation, typed, notes),
    columns,
    virtual_columns: [],
  };
  labelPrimaryKey(view, relation, typed);
  if (columns.length > 0) view.virtual_columns.push(countColumn(viewKey, (k) => columnKeys.has(k)));
  return { view, notes, columns: new Map(typed.map((c) => [c.physical, { key: c.key, type: c.type }])), leftOut };
}

interface RoleDraft {
  role: ColumnRole;
  agg?: Aggregation;
  values?: string[];
  note?: string;
}

async function draftRole(
  warehouse: Warehouse,
  source: string,
  c: TypedColumn,
  context: { keyColumns: ReadonlySet<string>; time?: string; facts: boolean; enumLimit: number },
): Promise<RoleDraft> {
  if (c.physical === context.time) return { role: 'time', note: 'when a row happened: time filters and trends read it' };
  if (context.keyColumns.has(c.physical)) return c.type === 'string' ? { role: 'id', ...(await codeValues(warehouse, source, c, context.enumLimit)) } : { role: 'id' };
  if (c.type === 'date' || c.type === 'timestamp') return { role: 'dimension', note: 'a date that describes the row, not when it happened' };
  if (c.type === 'boolean') return { role: 'dimension' };
  if (looksLikeId(c.words)) return { role: 'id' };
  if (c.type === 'integer' || c.type === 'decimal') {
    const guess = guessAggregation(c.words, { facts: context.facts });
    return { role: 'metric', agg: guess.agg, note: guess.reason };
  }
  let sampled: { values: unknown[]; more: boolean };
  try {
    sampled = await warehouse.distinctValues(source, c.physical, context.enumLimit);
  } catch (error) {
    // A huge table may take longer than the metadata timeout: draft without its values rather than fail.
    const role = looksLikeProse(c.words) ? 'text' : 'dimension';
    return { role, note: `values not read (${error instanceof Error ? error.message : String(error)})` };
  }
  const { values, more } = sampled;
  const strings = values.filter((v): v is string => typeof v === 'string');
  const averageLength = strings.length ? strings.reduce((n, s) => n + s.length, 0) / strings.length : 0;
  if (looksLikeProse(c.words) || averageLength > PROSE_LENGTH) return { role: 'text', note: 'free text: read by semantic operators, not grouped by' };
  if (values.length === 0) return { role: 'dimension', note: 'no values yet' };
  const usable = strings.length === values.length && strings.every((s) => s.trim().length > 0 && s.length <= MAX_VALUE_LENGTH);
  if (!more && usable) return { role: 'dimension', values: [...strings].sort() };
  return { role: 'dimension', note: more ? `more than ${context.enumLimit} distinct values: filtered by value, none listed` : 'values not listed (numbers or long strings)' };
}

/**
 * The values of a string key with few of them, when they read as codes ("APG", "ORD"): questions
 * name rows by their codes ("flights departing from APG"), and the reading finds them as values.
 */
async function codeValues(warehouse: Warehouse, source: string, c: TypedColumn, enumLimit: number): Promise<{ values?: string[] }> {
  const sampled = await warehouse.distinctValues(source, c.physical, enumLimit).catch(() => undefined);
  if (!sampled || sampled.more || sampled.values.length === 0) return {};
  const codes = sampled.values.every((v) => typeof v === 'string' && /^\s*[A-Za-z0-9][\w.-]{0,11}\s*$/.test(v));
  return codes ? { values: (sampled.values as string[]).sort() } : {};
}

/**
 * Columns that identify rows or point at other rows: a single-column primary key, foreign keys,
 * and the members of a composite primary key except its dates (a daily table's day is its time)
 * and strings whose names are no ids (its app_name is a dimension).
 */
function idColumns(relation: RelationInfo, typed: readonly TypedColumn[]): Set<string> {
  const ids = new Set(relation.foreignKeys.flatMap((fk) => fk.columns));
  if (relation.primaryKey.length === 1) ids.add(relation.primaryKey[0]);
  for (const member of relation.primaryKey.length > 1 ? relation.primaryKey : []) {
    const c = typed.find((t) => t.physical === member);
    if (c && c.type !== 'date' && c.type !== 'timestamp' && (c.type !== 'string' || looksLikeId(c.words))) ids.add(member);
  }
  return ids;
}

/** The column that most plausibly holds when each row happened, by name and type; none for entities. */
function pickEventTime(columns: readonly TypedColumn[]): string | undefined {
  let best: { physical: string; score: number } | undefined;
  for (const c of columns) {
    if (c.type !== 'date' && c.type !== 'timestamp') continue;
    const score = eventTimeScore(c.words, c.type);
    if (score !== undefined && (!best || score > best.score)) best = { physical: c.physical, score };
  }
  return best?.physical;
}

/** A declared single-column primary key is the row key; a composite one cannot be (row_key names one column). */
function rowKeyOf(relation: RelationInfo, typed: readonly TypedColumn[], notes: DraftViewNotes): { row_key?: string } {
  const pk = relation.primaryKey;
  if (pk.length === 0) {
    if (relation.kind === 'table') notes.header.push('no primary key: no row_key (semantic operators need one to name rows)');
    return {};
  }
  if (pk.length > 1) {
    notes.header.push(`primary key (${pk.join(', ')}) is composite: no row_key (it names one column)`);
    return {};
  }
  const key = typed.find((c) => c.physical === pk[0])?.key;
  return key ? { row_key: key } : {};
}

/** The primary key's label: the column that names the entity (AirportName for AirportCode), by name. */
function labelPrimaryKey(view: ViewDefinition, relation: RelationInfo, typed: readonly TypedColumn[]): void {
  if (!view.row_key) return;
  const entity = singular(nameWords(relation.name).pop() ?? '');
  const labels = typed.filter((c) => c.type === 'string' && looksLikeLabel(c.words));
  const label = labels.find((c) => c.words.includes(entity)) ?? labels[0];
  const key = view.columns.find((c) => c.name === view.row_key);
  if (label && key && label.key !== key.name) key.label_column = label.key;
}
