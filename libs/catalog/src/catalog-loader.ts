import { createHash } from 'node:crypto';
import { lstatSync, readdirSync, readFileSync, realpathSync, statSync } from 'node:fs';
import { basename, join, sep } from 'node:path';
import { ChatbiError } from '@chatbi/contracts';
import { Document, LineCounter, isNode, parseDocument } from 'yaml';
import { Catalog, CatalogRelationship, CatalogView, toCatalogRelationship, toCatalogView } from './catalog';
import { attachAccessRules, type LocatedAccessRule } from './access/access-rules.loader';
import { catalogFileSchema, type CatalogFile, type ViewDefinition } from './catalog-file.schema';
import { ExpressionError, expandVirtual } from './virtual-expression';

export interface CatalogProblem {
  file: string;
  line: number;
  column: number;
  path: string;
  message: string;
}

export class CatalogValidationError extends ChatbiError {
  constructor(readonly problems: CatalogProblem[]) {
    super(
      'CATALOG_INVALID',
      problems
        .slice(0, 20)
        .map((p) => `${p.file}:${p.line}:${p.column} ${p.path ? `${p.path}: ` : ''}${p.message}`)
        .join('\n'),
      { problems: problems.slice(0, 100) },
    );
  }
}

type PathSegment = string | number;

/** Aliases a catalog file may expand (YAML anchors are handy for shared aliases; thousands are an attack). */
const MAX_ALIAS_COUNT = 200;

/** Whether a directory entry, links followed, is inside the directory: a catalog never reads a file elsewhere. */
export function isInsideDirectory(dir: string, name: string): boolean {
  try {
    const root = realpathSync(dir);
    return realpathSync(join(dir, name)).startsWith(root + sep);
  } catch {
    return false;
  }
}

/** Parses and validates catalog YAML files; every problem names the file and line. */
export class CatalogLoader {
  loadDirectory(dir: string): Catalog {
    let entries: string[];
    try {
      entries = readdirSync(dir).filter((f) => /\.ya?ml$/.test(f)).sort();
    } catch {
      throw new ChatbiError('CATALOG_INVALID', `catalog directory ${dir} cannot be read`);
    }
    if (entries.length === 0) throw new ChatbiError('CATALOG_INVALID', `catalog directory ${dir} holds no .yaml files`);
    const outside = entries.filter((f) => lstatSync(join(dir, f)).isSymbolicLink() && !isInsideDirectory(dir, f));
    if (outside.length > 0) {
      throw new ChatbiError('CATALOG_INVALID', `catalog files must lie inside ${dir}; these link elsewhere: ${outside.join(', ')}`);
    }
    return this.loadSources(
      entries
        .map((f) => join(dir, f))
        .filter((p) => statSync(p).isFile())
        .map((p) => ({ file: p, text: readFileSync(p, 'utf8') })),
    );
  }

  loadSources(sources: { file: string; text: string }[]): Catalog {
    const problems: CatalogProblem[] = [];
    const views: CatalogView[] = [];
    const relationships: { relationship: CatalogRelationship; where: (path: PathSegment[], message: string) => void }[] = [];
    const access: LocatedAccessRule[] = [];
    const seen = new Map<string, string>();
    const hash = createHash('sha256');
    for (const { file, text } of sources) {
      hash.update(basename(file)).update('\0').update(text).update('\0');
      const parsed = this.parseFile(file, text, problems);
      if (!parsed) continue;
      parsed.file.views.forEach((view, i) => {
        const where = (path: PathSegment[], message: string) =>
          problems.push(locate(file, parsed.doc, parsed.lines, ['views', i, ...path], message));
        if (seen.has(view.name)) where(['name'], `view ${view.name} is already defined in ${seen.get(view.name)}`);
        seen.set(view.name, file);
        checkView(view, where);
        views.push(toCatalogView(view, parsed.file.settings, file));
      });
      parsed.file.relationships.forEach((r, i) => {
        relationships.push({
          relationship: toCatalogRelationship(r),
          where: (path, message) => problems.push(locate(file, parsed.doc, parsed.lines, ['relationships', i, ...path], message)),
        });
      });
      parsed.file.access.forEach((rule, i) => {
        access.push({ rule, where: (path, message) => problems.push(locate(file, parsed.doc, parsed.lines, ['access', i, ...path], message)) });
      });
    }
    checkRelationships(views, relationships);
    attachAccessRules(views, access);
    if (problems.length > 0) throw new CatalogValidationError(problems);
    return new Catalog(views, hash.digest('hex').slice(0, 16), relationships.map((r) => r.relationship));
  }

  private parseFile(
    file: string,
    text: string,
    problems: CatalogProblem[],
  ): { doc: Document; lines: LineCounter; file: CatalogFile } | undefined {
    const lines = new LineCounter();
    const doc = parseDocument(text, { lineCounter: lines, prettyErrors: false, uniqueKeys: true });
    if (doc.errors.length > 0) {
      for (const e of doc.errors) {
        const pos = lines.linePos(e.pos[0]);
        problems.push({ file, line: pos.line, column: pos.col, path: '', message: e.message.split('\n')[0] });
      }
      return undefined;
    }
    let json: unknown;
    try {
      json = doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
    } catch (error) {
      // A YAML alias bomb: each alias expands to another's content, thousands-fold.
      problems.push({ file, line: 1, column: 1, path: '', message: `the YAML could not be read: ${(error as Error).message}` });
      return undefined;
    }
    const result = catalogFileSchema.safeParse(json);
    if (!result.success) {
      for (const issue of result.error.issues) {
        problems.push(locate(file, doc, lines, issue.path as PathSegment[], issue.message));
      }
      return undefined;
    }
    return { doc, lines, file: result.data };
  }
}

function checkView(view: ViewDefinition, where: (path: PathSegment[], message: string) => void): void {
  const names = new Map<string, number>();
  view.columns.forEach((c, i) => {
    if (names.has(c.name)) where(['columns', i, 'name'], `column ${c.name} is defined twice`);
    names.set(c.name, i);
    if (c.values && c.role !== 'dimension' && c.role !== 'id') where(['columns', i, 'values'], `only dimensions and ids (their codes) have values, ${c.name} is a ${c.role}`);
    if (c.agg && c.role !== 'metric') where(['columns', i, 'agg'], `only metrics have an aggregation, ${c.name} is a ${c.role}`);
    if (c.role === 'time' && c.type !== 'date' && c.type !== 'timestamp') {
      where(['columns', i, 'type'], `time column ${c.name} must have type date or timestamp`);
    }
  });
  if (view.row_key !== undefined) {
    const key = view.columns.find((c) => c.name === view.row_key);
    if (!key) where(['row_key'], `row_key ${view.row_key} is not a column of ${view.name} (virtual columns cannot be keys)`);
    else if (key.role === 'metric' || key.role === 'text') where(['row_key'], `row_key ${view.row_key} is a ${key.role}; use a column unique per row, such as an id`);
  }
  const defaultMetric = view.settings.default_metric;
  if (defaultMetric !== undefined) {
    const metric = [...view.columns.map((c) => ({ name: c.name, role: c.role })), ...view.virtual_columns.map((v) => ({ name: v.key, role: v.role }))].find((c) => c.name === defaultMetric);
    if (!metric || metric.role !== 'metric') where(['settings', 'default_metric'], `${defaultMetric} is not a metric of ${view.name}`);
  }
  if (view.columns.filter((c) => c.role === 'time').length > 1) {
    where(['columns'], 'a view has at most one time column');
  }
  const virtual = new Map(view.virtual_columns.map((v) => [v.key, v.expr]));
  const physical = new Set(view.columns.map((c) => c.name));
  view.virtual_columns.forEach((v, i) => {
    if (physical.has(v.key)) where(['virtual_columns', i, 'key'], `virtual column ${v.key} has the name of a physical column`);
    try {
      expandVirtual(v.key, { virtual, physical, quote: (c) => c });
    } catch (e) {
      if (!(e instanceof ExpressionError)) throw e;
      where(['virtual_columns', i, 'expr'], e.message);
    }
  });
}

/**
 * Relationships may join views of different files, so they are checked once every view is known:
 * both ends exist, each key names a physical column of its end, and a view reaches no two
 * relationships by the same name (plans name paths by it).
 */
function checkRelationships(
  views: readonly CatalogView[],
  relationships: readonly { relationship: CatalogRelationship; where: (path: PathSegment[], message: string) => void }[],
): void {
  const byName = new Map(views.map((v) => [v.name, v]));
  const names = new Set<string>();
  for (const { relationship: r, where } of relationships) {
    const from = byName.get(r.from);
    const to = byName.get(r.to);
    if (!from) where(['from'], `no view named ${r.from}`);
    if (!to) where(['to'], `no view named ${r.to}`);
    r.keys.forEach((k, i) => {
      if (from && !from.columns.some((c) => c.name === k.from && c.kind === 'physical')) where(['keys', i, 'from'], `${k.from} is not a column of ${r.from}`);
      if (to && !to.columns.some((c) => c.name === k.to && c.kind === 'physical')) where(['keys', i, 'to'], `${k.to} is not a column of ${r.to}`);
    });
    if (byName.has(r.name) && r.name !== r.to && r.name !== r.from) where(['name'], `${r.name} is the name of a view; name the path after the role it plays`);
    for (const end of new Set([r.from, r.to])) {
      const key = `${end}\u0000${r.name}`;
      if (names.has(key)) where(['name'], `${end} already has a relationship named ${r.name}; give each path its own name`);
      names.add(key);
    }
  }
}

function locate(file: string, doc: Document, lines: LineCounter, path: PathSegment[], message: string): CatalogProblem {
  // Walk up the path until a node with a source position is found (a missing key points at its parent).
  for (let depth = path.length; depth >= 0; depth--) {
    const node = depth === 0 ? doc.contents : doc.getIn(path.slice(0, depth), true);
    if (isNode(node) && node.range) {
      const pos = lines.linePos(node.range[0]);
      return { file, line: pos.line, column: pos.col, path: path.join('.'), message };
    }
  }
  return { file, line: 1, column: 1, path: path.join('.'), message };
}
