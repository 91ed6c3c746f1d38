import { mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { DEMO_WORLD_TABLES } from './demo-world-meta.table';
import { ensureDemoWorld, generateDemoWorld, inspectDemoWorld } from './demo-world.generator';
import type { DemoWorldSize } from './demo-world.options';

jest.setTimeout(60_000);

const TINY: DemoWorldSize = { users: 300, days: 400 };
const END_DATE = '2025-06-30';

/** Per table: row count, a few business aggregates, and a hash sum of every column (optionally over some days). */
async function checksums(file: string, from = '1970-01-01', to = '2999-12-31'): Promise<string> {
  const instance = await DuckDBInstance.create(file, { access_mode: 'READ_ONLY' });
  const db = await instance.connect();
  const where = `WHERE event_day BETWEEN DATE '${from}' AND DATE '${to}'`;
  try {
    const out: unknown[] = [];
    for (const table of DEMO_WORLD_TABLES) {
      out.push((await db.runAndReadAll(`SELECT count(*) AS n, sum(hash(COLUMNS(*))) FROM ${table} ${where}`)).getRowsJson());
    }
    out.push(
      (
        await db.runAndReadAll(
          `SELECT count(DISTINCT uid), sum(staytime), sum(vv), sum(ad_revenue)::VARCHAR FROM user_activity_daily ${where}`,
        )
      ).getRowsJson(),
    );
    return JSON.stringify(out);
  } finally {
    db.closeSync();
    instance.closeSync();
  }
}

describe('demo world determinism and reuse', () => {
  let dir: string;

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'demo-world-ensure-'));
  });

  afterAll(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  it('generates the same data from the same seed and different data from another seed', async () => {
    const a = await generateDemoWorld({ file: join(dir, 'a.duckdb'), size: TINY, seed: 11, endDate: END_DATE });
    const b = await generateDemoWorld({ file: join(dir, 'b.duckdb'), size: TINY, seed: 11, endDate: END_DATE });
    const c = await generateDemoWorld({ file: join(dir, 'c.duckdb'), size: TINY, seed: 12, endDate: END_DATE });
    expect(b.rows).toEqual(a.rows);
    const [sumA, sumB, sumC] = [await checksums(a.file), await checksums(b.file), await checksums(c.file)];
    expect(sumB).toBe(sumA);
    expect(sumC).not.toBe(sumA);
  });

  it('gives the same data for the days two windows share, so a daily regeneration keeps history', async () => {
    const a = await generateDemoWorld({ file: join(dir, 'w1.duckdb'), size: TINY, seed: 11, endDate: END_DATE });
    const b = await generateDemoWorld({ file: join(dir, 'w2.duckdb'), size: TINY, seed: 11, endDate: '2025-07-01' });
    expect(b.startDate).toBe('2024-05-28');
    const shared = await checksums(a.file, b.startDate, END_DATE);
    expect(await checksums(b.file, b.startDate, END_DATE)).toBe(shared);
    expect(await checksums(b.file)).not.toBe(shared);
  });

  it('reuses an up-to-date file and regenerates a stale one', async () => {
    const file = join(dir, 'ensure.duckdb');
    const first = await ensureDemoWorld({ file, size: TINY, seed: 3, endDate: END_DATE });
    expect(first.generated).toBe(true);
    const written = statSync(file).mtimeMs;

    const again = await ensureDemoWorld({ file, size: TINY, seed: 3, endDate: END_DATE });
    expect(again.generated).toBe(false);
    expect(again.summary).toMatchObject({ seed: 3, size: TINY, endDate: END_DATE, rows: first.summary.rows });
    expect(statSync(file).mtimeMs).toBe(written);

    const moved = await ensureDemoWorld({ file, size: TINY, seed: 3, endDate: '2025-07-01' });
    expect(moved.generated).toBe(true);
    expect((await inspectDemoWorld(file))?.meta).toMatchObject({ seed: 3, size: 'users=300,days=400', endDate: '2025-07-01', startDate: '2024-05-28' });

    expect((await ensureDemoWorld({ file, size: TINY, seed: 4, endDate: '2025-07-01' })).generated).toBe(true);
    expect((await ensureDemoWorld({ file, size: { users: 301, days: 400 }, seed: 4, endDate: '2025-07-01' })).generated).toBe(true);
    expect(readdirSync(dir).filter((f) => f.startsWith('ensure'))).toEqual(['ensure.duckdb']);
  });

  it('regenerates over a file that is not a demo world', async () => {
    const file = join(dir, 'garbage.duckdb');
    writeFileSync(file, 'not a database');
    expect(await inspectDemoWorld(file)).toBeUndefined();
    const result = await ensureDemoWorld({ file, size: TINY, endDate: END_DATE });
    expect(result.generated).toBe(true);
    expect(result.summary.rows.user_activity_daily).toBeGreaterThan(0);
  });
});
