import { mkdtempSync, renameSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DuckDbWarehouse } from './duckdb/duckdb.warehouse';
import { ReopeningWarehouse } from './reopening-warehouse';

const FAST = { timeoutMs: 10_000, maxRows: 100 };

async function writeWarehouse(file: string, label: string): Promise<void> {
  const writable = await DuckDbWarehouse.open(file, { readOnly: false });
  await writable.query('CREATE TABLE origin (label VARCHAR)', [], FAST);
  await writable.query('INSERT INTO origin VALUES (?)', [label], FAST);
  await writable.close();
}

describe('ReopeningWarehouse', () => {
  let dir: string;
  let warehouse: ReopeningWarehouse | undefined;

  beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'chatbi-reopen-'))));
  afterEach(async () => {
    await warehouse?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('reads the new file after the warehouse is replaced by a rename (security review, finding 8)', async () => {
    const file = join(dir, 'warehouse.duckdb');
    await writeWarehouse(file, 'first');
    warehouse = new ReopeningWarehouse('duckdb', () => DuckDbWarehouse.open(file, { readOnly: true }), file);
    expect((await warehouse.query('SELECT label FROM origin', [], FAST)).rows).toEqual([{ label: 'first' }]);

    const next = join(dir, 'next.duckdb');
    await writeWarehouse(next, 'second');
    renameSync(next, file);

    expect((await warehouse.query('SELECT label FROM origin', [], FAST)).rows).toEqual([{ label: 'second' }]);
  });

  it('keeps one handle while the file stays the same', async () => {
    const file = join(dir, 'warehouse.duckdb');
    await writeWarehouse(file, 'only');
    let opened = 0;
    warehouse = new ReopeningWarehouse('duckdb', () => (opened++, DuckDbWarehouse.open(file, { readOnly: true })), file);
    for (let i = 0; i < 3; i++) await warehouse.query('SELECT label FROM origin', [], FAST);
    expect(opened).toBe(1);
  });

  it('answers WAREHOUSE_UNAVAILABLE while the file is missing and recovers once it appears', async () => {
    const file = join(dir, 'late.duckdb');
    warehouse = new ReopeningWarehouse('duckdb', () => DuckDbWarehouse.open(file, { readOnly: true }), file);
    await expect(warehouse.query('SELECT 1', [], FAST)).rejects.toMatchObject({ code: 'WAREHOUSE_UNAVAILABLE' });
    await writeWarehouse(file, 'late');
    expect((await warehouse.query('SELECT label FROM origin', [], FAST)).rows).toEqual([{ label: 'late' }]);
  });
});
