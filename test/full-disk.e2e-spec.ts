import { execFileSync } from 'node:child_process';
import { closeSync, mkdirSync, mkdtempSync, openSync, rmSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { INestApplication } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AuditEventEntity } from '@chatbi/audit';
import { addDays, localDate } from '@chatbi/contracts';
import { ensureDemoWorld } from '@chatbi/demo-world';
import { rawHttp } from '@chatbi/testing';
import { loadConfig } from '../apps/chatbi/src/config/chatbi.config';
import { createEmbeddedApp } from '../apps/chatbi/src/embedded-runtime';

jest.setTimeout(300_000);

const QUESTION = 'DAU of the main app over the last 7 days';

/** Writes zeros into `file` until the filesystem under it has no room left. */
function fillDisk(file: string): void {
  const fd = openSync(file, 'w');
  const block = Buffer.alloc(64 * 1024);
  try {
    for (;;) writeSync(fd, block);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOSPC') throw error;
  } finally {
    closeSync(fd);
  }
}

/**
 * The embedded app with its metadata database (SQLite, in CHATBI_DATA_DIR) on a small tmpfs that
 * the test fills: a real full disk (mounting needs root, as CI runs). The warehouse and the models
 * live elsewhere, as they would on a separate volume.
 */
describe('a full metadata disk', () => {
  let work: string;
  let warehouseFile: string;
  const mounted: string[] = [];

  beforeAll(async () => {
    work = mkdtempSync(join(tmpdir(), 'chatbi-full-disk-'));
    warehouseFile = join(work, 'demo.duckdb');
    await ensureDemoWorld({ file: warehouseFile, endDate: addDays(localDate(new Date()), -1) });
  });

  afterAll(() => {
    for (const dir of mounted) execFileSync('umount', [dir]);
    rmSync(work, { recursive: true, force: true });
  });

  /** A running app whose data dir is a fresh 16 MB tmpfs; `full()` fills it. */
  async function start(audit: 'best-effort' | 'required') {
    const dataDir = join(work, `data-${audit}`);
    mkdirSync(dataDir);
    execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=16m', 'tmpfs', dataDir]);
    mounted.push(dataDir);
    const config = loadConfig({ CHATBI_DATA_DIR: dataDir, CHATBI_WAREHOUSE_FILE: warehouseFile, CHATBI_MODELS_DIR: join(work, 'models'), CHATBI_AUDIT: audit });
    const app: INestApplication = await createEmbeddedApp(config, { logLevels: [] });
    await app.listen(0, '127.0.0.1');
    const port = (app.getHttpServer().address() as { port: number }).port;
    const filler = join(dataDir, 'filler');
    return {
      app,
      ask: (sessionId?: string) => rawHttp(port, { method: 'POST', path: '/api/ask', body: { question: QUESTION, ...(sessionId ? { sessionId } : {}) } }),
      /** Empties SQLite's write-ahead log (else the next writes may still fit in it), then fills the disk. */
      full: async () => {
        await app.get(DataSource).query('PRAGMA wal_checkpoint(TRUNCATE)');
        fillDisk(filler);
      },
      freed: () => rmSync(filler),
      audited: () => app.get(DataSource).getRepository(AuditEventEntity).count({ where: { kind: 'ask' } }),
    };
  }

  it('answers, warns that the turn was not saved, and records again once space is freed (audit best-effort)', async () => {
    const chatbi = await start('best-effort');
    try {
      const before = await chatbi.ask('full-disk');
      expect(before.status).toBe(200);
      expect(await chatbi.audited()).toBe(1);

      await chatbi.full();
      const answer = await chatbi.ask('full-disk');
      expect(answer.status).toBe(200);
      expect(answer.json.rows).toEqual(before.json.rows);
      expect(answer.json.warnings.join(' ')).toMatch(/could not be saved/);

      chatbi.freed();
      expect((await chatbi.ask('full-disk')).status).toBe(200);
      expect(await chatbi.audited()).toBe(2);
    } finally {
      await chatbi.app.close();
    }
  });

  it('withholds the answer with 507 STORAGE_FULL when the audit log is required, and answers once space is freed', async () => {
    const chatbi = await start('required');
    try {
      expect((await chatbi.ask()).status).toBe(200);

      await chatbi.full();
      const refused = await chatbi.ask();
      expect(refused.status).toBe(507);
      expect(refused.json.error.code).toBe('STORAGE_FULL');
      expect(refused.json.error.message).toMatch(/storage is full.*audit log.*withheld.*free space/);
      expect(refused.text).not.toMatch(/"rows"|SQLITE/);

      chatbi.freed();
      expect((await chatbi.ask()).status).toBe(200);
      expect(await chatbi.audited()).toBe(2);
    } finally {
      await chatbi.app.close();
    }
  });
});
