import { cpSync, existsSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { INestApplication } from '@nestjs/common';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import type { AskResponse } from '@chatbi/contracts';
import { DEMO_CATALOG_DIR } from '@chatbi/demo-world';
import { loadConfig } from '../apps/chatbi/src/config/chatbi.config';
import { createEmbeddedApp } from '../apps/chatbi/src/embedded-runtime';
import { eventually } from './eventually';

jest.setTimeout(240_000);

const CHROMIUM = '/usr/bin/chromium';
const FILE = 'user-activity-daily.yaml';
const ALIAS_QUESTION = 'zorbles of the main app over the last 7 days';
const MISSES = ['DAU and search CTR by city', 'search CTR and DAU per city last week'];

/**
 * The DBA console in real headless Chromium against the embedded app, on a copy of the demo
 * catalog: hit counts, a proposal for questions no single view answers, and a catalog edit that
 * changes how questions are answered.
 */
describe('DBA console in Chromium', () => {
  let browserDir: string;
  let dataDir: string;
  let catalogDir: string;
  let context: BrowserContext;
  let page: Page;
  let app: INestApplication;
  let base: string;
  const pageErrors: string[] = [];

  beforeAll(async () => {
    // Chromium first: once this process has opened DuckDB it cannot fork reliably.
    browserDir = mkdtempSync(join(tmpdir(), 'chatbi-console-chromium-'));
    context = await chromium.launchPersistentContext(browserDir, {
      executablePath: CHROMIUM,
      headless: true,
      viewport: { width: 1200, height: 1400 },
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    });
    dataDir = mkdtempSync(join(tmpdir(), 'chatbi-console-'));
    catalogDir = join(dataDir, 'catalog');
    cpSync(DEMO_CATALOG_DIR, catalogDir, { recursive: true });
    app = await createEmbeddedApp(loadConfig({ CHATBI_DATA_DIR: dataDir, CHATBI_CATALOG_DIR: catalogDir }), { logLevels: ['error'] });
    await app.listen(0, '127.0.0.1');
    base = `http://127.0.0.1:${(app.getHttpServer().address() as AddressInfo).port}`;
    await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: base });
    page = await context.newPage();
    page.on('pageerror', (error) => pageErrors.push(error.message));
  });

  afterAll(async () => {
    await context?.close();
    await app?.close();
    if (browserDir) rmSync(browserDir, { recursive: true, force: true });
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  });

  async function ask(question: string): Promise<{ status: number; json: any }> {
    const response = await fetch(`${base}/api/ask`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ question }) });
    return { status: response.status, json: await response.json() };
  }

  const diskText = () => readFileSync(join(catalogDir, FILE), 'utf8');
  const catalogHash = async () => ((await (await fetch(`${base}/api/catalog`)).json()) as { hash: string }).hash;

  it('answers and misses questions, which the view advisor records', async () => {
    expect((await ask('DAU of the main app over the last 7 days')).status).toBe(200);
    expect((await ask('近7天主版DAU')).status).toBe(200);
    for (const question of MISSES) {
      const { status, json } = await ask(question);
      expect(status).toBe(422);
      expect(json.error.code).toBe('NO_VIEW_COVERS');
    }
    // Not a catalog word yet: the alias added below makes it one.
    expect((await ask(ALIAS_QUESTION)).status).toBe(422);
    await eventually(async () => {
      const usage = (await (await fetch(`${base}/api/advisor/usage`)).json()) as { view: string; hits: number }[];
      expect(usage.find((u) => u.view === 'user_activity_daily')?.hits).toBe(2);
      const misses = (await (await fetch(`${base}/api/advisor/misses`)).json()) as unknown[];
      expect(misses).toHaveLength(2);
    });
  });

  it('shows hits per view and a view\'s columns', async () => {
    const response = await page.goto(`${base}/console`);
    expect(response!.status()).toBe(200);
    expect(response!.headers()['content-security-policy']).toContain("script-src 'self'");
    const row = page.locator('#views-table tr[data-view="user_activity_daily"]');
    expect(await row.locator('td.hits').innerText()).toBe('2');
    expect(await page.locator('#views-table tr[data-view="creator_daily"] td.hits').innerText()).toBe('0');
    await row.getByRole('button', { name: 'user_activity_daily' }).click();
    const dau = page.locator('#columns-table tr[data-column="dau"]');
    expect(await dau.innerText()).toMatch(/virtual\s+metric[\s\S]*daily active users[\s\S]*count\(distinct uid\)/);
  });

  it('lists the misses', async () => {
    await page.getByRole('tab', { name: 'Misses' }).click();
    for (const question of MISSES) await page.locator('#misses-table td.question', { hasText: question }).waitFor();
  });

  it('proposes a view for the misses with DDL that can be copied, and views to retire', async () => {
    await page.getByRole('tab', { name: 'Proposals' }).click();
    const card = page.locator('article[data-proposal="user_activity_daily_x_search_daily"]');
    await card.waitFor();
    expect(await card.locator('.badge').innerText()).toBe('2 misses');
    const report = (await (await fetch(`${base}/api/advisor/proposals`)).json()) as { proposals: { view: { name: string }; requested: { view: string; column: string; phrases: string[] }[] }[] };
    const requested = report.proposals.find((p) => p.view.name === 'user_activity_daily_x_search_daily')!.requested;
    expect(requested.length).toBeGreaterThan(0);
    const askedFor = requested.map((r) => `${r.view}.${r.column} (“${r.phrases.join('”, “')}”)`).join(', ');
    expect(await card.locator('p', { hasText: 'Asked for:' }).innerText()).toBe(`Asked for: ${askedFor}`);
    const ddl = await card.locator('pre.ddl').innerText();
    expect(ddl).toMatch(/^CREATE VIEW "user_activity_daily_x_search_daily" AS/);
    expect(ddl).toContain('LEFT JOIN "search_daily" AS t2');
    expect(ddl).toContain('t2."uid" = t1."uid"');
    expect(await card.locator('pre.yaml').innerText()).toContain('- name: user_activity_daily_x_search_daily');
    await card.locator('button.copy[data-copies="ddl"]').click();
    await card.locator('button.copy[data-copies="ddl"]', { hasText: 'Copied' }).waitFor();
    expect(await page.evaluate(() => (globalThis as any).navigator.clipboard.readText())).toBe(ddl);
    const retire = await page.locator('#retire-list li').evaluateAll((items: any[]) => items.map((li) => li.getAttribute('data-view')));
    expect(retire).toEqual(expect.arrayContaining(['creator_daily', 'search_daily']));
    expect(retire).not.toContain('user_activity_daily');
  });

  it('adds an alias in the catalog editor: validates, applies, and questions use it', async () => {
    await page.getByRole('tab', { name: 'Catalog editor' }).click();
    await page.locator('#catalog-file').selectOption(FILE);
    const editor = page.getByRole('textbox', { name: 'Catalog YAML' });
    await page.waitForFunction(() => (globalThis as any).document.getElementById('catalog-text').value.includes('name: user_activity_daily'));
    const before = await editor.inputValue();
    expect(before).toBe(diskText());
    const edited = before.replace('aliases: { en: [DAU, daily active users,', 'aliases: { en: [DAU, zorbles, daily active users,');
    expect(edited).not.toBe(before);
    await editor.fill(edited);

    await page.getByRole('button', { name: 'Validate' }).click();
    await page.getByRole('status').getByText(/^Valid: user-activity-daily.yaml defines user_activity_daily/).waitFor();
    expect(diskText()).toBe(before);

    const hash = await catalogHash();
    await page.getByRole('button', { name: 'Apply' }).click();
    await page.getByRole('status').getByText(/^Applied user-activity-daily.yaml: catalog \w+ \(updated user_activity_daily\)/).waitFor();
    expect(diskText()).toBe(edited);
    const backups = readdirSync(join(catalogDir, '.backups'));
    expect(backups).toHaveLength(1);
    expect(readFileSync(join(catalogDir, '.backups', backups[0]), 'utf8')).toBe(before);
    expect(await catalogHash()).not.toBe(hash);

    const { status, json } = await ask(ALIAS_QUESTION);
    expect(status).toBe(200);
    expect((json as AskResponse).view).toBe('user_activity_daily');
    expect((json as AskResponse).plan.metrics.map((m) => m.column)).toEqual(['dau']);
    expect((json as AskResponse).plan.filters).toEqual([{ column: 'app_name', op: '=', value: 'main' }]);
  });

  it('shows an invalid edit\'s line and changes nothing', async () => {
    const editor = page.getByRole('textbox', { name: 'Catalog YAML' });
    const current = await editor.inputValue();
    const lines = current.split('\n');
    const index = lines.findIndex((l) => l.includes('- key: dau')) + 2;
    expect(lines[index]).toContain('role: metric');
    lines[index] = lines[index].replace('role: metric', 'role: metrc');
    await editor.fill(lines.join('\n'));
    const hash = await catalogHash();
    const onDisk = diskText();

    await page.getByRole('button', { name: 'Validate' }).click();
    const problem = page.locator('#catalog-problems li.problem').first();
    await problem.waitFor();
    expect(await problem.locator('button.line').innerText()).toBe(`${FILE}:${index + 1}:${lines[index].indexOf('metrc') + 1}`);
    expect(await problem.innerText()).toContain('virtual_columns.0.role');

    await page.getByRole('button', { name: 'Apply' }).click();
    await page.getByRole('status').getByText(/^CATALOG_EDIT_INVALID: not applied, nothing was written/).waitFor();
    expect(await page.locator('#catalog-problems li.problem').first().getAttribute('data-line')).toBe(String(index + 1));
    expect(diskText()).toBe(onDisk);
    expect(readdirSync(join(catalogDir, '.backups'))).toHaveLength(1);
    expect(await catalogHash()).toBe(hash);
    expect((await ask(ALIAS_QUESTION)).status).toBe(200);
  });

  it('shows the models and whether they serve the new catalog', async () => {
    await page.getByRole('tab', { name: 'Models' }).click();
    for (const kind of ['completeness', 'view-ranking']) {
      expect(await page.locator(`#models-table tr[data-model="${kind}"] td.status`).innerText()).toMatch(/serving this catalog|retraining/);
    }
    expect(pageErrors).toEqual([]);
  });

  it('refuses catalog changes from a page of another origin', async () => {
    const response = await fetch(`${base}/api/admin/catalog/apply`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: 'http://evil.example' },
      body: JSON.stringify({ file: FILE, text: 'version: 1' }),
    });
    expect(response.status).toBe(403);
    expect(((await response.json()) as any).error.code).toBe('FORBIDDEN');
    expect(existsSync(join(catalogDir, FILE))).toBe(true);
  });
});
