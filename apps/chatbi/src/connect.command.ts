import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { catalogKey, introspectCatalog, type IntrospectedCatalog } from '@chatbi/catalog';
import { ChatbiError, PERIOD_UNITS, type TimeRange } from '@chatbi/contracts';
import { openWarehouse, warehouseLocationOf, type WarehouseLocation } from '@chatbi/warehouse';
import { formatTable } from './table.printer';

export interface ConnectOptions {
  out?: string;
  dryRun?: boolean;
  force?: boolean;
  relations?: string;
  enumLimit?: string;
  defaultRange?: string;
}

export interface DraftedCatalog extends IntrospectedCatalog {
  location: WarehouseLocation;
}

/** Opens the warehouse a URL (or DuckDB/SQLite file) names and drafts its catalog. */
export async function draftCatalog(urlOrFile: string, opts: Omit<ConnectOptions, 'out' | 'dryRun' | 'force'> = {}): Promise<DraftedCatalog> {
  const location = warehouseLocationOf(urlOrFile);
  const enumLimit = opts.enumLimit === undefined ? undefined : Number(opts.enumLimit);
  const defaultRange = opts.defaultRange === undefined ? undefined : parseDefaultRange(opts.defaultRange);
  const warehouse = await openWarehouse(location);
  try {
    const drafted = await introspectCatalog(warehouse, {
      relations: opts.relations?.split(',').map((s) => s.trim()).filter(Boolean),
      enumLimit,
      defaultRange,
      source: location.description,
    });
    return { ...drafted, location };
  } finally {
    await warehouse.close();
  }
}

/**
 * `chatbi connect <url>`: drafts a catalog from the live schema into <dir>/<database>.yaml (or
 * prints it with --dry-run) and tells on stderr what it drafted, what it left out and why. An
 * existing file is replaced only with --force: it may hold a DBA's edits.
 */
export async function connectCommand(url: string, opts: ConnectOptions): Promise<void> {
  const drafted = await draftCatalog(url, opts);
  if (opts.dryRun) {
    process.stderr.write(`${describeDraft(drafted)}\n`);
    process.stdout.write(drafted.yaml);
    return;
  }
  const file = writeDraftedCatalog(drafted, opts.out ?? 'catalog', opts.force ?? false);
  process.stderr.write(`${describeDraft(drafted)}\n`);
  const shownUrl = /:\/\/[^/@]*:[^/@]*@/.test(url) ? "'<the URL, with its password>'" : `'${url}'`;
  const question = drafted.file.views[0].virtual_columns[0]?.aliases.en.find((a) => a.startsWith('how many')) ?? 'how many rows';
  process.stderr.write(
    [
      `Wrote ${file}. Review it (roles, each metric's agg, the time column, aliases), then ask:`,
      `  CHATBI_WAREHOUSE_URL=${shownUrl} CHATBI_CATALOG_DIR=${dirname(file)} npx chatbi ask "${question} are there?"`,
      '',
    ].join('\n'),
  );
}

/** Writes <dir>/<database>.yaml; an existing file is replaced only when forced, as it may hold a DBA's edits. */
export function writeDraftedCatalog(drafted: DraftedCatalog, dir: string, force: boolean): string {
  const file = join(resolve(dir), `${catalogKey(drafted.location.database, 'warehouse')}.yaml`);
  if (existsSync(file) && !force) {
    throw new ChatbiError('INVALID_REQUEST', `${file} exists and may hold your edits; pass --force to replace it, or -o another directory`);
  }
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, drafted.yaml);
  return file;
}

/** What the draft holds and what it left out, for the terminal. */
export function describeDraft(drafted: DraftedCatalog): string {
  const { report, location } = drafted;
  const roles = (r: Record<string, number | undefined>) =>
    ['id', 'time', 'dimension', 'metric', 'text'].filter((k) => r[k]).map((k) => `${r[k]} ${k}`).join(', ');
  const lines = [
    `Drafted ${report.views.length} view${report.views.length === 1 ? '' : 's'} and ${report.relationships.length} relationship${report.relationships.length === 1 ? '' : 's'} from ${location.description} in ${report.seconds.toFixed(2)} s`,
    formatTable(
      ['view', 'source', 'rows', 'columns', 'time', 'row_key', 'count metric'],
      report.views.map((v) => ({ view: v.view, source: v.source, rows: v.rows, columns: roles(v.roles), time: v.time ?? '-', row_key: v.rowKey ?? '-', 'count metric': v.count ?? '-' })),
      48,
    ),
  ];
  if (report.relationships.length > 0) {
    lines.push('Relationships:', ...report.relationships.map((r) => `  ${r.name}: ${r.path}${r.origin === 'inferred' ? ' (inferred from the column name: check it)' : ''}`));
  }
  if (report.leftOut.length > 0) lines.push('Left out:', ...report.leftOut.map((l) => `  ${l}`));
  return lines.join('\n');
}

/** "last 7 days", "last 3 months": the last n complete units. */
export function parseDefaultRange(text: string): TimeRange {
  const m = /^\s*last\s+(\d{1,4})\s+([a-z]+?)s?\s*$/i.exec(text);
  const unit = m?.[2].toLowerCase();
  if (!m || !PERIOD_UNITS.includes(unit as (typeof PERIOD_UNITS)[number]) || Number(m[1]) < 1) {
    throw new ChatbiError('INVALID_REQUEST', `--default-range takes "last <n> <${PERIOD_UNITS.join('|')}>s", e.g. "last 7 days"; got ${JSON.stringify(text)}`);
  }
  return { kind: 'last', n: Number(m[1]), unit: unit as (typeof PERIOD_UNITS)[number] };
}
