import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { addDays, localDate } from '@chatbi/contracts';
import { ensureDemoWorld } from '@chatbi/demo-world';
import { readMrdDialogues, readSrdQuestions } from '@chatbi/eval';
import { DuckDbWarehouse } from '@chatbi/warehouse';

jest.setTimeout(240_000);

const DATASETS = join(__dirname, '..', 'bench', 'datasets');

/** The benchmark's gold SQL is checked on a freshly generated small demo world: every query runs and returns rows. */
describe('demo benchmark gold SQL', () => {
  let dir: string;
  let warehouse: DuckDbWarehouse;
  const srd = readSrdQuestions(join(DATASETS, 'demo-srd.json'));
  const mrd = readMrdDialogues(join(DATASETS, 'demo-mrd.json'));

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'chatbi-eval-gold-'));
    const { summary } = await ensureDemoWorld({ file: join(dir, 'demo.duckdb'), endDate: addDays(localDate(new Date()), -1) });
    warehouse = await DuckDbWarehouse.open(summary.file, { readOnly: true });
  });

  afterAll(async () => {
    await warehouse?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('has the promised size and spread', () => {
    expect(srd.length).toBeGreaterThanOrEqual(150);
    expect(new Set(srd.map((q) => q.id)).size).toBe(srd.length);
    for (const type of ['metric', 'virtual_column', 'filter', 'grain', 'group_by', 'top_n', 'dod', 'wow', 'mom', 'qoq', 'yoy']) {
      expect(srd.filter((q) => q.type === type).length).toBeGreaterThanOrEqual(4);
    }
    expect(srd.filter((q) => q.language === 'zh').length).toBeGreaterThanOrEqual(50);
    expect(mrd.length).toBeGreaterThanOrEqual(51);
    expect(mrd.every((d) => d.turns.length === 3)).toBe(true);
    expect(mrd.filter((d) => d.switches_view).length).toBeGreaterThanOrEqual(15);
  });

  it('runs every gold query and gets rows back', async () => {
    const golds = [...srd.map((q) => ({ id: q.id, sql: q.gold_sql })), ...mrd.flatMap((d) => d.turns.map((t, i) => ({ id: `${d.id}#${i + 1}`, sql: t.gold_sql })))];
    const problems: string[] = [];
    for (const g of golds) {
      try {
        const result = await warehouse.query(g.sql, [], { timeoutMs: 30_000, maxRows: 10_000 });
        if (result.rows.length === 0) problems.push(`${g.id}: no rows`);
        else if (result.rows.every((r) => Object.values(r).every((v) => v === null))) problems.push(`${g.id}: only NULLs`);
      } catch (error) {
        problems.push(`${g.id}: ${(error as Error).message}`);
      }
    }
    expect(problems).toEqual([]);
  });
});
