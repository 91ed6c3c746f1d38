import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { INestApplication } from '@nestjs/common';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { signTrustedUser } from '@chatbi/auth';
import type { AskResponse } from '@chatbi/contracts';
import { freePort } from '@chatbi/testing';
import { loadConfig } from '../apps/chatbi/src/config/chatbi.config';
import { createEmbeddedApp } from '../apps/chatbi/src/embedded-runtime';
import { askInPanel, cellNumber, readSql, tableCells } from './ask-panel.page';
import { independentDau, lastSevenDays } from './demo-warehouse.queries';
import { eventually } from './eventually';
import { singleChartLayout } from './superset/dashboard-layout';
import { SupersetRestClient } from './superset/superset-rest.client';
import { startSupersetTestServer, type SupersetTestServer } from './superset/superset-test-server';

jest.setTimeout(600_000);

const CHROMIUM = '/usr/bin/chromium';
const BUNDLE = join(__dirname, '..', 'superset-plugin', 'dist', 'superset', 'chatbi-ask.js');
const RESULTS = join(__dirname, '..', 'bench', 'results');
const CHART_NAME = 'Ask ChatBI';
const DASHBOARD_NAME = 'ChatBI questions';

interface DashboardChart {
  id: number;
  slice_name: string;
  form_data: Record<string, unknown>;
}

/**
 * The Ask panel inside a real Apache Superset 6.1.0 (scripts/superset, SQLite metadata), loaded as a
 * dynamic plugin, calling ChatBI (embedded, beside it) through Superset's backend, which signs the
 * logged-in user. Everything a person does goes through headless Chromium.
 */
describe('Ask panel in Apache Superset', () => {
  let browserDir: string;
  let dataDir: string;
  let context: BrowserContext;
  let page: Page;
  let superset: SupersetTestServer;
  let app: INestApplication;
  let chatbiUrl: string;
  let rest: SupersetRestClient;
  let datasetId: number;
  let dashboardId: number;
  const secret = randomBytes(32).toString('hex');
  const pageErrors: string[] = [];
  const bundleLoads: number[] = [];
  const warehouse = () => join(dataDir, 'demo-small.duckdb');

  beforeAll(async () => {
    if (!existsSync(BUNDLE)) throw new Error(`The panel's Superset bundle is not built (${BUNDLE}); run: npm run build:superset --prefix superset-plugin`);
    // Chromium and Superset first: once this process has opened DuckDB it cannot fork reliably.
    browserDir = mkdtempSync(join(tmpdir(), 'chatbi-chromium-'));
    context = await chromium.launchPersistentContext(browserDir, {
      executablePath: CHROMIUM,
      headless: true,
      viewport: { width: 1400, height: 1000 },
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    });
    const chatbiPort = await freePort();
    chatbiUrl = `http://127.0.0.1:${chatbiPort}`;
    superset = await startSupersetTestServer({ chatbiUrl, trustedProxySecret: secret });

    dataDir = mkdtempSync(join(tmpdir(), 'chatbi-superset-panel-'));
    app = await createEmbeddedApp(loadConfig({ CHATBI_DATA_DIR: dataDir, CHATBI_TRUSTED_PROXY_SECRET: secret }), { logLevels: ['error'] });
    await app.listen(chatbiPort, '127.0.0.1');

    const startup = await superset.ready;
    console.log(`Superset up in ${startup.seconds.toFixed(0)} s\n${startup.phases.join('\n')}`);
    rest = await SupersetRestClient.login(superset.url, superset.admin.username, superset.admin.password);
    // Superset needs a dataset for every chart; the panel asks it only for the column list.
    const database = await rest.post<{ id: number }>('/api/v1/database/', { database_name: 'ChatBI placeholder', sqlalchemy_uri: `sqlite:///${join(dataDir, 'placeholder.sqlite')}` });
    datasetId = (await rest.post<{ id: number }>('/api/v1/dataset/', { database: database.id, table_name: 'chatbi_questions', sql: 'SELECT 1 AS placeholder' })).id;

    page = await context.newPage();
    page.on('pageerror', (error) => pageErrors.push(error.message));
    page.on('response', (response) => void (response.url().includes('/chatbi/static/chatbi-ask.js') && bundleLoads.push(response.status())));
    // Installing Superset when its venv is missing takes minutes more than a test may.
  }, 25 * 60_000);

  afterAll(async () => {
    await context?.close();
    await superset?.stop();
    await app?.close();
    if (browserDir) rmSync(browserDir, { recursive: true, force: true });
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  });

  const control = (name: string) => page.locator(`[data-test="${name}"]`);
  const answered = (response: unknown) => response as AskResponse;

  async function screenshot(file: string): Promise<void> {
    mkdirSync(RESULTS, { recursive: true });
    await page.screenshot({ path: join(RESULTS, file) });
    expect(readFileSync(join(RESULTS, file)).subarray(1, 4).toString()).toBe('PNG');
  }

  /** Opens a dashboard and waits for the panel in it. */
  async function openDashboard(id: number): Promise<void> {
    await page.goto(`${superset.url}/superset/dashboard/${id}/`);
    await page.getByLabel('Question').waitFor({ timeout: 60_000 });
  }

  it('logs in and finds the panel in the chart gallery, loaded from the bundle the blueprint serves', async () => {
    await page.goto(`${superset.url}/login/`);
    await page.locator('#username').fill(superset.admin.username);
    await page.locator('#password').fill(superset.admin.password);
    await page.locator('#password').press('Enter');
    await page.waitForURL(/\/superset\/welcome\//);

    await page.goto(`${superset.url}/explore/?datasource_type=table&datasource_id=${datasetId}`);
    await page.getByText('View all charts').click();
    await page.getByPlaceholder('Search all charts').fill('ChatBI');
    const gallery = page.locator('.ant-modal-wrap').filter({ hasText: 'Select a visualization type' });
    await gallery.locator('[data-test="viztype-selector-container"]').getByText('ChatBI Ask', { exact: true }).dblclick();
    await gallery.waitFor({ state: 'hidden' });
    expect(bundleLoads.length).toBeGreaterThan(0);
    expect(bundleLoads.every((status) => status === 200 || status === 304)).toBe(true);
    expect(pageErrors).toEqual([]);
  });

  it('shows the plugin\'s controls in Explore, and they work', async () => {
    // The settings section is on the Data tab (tabOverride), though every control only re-renders.
    const section = page.locator('.ant-collapse-header').filter({ hasText: /^\s*ChatBI\s*$/ });
    await section.waitFor();
    if (!(await control('chatbi_connection').isVisible())) await section.click();
    for (const name of ['chatbi_connection', 'chatbi_api_url', 'chatbi_api_token', 'session_mode']) await expect(control(name).isVisible()).resolves.toBe(true);

    await control('chatbi_connection').locator('.ant-select').click();
    await page.getByTitle('Through a Superset proxy (same origin)').click();
    // The token is for direct calls only: the proxy keeps ChatBI's address and secrets on the server.
    await control('chatbi_api_token').waitFor({ state: 'detached' });

    await page.getByRole('tab', { name: 'Customize' }).click();
    await control('delta_colors').waitFor();
    await page.getByRole('tab', { name: 'Data' }).click();

    await page.getByRole('button', { name: 'Create chart' }).click();
    await page.getByRole('heading', { name: 'Ask ChatBI' }).waitFor();
  });

  it('answers in Explore through Superset\'s proxy, for the logged-in user', async () => {
    const { turn, response } = await askInPanel(page, 'DAU of the main app over the last 7 days');
    const answer = answered(response);
    expect(answer.user).toBe(superset.admin.username);
    const days = lastSevenDays();
    const expected = await independentDau(warehouse(), 'main', days);
    const cells = await tableCells(turn);
    expect(cells.map(([day, dau]) => [day, cellNumber(dau)])).toEqual(days.map((day) => [day, expected.get(day)]));
    expect(await turn.locator('circle.point').count()).toBe(7);
    await screenshot('superset-explore.png');
  });

  it('opens the SQL of an answer in SQL Lab, filled in', async () => {
    const turn = page.locator('article.turn').last();
    const { sql } = await readSql(turn);
    const [lab] = await Promise.all([context.waitForEvent('page'), turn.getByRole('link', { name: 'Open in SQL Lab' }).click()]);
    try {
      await lab.waitForURL(/\/sqllab\//);
      const editor = lab.locator('.ace_editor').first();
      await editor.waitFor({ timeout: 60_000 });
      // Ace shows the text it holds in its text layer, a line per row.
      await eventually(async () => expect(await editor.locator('.ace_text-layer').innerText()).toContain(sql.split('\n')[0]), 30_000);
      const shown = await editor.locator('.ace_text-layer').innerText();
      expect(shown).toContain('-- $3 = "main"');
      expect(shown).toMatch(/count\(distinct "uid"\)/i);
    } finally {
      await lab.close();
    }
  });

  it('saves the chart to a new dashboard from Explore, with the settings chosen there', async () => {
    await page.getByRole('button', { name: 'Save' }).first().click();
    await page.locator('[data-test="new-chart-name"]').fill(CHART_NAME);
    await page.getByRole('combobox', { name: 'Select a dashboard' }).pressSequentially(DASHBOARD_NAME, { delay: 20 });
    await page.locator('.ant-select-item-option').filter({ hasText: DASHBOARD_NAME }).first().click();
    await page.getByRole('button', { name: 'Save & go to dashboard' }).click();
    await page.waitForURL(/\/superset\/dashboard\/\d+\//);
    dashboardId = Number(/\/dashboard\/(\d+)\//.exec(page.url())![1]);

    const { result: charts } = await rest.get<{ result: DashboardChart[] }>(`/api/v1/dashboard/${dashboardId}/charts`);
    expect(charts.map((c) => c.slice_name)).toEqual([CHART_NAME]);
    expect(charts[0].form_data).toMatchObject({ viz_type: 'chatbi_ask', chatbi_connection: 'superset', session_mode: 'conversation' });
    // Full width and tall enough for a conversation, through the REST API.
    await rest.put(`/api/v1/dashboard/${dashboardId}`, { position_json: singleChartLayout(charts[0].id, CHART_NAME, 170) });
  });

  it('answers on the dashboard in English, follows up, and answers in Chinese, with the warehouse\'s numbers', async () => {
    await page.setViewportSize({ width: 1400, height: 1700 });
    await openDashboard(dashboardId);
    const days = lastSevenDays();

    const english = await askInPanel(page, 'DAU of the main app over the last 7 days');
    expect(answered(english.response).user).toBe(superset.admin.username);
    const main = await independentDau(warehouse(), 'main', days);
    expect((await tableCells(english.turn)).map(([day, dau]) => [day, cellNumber(dau)])).toEqual(days.map((day) => [day, main.get(day)]));

    const followUp = await askInPanel(page, 'what about the lite app?');
    const resolved = await followUp.turn.locator('.resolved q').innerText();
    expect(resolved).toMatch(/DAU/);
    expect(resolved).toMatch(/lite/);
    expect((await readSql(followUp.turn)).params).toContain('"lite"');
    const lite = await independentDau(warehouse(), 'lite', days);
    expect((await tableCells(followUp.turn)).map(([day, dau]) => [day, cellNumber(dau)])).toEqual(days.map((day) => [day, lite.get(day)]));

    const chinese = await askInPanel(page, '近7天主版DAU');
    expect(answered(chinese.response).view).toBe('user_activity_daily');
    expect(await tableCells(chinese.turn)).toEqual(await tableCells(english.turn));
    expect(await chinese.turn.locator('circle.point').count()).toBe(7);
    await screenshot('superset-dashboard.png');
    expect(pageErrors).toEqual([]);
  });

  it('shows a chart and a dashboard created through Superset\'s REST API', async () => {
    const dashboard = await rest.post<{ id: number }>('/api/v1/dashboard/', { dashboard_title: 'ChatBI by REST', published: true });
    const params = { viz_type: 'chatbi_ask', datasource: `${datasetId}__table`, chatbi_connection: 'superset', session_mode: 'single', delta_colors: 'red-up' };
    const chart = await rest.post<{ id: number }>('/api/v1/chart/', {
      slice_name: 'Ask ChatBI (REST)',
      viz_type: 'chatbi_ask',
      datasource_id: datasetId,
      datasource_type: 'table',
      params: JSON.stringify(params),
      dashboards: [dashboard.id],
    });
    await rest.put(`/api/v1/dashboard/${dashboard.id}`, { position_json: singleChartLayout(chart.id, 'Ask ChatBI (REST)', 120) });

    await openDashboard(dashboard.id);
    expect(await page.locator('.chatbi-ask-panel .mode').innerText()).toBe('Each question stands alone');
    const { turn, response } = await askInPanel(page, 'top 5 cities by DAU last week');
    expect(answered(response).user).toBe(superset.admin.username);
    expect(await tableCells(turn)).toHaveLength(5);
  });

  it('proxies only for a logged-in user, and ChatBI trusts only users signed with the shared secret', async () => {
    const anonymous = await fetch(`${superset.url}/chatbi/api/catalog`);
    expect([anonymous.status, ((await anonymous.json()) as { error: { code: string } }).error.code]).toEqual([401, 'UNAUTHORIZED']);

    const ask = (headers: Record<string, string>) =>
      fetch(`${chatbiUrl}/api/ask`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify({ question: 'DAU of the main app yesterday', user: 'mallory' }) });
    const now = Math.floor(Date.now() / 1000);
    const forged = await ask(signTrustedUser({ sub: 'mallory', roles: ['Admin'], iat: now }, 'not-the-shared-secret-but-long-enough'));
    expect([forged.status, ((await forged.json()) as { error: { code: string } }).error.code]).toEqual([401, 'TRUSTED_USER_BAD_SIGNATURE']);
    const signed = await ask(signTrustedUser({ sub: 'alice', roles: ['Gamma'], iat: now }, secret));
    expect(answered(await signed.json()).user).toBe('alice');
  });
});
