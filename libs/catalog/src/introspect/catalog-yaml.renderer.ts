import { Document, isMap, isScalar, type YAMLMap, type YAMLSeq } from 'yaml';
import type { CatalogFile } from '../catalog-file.schema';

export interface DraftViewNotes {
  /** Lines shown above the view. */
  header: string[];
  /** Short notes shown after a column's role, by column name. */
  columns: Map<string, string>;
}

export interface DraftNotes {
  header: string[];
  views: Map<string, DraftViewNotes>;
}

/** Renders a drafted catalog as YAML a DBA can read: defaults left out, notes as comments. */
export function renderCatalogYaml(file: CatalogFile, notes: DraftNotes): string {
  const doc = new Document(compact(file));
  doc.commentBefore = notes.header.map((line) => ` ${line}`).join('\n');
  const latency = doc.getIn(['settings', 'data_latency_days'], true);
  if (isScalar(latency)) latency.comment = ' days from today to the latest complete day: 1 means "the last 7 days" ends yesterday';
  file.views.forEach((view, i) => {
    const viewNotes = notes.views.get(view.name);
    const viewNode = doc.getIn(['views', i], true) as YAMLMap;
    if (viewNotes?.header.length) viewNode.commentBefore = viewNotes.header.map((line) => ` ${line}`).join('\n');
    view.columns.forEach((column, j) => {
      const role = doc.getIn(['views', i, 'columns', j, 'role'], true);
      const note = viewNotes?.columns.get(column.name);
      if (note && isScalar(role)) role.comment = ` ${note}`;
      const values = doc.getIn(['views', i, 'columns', j, 'values'], true) as YAMLSeq | undefined;
      values?.items.forEach((item) => {
        if (isMap(item)) item.flow = true;
      });
    });
  });
  return doc.toString({ lineWidth: 0 });
}

function compact(file: CatalogFile): unknown {
  return {
    version: file.version,
    settings: file.settings,
    views: file.views.map((view) => ({
      name: view.name,
      ...(view.source ? { source: view.source } : {}),
      description: view.description,
      ...withAliases(view.aliases),
      ...(Object.keys(view.settings).length ? { settings: view.settings } : {}),
      columns: view.columns.map((column) => ({
        name: column.name,
        type: column.type,
        role: column.role,
        ...(column.agg ? { agg: column.agg } : {}),
        description: column.description,
        ...withAliases(column.aliases),
        ...(column.values ? { values: column.values.map((v) => ({ value: v.value, ...withAliases(v.aliases) })) } : {}),
      })),
      ...(view.virtual_columns.length ? { virtual_columns: view.virtual_columns } : {}),
    })),
  };
}

function withAliases(aliases: { en: string[]; zh: string[] }): { aliases?: { en?: string[]; zh?: string[] } } {
  if (aliases.en.length === 0 && aliases.zh.length === 0) return {};
  return { aliases: { ...(aliases.en.length ? { en: aliases.en } : {}), ...(aliases.zh.length ? { zh: aliases.zh } : {}) } };
}
