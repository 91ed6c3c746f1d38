import type { ForeignKeyInfo, RelationInfo } from '@chatbi/warehouse';
import type { ColumnType, RelationshipDefinition } from '../catalog-file.schema';
import { nameWords, singular, withLastWord } from './name-words';

/** A relation as drafted: its view key and the catalog key and type of each kept column. */
export interface DraftedRelation {
  relation: RelationInfo;
  view: string;
  columns: ReadonlyMap<string, { key: string; type: ColumnType }>;
}

export interface DraftedRelationship {
  definition: RelationshipDefinition;
  /** Declared by a foreign key, or inferred from a column named after another table's primary key. */
  origin: 'declared' | 'inferred';
  /** How it reads: "flights.SourceAirport -> airports.AirportCode". */
  path: string;
}

export interface RelationshipDraft {
  relationships: DraftedRelationship[];
  /** Foreign keys that could not become relationships, with why. */
  leftOut: string[];
}

/** Primary-key names too common to mean "this table's key" when another table has a column of that name. */
const GENERIC_KEYS = new Set(['id', 'uid', 'uuid', 'guid', 'pk', 'key', 'code', 'no', 'number', 'name', 'rowid']);

/** Words that say which way a path goes, as questions say it. */
const DIRECTION_WORDS: Readonly<Record<string, string[]>> = {
  source: ['departing', 'departure', 'origin', 'leaving'],
  src: ['departing', 'departure', 'origin', 'leaving'],
  origin: ['departing', 'departure', 'leaving'],
  departure: ['departing', 'leaving', 'origin'],
  from: ['departing', 'origin'],
  dest: ['arriving', 'arrival', 'destination'],
  destination: ['arriving', 'arrival'],
  dst: ['arriving', 'arrival', 'destination'],
  arrival: ['arriving', 'destination'],
  to: ['arriving', 'destination'],
  home: ['home'],
  away: ['away'],
  parent: ['parent'],
  manager: ['manager', 'managed by'],
};

/**
 * Relationships between drafted views, from every foreign key (declared, or inferred by
 * inferForeignKeys) whose columns were all drafted at both ends. A path is named
 * after the target view, or after the role of its key column when the view has two paths to the
 * same target (flights.SourceAirport, flights.DestAirport -> source_airport, dest_airport).
 */
export function draftRelationships(drafted: readonly DraftedRelation[], viewKeys: ReadonlySet<string>, inferred: ReadonlySet<ForeignKeyInfo>): RelationshipDraft {
  const byRelation = new Map(drafted.map((d) => [`${d.relation.schema}.${d.relation.name}`, d]));
  const leftOut: string[] = [];
  const candidates: { from: DraftedRelation; to: DraftedRelation; pairs: [string, string][]; origin: DraftedRelationship['origin'] }[] = [];
  for (const from of drafted) {
    for (const fk of from.relation.foreignKeys) {
      const path = `${from.relation.name}(${fk.columns.join(', ')}) -> ${fk.references.name}(${fk.references.columns.join(', ')})`;
      const to = byRelation.get(`${fk.references.schema}.${fk.references.name}`);
      if (!to) {
        leftOut.push(`foreign key ${path}: ${fk.references.name} was not drafted`);
        continue;
      }
      const pairs = fk.columns.map((c, i): [string, string] => [c, fk.references.columns[i]]);
      const missing = pairs.flat().filter((c, i) => !(i % 2 === 0 ? from : to).columns.has(c));
      if (missing.length > 0) {
        leftOut.push(`foreign key ${path}: column ${missing.join(', ')} was left out`);
        continue;
      }
      candidates.push({ from, to, pairs, origin: inferred.has(fk) ? 'inferred' : 'declared' });
    }
  }

  const names = new Set<string>();
  const relationships = candidates.map((c): DraftedRelationship => {
    const keys = c.pairs.map(([f, t]) => ({ from: c.from.columns.get(f)!.key, to: c.to.columns.get(t)!.key }));
    const siblings = candidates.filter((o) => o.from === c.from && o.to === c.to).length;
    const roleWords = roleOf(keys.map((k) => k.from));
    const name = pathName(c.from.view, c.to.view, siblings > 1 ? roleWords.join('_') : undefined, viewKeys, names);
    const fromIsKey = sameSet(c.pairs.map(([f]) => f), c.from.relation.primaryKey);
    const direction = siblings > 1 ? [...new Set(roleWords.flatMap((w) => DIRECTION_WORDS[w] ?? []))] : [];
    return {
      definition: {
        ...(name !== c.to.view ? { name } : {}),
        from: c.from.view,
        to: c.to.view,
        keys,
        kind: fromIsKey ? 'one_to_one' : 'many_to_one',
        ...(c.origin === 'inferred' ? { description: `Inferred: ${c.from.relation.name}.${c.pairs[0][0]} has the name of ${c.to.relation.name}'s primary key (no foreign key is declared); check it.` } : {}),
        aliases: { en: siblings > 1 ? [...new Set([roleWords.join(' '), ...direction])] : [], zh: [] },
      },
      origin: c.origin,
      path: `${c.from.relation.name}.${c.pairs.map(([f]) => f).join('+')} -> ${c.to.relation.name}.${c.pairs.map(([, t]) => t).join('+')}`,
    };
  });
  return { relationships, leftOut };
}

/**
 * Foreign keys nobody declared but the names tell: a column with the name of another table's
 * single-column primary key (song.Singer_ID -> singer.Singer_ID), unless the name is too common to
 * mean it (id, code), or else a column named after the other table (flights.Airline ->
 * airlines.uid); of a type of the same kind as the key, and not its own table's key. Only
 * tables refer this way: a view's key columns are mostly copies of its table's key.
 */
export function inferForeignKeys(relations: readonly RelationInfo[], typeOf: (warehouseType: string) => ColumnType | undefined): Map<RelationInfo, ForeignKeyInfo[]> {
  const out = new Map<RelationInfo, ForeignKeyInfo[]>();
  const keyed = relations.filter((r) => r.primaryKey.length === 1 && !GENERIC_KEYS.has(nameWords(r.primaryKey[0]).join('_')));
  for (const from of relations.filter((r) => r.kind === 'table')) {
    const declared = new Set(from.foreignKeys.flatMap((fk) => fk.columns));
    for (const column of from.columns) {
      if (declared.has(column.name) || (from.primaryKey.length === 1 && from.primaryKey[0] === column.name)) continue;
      const sameType = (r: RelationInfo) => {
        const target = r.columns.find((c) => c.name === r.primaryKey[0]);
        return target !== undefined && typeOf(column.type) !== undefined && typeOf(target.type) === typeOf(column.type);
      };
      const to =
        keyed.find((r) => r !== from && r.primaryKey[0].toLowerCase() === column.name.toLowerCase() && sameType(r)) ??
        relations.find((r) => r !== from && r.primaryKey.length === 1 && namesTable(column.name, r.name) && sameType(r));
      if (!to) continue;
      out.set(from, [...(out.get(from) ?? []), { columns: [column.name], references: { schema: to.schema, name: to.name, columns: [...to.primaryKey] } }]);
    }
  }
  return out;
}

/**
 * A column named after another table, whose key it holds (flights.Airline -> airlines.uid,
 * orders.customer_id -> customers.id): its words without an id-ish tail are the table's name, one
 * row or many.
 */
function namesTable(column: string, table: string): boolean {
  const words = nameWords(column);
  const stem = (words.length > 1 && /^(id|uid|key|code|no|fk|ref)$/.test(words[words.length - 1]) ? words.slice(0, -1) : words).join('_');
  const tableWords = nameWords(table);
  return stem.length > 0 && (stem === tableWords.join('_') || stem === withLastWord(tableWords, singular).replace(/ /g, '_'));
}

/** The role of the key columns: their words without the id-ish tail (dest_airport_id -> dest airport). */
function roleOf(keyColumns: string[]): string[] {
  const words = keyColumns.join('_').split('_');
  const trimmed = words.length > 1 && /^(id|uid|key|code|no|fk|ref)$/.test(words[words.length - 1]) ? words.slice(0, -1) : words;
  return trimmed.filter(Boolean);
}

/**
 * A name no view uses for another path: the target's name (the default), the role's, else the
 * source view's or both, numbered last. A name may not be another view's (plans read it as a path).
 */
function pathName(from: string, to: string, role: string | undefined, viewKeys: ReadonlySet<string>, taken: Set<string>): string {
  const free = (name: string) => !taken.has(`${from}\u0000${name}`) && !taken.has(`${to}\u0000${name}`) && (!viewKeys.has(name) || name === from || name === to);
  const options = [role, role && `${role}_${to}`, to, from, `${from}_${to}`].filter((n): n is string => !!n && /^[a-z_][a-z0-9_]{0,62}$/.test(n));
  let name = options.find(free);
  for (let n = 2; !name; n++) name = [`${from}_${to}_${n}`.slice(0, 63)].find(free);
  taken.add(`${from}\u0000${name}`);
  taken.add(`${to}\u0000${name}`);
  return name;
}

function sameSet(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((x) => b.includes(x));
}
