import { Document, isMap, isScalar, isSeq, type YAMLMap, type YAMLSeq } from 'yaml';
import type { Aliases, CatalogFile } from '../catalog-file.schema';

export interface DraftViewNotes {
  /** Lines shown above the view. */
  header: string[];
  /** Short notes shown after a column's role, by column name. */
  columns: Map<string, string>;
}

export interface DraftNotes {
  header: string[];
  views: Map<string, DraftViewNotes>;
  /** Lines shown above the relationships. */
  relationships?: string[];
}

/** Renders a drafted catalog as YAML a DBA can read: defaults left out, notes as comments, short lists on one line. */
export function renderCatalogYaml(file: CatalogFile, notes: DraftNotes): string {
  const doc = new Document(compact(file));
  doc.commentBefore = notes.header.map((line) => ` ${line}`).join('\n');
  const latency = doc.getIn(['settings', 'data_latency_days'], true);
  if (isScalar(latency)) latency.comment = ' days from today to the latest complete day: 1 means "the last 7 days" ends yesterday';
  file.views.forEach((view, i) => {
    const viewNotes = notes.views.get(view.name);
    const viewNode = doc.getIn(['views', i], true) as YAMLMap;
    if (viewNotes?.header.length) viewNode.commentBefore = viewNotes.header.map((line) => ` ${line}`).join('\n');
    flowAliases(doc.getIn(['views', i, 'aliases'], true));
    view.columns.forEach((column, j) => {
      const role = doc.getIn(['views', i, 'columns', j, 'role'], true);
      const note = viewNotes?.columns.get(column.name);
      if (note && isScalar(role)) role.comment = ` ${note}`;
      flowAliases(doc.getIn(['views', i, 'columns', j, 'aliases'], true));
      const values = doc.getIn(['views', i, 'columns', j, 'values'], true) as YAMLSeq | undefined;
      values?.items.forEach((item) => {
        if (isMap(item)) item.flow = true;
      });
    });
    view.virtual_columns.forEach((_, j) => flowAliases(doc.getIn(['views', i, 'virtual_columns', j, 'aliases'], true)));
  });
  const relationships = doc.get('relationships', true);
  if (isSeq(relationships)) {
    if (notes.relationships?.length) relationships.commentBefore = notes.relationships.map((line) => ` ${line}`).join('\n');
    relationships.items.forEach((item, i) => {
      const keys = doc.getIn(['relationships', i, 'keys'], true) as YAMLSeq | undefined;
      keys?.items.forEach((k) => {
        if (isMap(k)) k.flow = true;
      });
      flowAliases(doc.getIn(['relationships', i, 'aliases'], true));
    });
  }
  return doc.toString({ lineWidth: 0 });
}

function flowAliases(node: unknown): void {
  if (!isMap(node)) return;
  node.flow = true;
}

function compact(file: CatalogFile): unknown {
  return {
    version: file.version,
    settings: file.settings,
    views: file.views.map((view) => ({
      name: view.name,
      ...(view.source ? { source: view.source } : {}),
      ...(view.row_count !== undefined ? { row_count: view.row_count } : {}),
      description: view.description,
      ...withAliases(view.aliases),
      ...(Object.keys(view.settings).length ? { settings: view.settings } : {}),
      ...(view.row_key ? { row_key: view.row_key } : {}),
      columns: view.columns.map((column) => ({
        name: column.name,
        ...(column.source ? { source: column.source } : {}),
        type: column.type,
        role: column.role,
        ...(column.agg ? { agg: column.agg } : {}),
        ...(column.label_column ? { label_column: column.label_column } : {}),
        description: column.description,
        ...withAliases(column.aliases),
        ...(column.values ? { values: column.values.map((v) => ({ value: v.value, ...withAliases(v.aliases) })) } : {}),
      })),
      ...(view.virtual_columns.length
        ? { virtual_columns: view.virtual_columns.map(({ aliases, ...v }) => ({ ...v, ...withAliases(aliases) })) }
        : {}),
    })),
    ...(file.relationships.length
      ? {
          relationships: file.relationships.map(({ aliases, ...r }) => ({
            ...(r.name ? { name: r.name } : {}),
            from: r.from,
            to: r.to,
            keys: r.keys,
            kind: r.kind,
            ...(r.description ? { description: r.description } : {}),
            ...withAliases(aliases),
          })),
        }
      : {}),
  };
}

function withAliases(aliases: Aliases): { aliases?: { en?: string[]; zh?: string[] } } {
  if (aliases.en.length === 0 && aliases.zh.length === 0) return {};
  return { aliases: { ...(aliases.en.length ? { en: aliases.en } : {}), ...(aliases.zh.length ? { zh: aliases.zh } : {}) } };
}
