import type { Aggregation, TimeRange } from '@chatbi/contracts';
import type { RowFilterToken } from './access/row-filter';
import { referencedIdentifiers } from './virtual-expression';
import type {
  Aliases,
  ColumnRole,
  ColumnType,
  EnumValue,
  RelationshipDefinition,
  RelationshipKind,
  TimeRollup,
  ViewDefinition,
} from './catalog-file.schema';

export const DEFAULT_DATA_LATENCY_DAYS = 1;

/** A column a plan may name: a physical column of the view or one of its virtual columns. */
export interface CatalogColumn {
  name: string;
  /** Physical columns: the warehouse's own name (the catalog key unless the catalog says otherwise). */
  source: string;
  kind: 'physical' | 'virtual';
  type: ColumnType;
  role: ColumnRole;
  description: string;
  aliases: Aliases;
  values: EnumValue[];
  /** Physical metrics: the default aggregation. */
  agg?: Aggregation;
  /** Virtual columns: the SQL expression, with other virtual keys as bare identifiers. */
  expr?: string;
  /** Metrics counted per day: over longer periods, the average of the daily values. */
  timeRollup?: TimeRollup;
  /** Ids: the column naming the entity. */
  labelColumn?: string;
}

export interface CatalogView {
  name: string;
  source: string;
  description: string;
  aliases: Aliases;
  dataLatencyDays: number;
  /** The range a question reads when it names none; absent: every row. */
  defaultRange?: TimeRange;
  /** The metric a ranking that names none is by. */
  defaultMetric?: string;
  rowCount?: number;
  /** The column unique per row (catalog row_key), which semantic operators need; absent when not declared. */
  rowKey?: string;
  columns: CatalogColumn[];
  /** The file the view came from, for error messages and the DBA console. */
  sourceFile: string;
  /**
   * The catalog's access rules for this view (wildcard rules included); absent: open to everyone.
   * A view that has them is read only through Catalog.restrictedTo, which applies them.
   */
  access?: ViewAccessRule[];
  /**
   * Set on the views of a restricted catalog (Catalog.restrictedTo): the row filters of the user's
   * roles, any of which lets a row through, or null when the user reads every row.
   */
  rowPolicy?: RowFilterToken[][] | null;
}

/** One access rule as it applies to one view. */
export interface ViewAccessRule {
  role: string;
  /** The rows the role reads, parsed; absent: every row. */
  rows?: RowFilterToken[];
  /** The columns the role may not see (virtual columns over them are hidden as well). */
  hide: string[];
}

/** One step of a path along a relationship, from the view the path has reached. */
export interface PathStep {
  relationship: CatalogRelationship;
  /** Walked from -> to as written (true), or back from `to` to `from`. */
  forward: boolean;
  from: string;
  to: string;
  /** The step can meet several rows of `to` for one row of `from`. */
  toMany: boolean;
  /** Key pairs as [column of `from`, column of `to`]. */
  keys: [CatalogColumn, CatalogColumn][];
}

/** A column reference or relationship path the catalog cannot follow. */
export class PathError extends Error {}

/** A declared join, in the direction it was written. */
export interface CatalogRelationship {
  name: string;
  from: string;
  to: string;
  keys: { from: string; to: string }[];
  kind: RelationshipKind;
  description?: string;
  aliases: Aliases;
}

export class Catalog {
  private readonly byName: Map<string, CatalogView>;
  private readonly columnIndex: Map<string, Map<string, CatalogColumn>>;
  private readonly restrictions = new Map<string, Catalog>();

  constructor(
    readonly views: readonly CatalogView[],
    readonly hash: string,
    readonly relationships: readonly CatalogRelationship[] = [],
  ) {
    this.byName = new Map(views.map((v) => [v.name, v]));
    this.columnIndex = new Map(views.map((v) => [v.name, new Map(v.columns.map((c) => [c.name, c]))]));
  }

  view(name: string): CatalogView | undefined {
    return this.byName.get(name);
  }

  column(view: string, name: string): CatalogColumn | undefined {
    return this.columnIndex.get(view)?.get(name);
  }

  timeColumn(view: string): CatalogColumn | undefined {
    return this.byName.get(view)?.columns.find((c) => c.role === 'time');
  }

  /** Relationships with this view at either end. */
  relationshipsOf(view: string): CatalogRelationship[] {
    return this.relationships.filter((r) => r.from === view || r.to === view);
  }

  /**
   * The steps of a path of relationship names from a view (`dest_airport`, `airline.country`): a
   * step is named by the relationship's name from its `from` side, and by that name or by the
   * other view's name walking back from `to`. Throws PathError when a name fits none or several.
   */
  walk(from: string, names: readonly string[]): PathStep[] {
    const steps: PathStep[] = [];
    let at = from;
    for (const name of names) {
      const matches = this.relationships.filter(
        (r) => (r.from === at && r.name === name) || (r.to === at && (r.name === name || (r.from === name && r.from !== r.to))),
      );
      if (matches.length === 0) {
        const known = this.relationshipsOf(at).map((r) => (r.from === at ? r.name : r.from));
        throw new PathError(`${at} has no relationship named ${name} (${known.length ? `it has ${known.join(', ')}` : 'the catalog declares none for it'})`);
      }
      if (matches.length > 1) throw new PathError(`${name} names ${matches.length} relationships of ${at}; use one of their own names (${matches.map((r) => r.name).join(', ')})`);
      const r = matches[0];
      const forward = r.from === at && r.name === name;
      const keys = r.keys.map((k): [CatalogColumn, CatalogColumn] => {
        const a = this.column(r.from, k.from)!;
        const b = this.column(r.to, k.to)!;
        return forward ? [a, b] : [b, a];
      });
      const to = forward ? r.to : r.from;
      steps.push({ relationship: r, forward, from: at, to, toMany: forward ? r.kind === 'one_to_many' : r.kind === 'many_to_one', keys });
      at = to;
    }
    return steps;
  }

  /** A plan's column reference (`city`, `dest_airport.city`): the column and the path to its view. */
  resolveRef(view: string, ref: string): { column: CatalogColumn; view: string; steps: PathStep[] } {
    const names = ref.split('.');
    const name = names.pop()!;
    const steps = this.walk(view, names);
    const target = steps.length > 0 ? steps[steps.length - 1].to : view;
    const column = this.column(target, name);
    if (!column) throw new PathError(`view ${target}${steps.length > 0 ? ` (reached by ${names.join('.')})` : ''} has no column ${name}`);
    return { column, view: target, steps };
  }

  /** Whether any view has access rules, i.e. whether who asks changes what the catalog shows. */
  get hasAccessRules(): boolean {
    return this.views.some((v) => v.access !== undefined);
  }

  /**
   * The catalog as a user with these roles may see it: views closed to them gone, hidden columns
   * gone, and each remaining view's row filters in `rowPolicy`. One object per set of roles (the
   * schema linker's index is built once for it); the same catalog when no view has rules.
   */
  restrictedTo(roles: readonly string[]): Catalog {
    if (!this.hasAccessRules) return this;
    const key = [...new Set(roles)].sort().join('\u0000');
    let restricted = this.restrictions.get(key);
    if (!restricted) {
      restricted = restrictCatalog(this, new Set(roles), key);
      if (this.restrictions.size >= MAX_RESTRICTIONS) this.restrictions.delete(this.restrictions.keys().next().value!);
      this.restrictions.set(key, restricted);
    }
    return restricted;
  }

  /** Views that hold a column of this name. */
  viewsWithColumn(name: string): string[] {
    return this.views.filter((v) => this.columnIndex.get(v.name)!.has(name)).map((v) => v.name);
  }
}

/** Restricted catalogs kept per catalog (one per distinct set of roles seen). */
const MAX_RESTRICTIONS = 256;

function restrictCatalog(catalog: Catalog, roles: ReadonlySet<string>, key: string): Catalog {
  const views: CatalogView[] = [];
  const hiddenOf = new Map<string, Set<string>>();
  for (const view of catalog.views) {
    if (!view.access) {
      views.push({ ...view, rowPolicy: null });
      hiddenOf.set(view.name, new Set());
      continue;
    }
    const rules = view.access.filter((r) => roles.has(r.role));
    if (rules.length === 0) continue;
    const hidden = hiddenColumns(view, rules);
    hiddenOf.set(view.name, hidden);
    const columns = view.columns
      .filter((c) => !hidden.has(c.name))
      .map((c) => (c.labelColumn && hidden.has(c.labelColumn) ? { ...c, labelColumn: undefined } : c));
    const rowPolicy = rules.some((r) => !r.rows) ? null : rules.map((r) => r.rows!);
    const { access: _access, ...open } = view;
    views.push({
      ...open,
      columns,
      rowPolicy,
      ...(view.rowKey && hidden.has(view.rowKey) ? { rowKey: undefined } : {}),
      ...(view.defaultMetric && hidden.has(view.defaultMetric) ? { defaultMetric: undefined } : {}),
    });
  }
  const relationships = catalog.relationships.filter((r) => {
    const from = hiddenOf.get(r.from);
    const to = hiddenOf.get(r.to);
    return from && to && r.keys.every((k) => !from.has(k.from) && !to.has(k.to));
  });
  const digest = [...key].reduce((h, ch) => (Math.imul(h, 31) + ch.charCodeAt(0)) >>> 0, 7).toString(16);
  return new Catalog(views, `${catalog.hash}.${digest}`, relationships);
}

/** The columns every rule hides (a column any role shows is shown), and the virtual columns computed from them. */
function hiddenColumns(view: CatalogView, rules: readonly ViewAccessRule[]): Set<string> {
  const hidden = new Set(rules[0].hide.filter((name) => rules.every((r) => r.hide.includes(name))));
  let grew = true;
  while (grew) {
    grew = false;
    for (const c of view.columns) {
      if (c.kind !== 'virtual' || hidden.has(c.name)) continue;
      if (referencedIdentifiers(c.expr!).some((name) => hidden.has(name))) {
        hidden.add(c.name);
        grew = true;
      }
    }
  }
  return hidden;
}

/** Turns a validated YAML view into the runtime shape, inheriting file-level settings. */
export function toCatalogView(def: ViewDefinition, fileSettings: ViewDefinition['settings'], sourceFile: string): CatalogView {
  const physical: CatalogColumn[] = def.columns.map((c) => ({
    name: c.name,
    source: c.source ?? c.name,
    kind: 'physical',
    type: c.type,
    role: c.role,
    description: c.description,
    aliases: c.aliases,
    values: c.values ?? [],
    agg: c.role === 'metric' ? (c.agg ?? 'sum') : c.agg,
    ...(c.time_rollup ? { timeRollup: c.time_rollup } : {}),
    ...(c.label_column ? { labelColumn: c.label_column } : {}),
  }));
  const virtual: CatalogColumn[] = def.virtual_columns.map((v) => ({
    name: v.key,
    source: v.key,
    kind: 'virtual',
    type: v.type,
    role: v.role,
    description: v.description,
    aliases: v.aliases,
    values: v.values ?? [],
    expr: v.expr,
    ...(v.time_rollup ? { timeRollup: v.time_rollup } : {}),
  }));
  const defaultRange = def.settings.default_range ?? fileSettings.default_range;
  const rowCount = implicitRowCount(def, virtual);
  if (rowCount) virtual.push(rowCount);
  return {
    name: def.name,
    source: def.source ?? def.name,
    description: def.description,
    aliases: def.aliases,
    dataLatencyDays: def.settings.data_latency_days ?? fileSettings.data_latency_days ?? DEFAULT_DATA_LATENCY_DAYS,
    ...(defaultRange ? { defaultRange } : {}),
    ...(def.settings.default_metric ? { defaultMetric: def.settings.default_metric } : {}),
    ...(def.row_count !== undefined ? { rowCount: def.row_count } : {}),
    ...(def.row_key ? { rowKey: def.row_key } : {}),
    columns: [...physical, ...virtual],
    sourceFile,
  };
}

/** A relationship as the catalog holds it: named (by default after the view it leads to). */
export function toCatalogRelationship(def: RelationshipDefinition): CatalogRelationship {
  return {
    name: def.name ?? def.to,
    from: def.from,
    to: def.to,
    keys: def.keys,
    kind: def.kind,
    ...(def.description ? { description: def.description } : {}),
    aliases: def.aliases,
  };
}

/** The key of the metric every view has for counting its rows, unless its catalog defines one. */
export const ROW_COUNT_KEY = 'row_count';

/**
 * "How many singers are there?": every view can count its rows. Unless the catalog already has a
 * column of that name or a metric written count(*), the view gets `row_count`, named after the
 * view ("number of singers"), so that questions can link to it.
 */
function implicitRowCount(def: ViewDefinition, virtual: CatalogColumn[]): CatalogColumn | undefined {
  if (def.columns.some((c) => c.name === ROW_COUNT_KEY) || virtual.some((c) => c.name === ROW_COUNT_KEY)) return undefined;
  if (virtual.some((c) => c.role === 'metric' && /^\s*count\s*\(\s*\*\s*\)\s*$/i.test(c.expr ?? ''))) return undefined;
  const nouns = [def.name.replace(/_/g, ' ')];
  return {
    name: ROW_COUNT_KEY,
    source: ROW_COUNT_KEY,
    kind: 'virtual',
    type: 'integer',
    role: 'metric',
    description: `Number of rows of ${def.name} (counted by ChatBI; the catalog defines no count of its own)`,
    aliases: {
      en: nouns.flatMap((n) => [`number of ${n}`, `${n} count`, `count of ${n}`, `total ${n}`]),
      zh: [`${def.name}记录数`, '记录数', '行数'],
    },
    values: [],
    expr: 'count(*)',
  };
}
