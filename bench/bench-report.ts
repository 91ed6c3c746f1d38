import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { join } from 'node:path';
import { findAncestorWith } from '@chatbi/contracts';

/** bench/results of the repository, found from the source or the compiled copy in dist/. */
export const RESULTS_DIR = join(repositoryRoot(__dirname), 'bench', 'results');

function repositoryRoot(from: string): string {
  const root = findAncestorWith(from, join('bench', 'bench-report.ts'));
  if (!root) throw new Error(`no repository above ${from}`);
  return root;
}

/** Prints rows as an aligned table. */
export function printTable(title: string, rows: Record<string, unknown>[]): void {
  if (rows.length === 0) return;
  const columns = Object.keys(rows[0]);
  const cell = (v: unknown) => (typeof v === 'number' ? (Number.isInteger(v) ? String(v) : v.toFixed(3)) : String(v ?? ''));
  const widths = columns.map((c) => Math.max(c.length, ...rows.map((r) => cell(r[c]).length)));
  const line = (cells: string[]) => cells.map((c, i) => c.padEnd(widths[i])).join('  ');
  process.stdout.write(`\n${title}\n${line(columns)}\n${widths.map((w) => '-'.repeat(w)).join('  ')}\n`);
  for (const r of rows) process.stdout.write(`${line(columns.map((c) => cell(r[c])))}\n`);
}

/** Writes bench/results/<name>.json with the machine it ran on. */
export function writeResult(name: string, result: Record<string, unknown>): string {
  mkdirSync(RESULTS_DIR, { recursive: true });
  const file = join(RESULTS_DIR, `${name}.json`);
  const machine = { cpus: cpus().length, memoryGb: Math.round(totalmem() / 2 ** 30), node: process.version };
  const body = { benchmark: name, ranAt: new Date().toISOString(), machine, ...result };
  writeFileSync(file, `${JSON.stringify(body, null, 2)}\n`);
  process.stdout.write(`\nwrote ${file}\n`);
  return file;
}
