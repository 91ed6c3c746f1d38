import type { Aggregation } from '@chatbi/contracts';
import type { Aliases, ColumnRole, ColumnType, EnumValue, ViewDefinition } from './catalog-file.schema';

export const DEFAULT_DATA_LATENCY_DAYS = 1;

/** A column a plan may name: a physical column of the view or one of its virtual columns. */
export interface CatalogColumn {
  name: string;
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
}

export interface CatalogView {
  name: string;
  source: string;
  description: string;
  aliases: Aliases;
  dataLatencyDays: number;
  /** The column unique per row (catalog row_key), which semantic operators need; absent when not declared. */
  rowKey?: string;
  columns: CatalogColumn[];
  /** The file the view came from, for error messages and the DBA console. */
  sourceFile: string;
}

export class Catalog {
  private readonly byName: Map<string, CatalogView>;
  private readonly columnIndex: Map<string, Map<string, CatalogColumn>>;

  constructor(
    readonly views: readonly CatalogView[],
    readonly hash: string,
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

  /** Views that hold a column of this name. */
  viewsWithColumn(name: string): string[] {
    return this.views.filter((v) => this.columnIndex.get(v.name)!.has(name)).map((v) => v.name);
  }
}

/** Turns a validated YAML view into the runtime shape, inheriting file-level settings. */
export function toCatalogView(def: ViewDefinition, fileLatency: number | undefined, sourceFile: string): CatalogView {
  const physical: CatalogColumn[] = def.columns.map((c) => ({
    name: c.name,
    kind: 'physical',
    type: c.type,
    role: c.role,
    description: c.description,
    aliases: c.aliases,
    values: c.values ?? [],
    agg: c.role === 'metric' ? (c.agg ?? 'sum') : c.agg,
  }));
  const virtual: CatalogColumn[] = def.virtual_columns.map((v) => ({
    name: v.key,
    kind: 'virtual',
    type: v.type,
    role: v.role,
    description: v.description,
    aliases: v.aliases,
    values: v.values ?? [],
    expr: v.expr,
  }));
  return {
    name: def.name,
    source: def.source ?? def.name,
    description: def.description,
    aliases: def.aliases,
    dataLatencyDays: def.settings.data_latency_days ?? fileLatency ?? DEFAULT_DATA_LATENCY_DAYS,
    ...(def.row_key ? { rowKey: def.row_key } : {}),
    columns: [...physical, ...virtual],
    sourceFile,
  };
}
