import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { INestApplication } from '@nestjs/common';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { clarificationCandidates, type AskResponse, type ErrorBody } from '@chatbi/contracts';
import type { AskAnswer } from '../superset-plugin/src/api/answerTypes';
import { loadConfig } from '../apps/chatbi/src/config/chatbi.config';
import { createEmbeddedApp } from '../apps/chatbi/src/embedded-runtime';
import { askInPanel, cellNumber as number, chooseClarification, downloadCsv, plottedSeries, readSql, tableCells } from './ask-panel.page';
import { independentDau as dauIn, lastSevenDays } from './demo-warehouse.queries';
import { eventually } from './eventually';

jest.setTimeout(180_000);

const CHROMIUM = '/usr/bin/chromium';
const PANEL_DIR = join(__dirname, '..', 'superset-plugin', 'dist', 'standalone');
const SCREENSHOT = join(__dirname, '..', 'bench', 'results', 'ask-panel.png');
const CLARIFY_SCREENSHOT = join(__dirname, '..', 'bench', 'results', 'ask-panel-clarify.png');
const UP = 'rgb(46, 139, 87)';
const DOWN = 'rgb(208, 52, 44)';

/** The panel's answer type must accept what the API sends: a compile-time check of the mirror. */
const asPanelAnswer = (response: AskResponse): AskAnswer => response;

/**
 * The Ask panel in real headless Chromium against the running embedded app: the page at /, and the
 * same bundle on two other origins, one allowed by CHATBI_CORS_ORIGINS (as Superset would be) and
 * one not.
 */
describe('Ask panel in Chromium', () => {
  let browserDir: string;
  let dataDir: string;
  let context: BrowserContext;
  let page: Page;
  let app: INestApplication;
  let base: string;
  let allowedOrigin: StaticSite;
  let otherOrigin: StaticSite;
  const pageErrors: string[] = [];

  beforeAll(async () => {
    if (!existsSync(join(PANEL_DIR, 'ask-panel.js'))) {
      throw new Error(`The Ask panel is not built (${PANEL_DIR}); run: npm ci --prefix superset-plugin`);
    }
    // Chromium first: once this process has opened DuckDB it cannot fork reliably.
    browserDir = mkdtempSync(join(tmpdir(), 'chatbi-chromium-'));
    context = await chromium.launchPersistentContext(browserDir, {
      executablePath: CHROMIUM,
      headless: true,
      viewport: { width: 1100, height: 1500 },
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    });
    allowedOrigin = await startStaticSite();
    otherOrigin = await startStaticSite();

    dataDir = mkdtempSync(join(tmpdir(), 'chatbi-panel-'));
    app = await createEmbeddedApp(loadConfig({ CHATBI_DATA_DIR: dataDir, CHATBI_CORS_ORIGINS: allowedOrigin.origin }), { logLevels: ['error'] });
    await app.listen(0, '127.0.0.1');
    base = `http://127.0.0.1:${(app.getHttpServer().address() as AddressInfo).port}`;
    allowedOrigin.apiUrl = base;
    otherOrigin.apiUrl = base;

    await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: base });
    page = await context.newPage();
    page.on('pageerror', (error) => pageErrors.push(error.message));
  });

  afterAll(async () => {
    await context?.close();
    await app?.close();
    await allowedOrigin?.stop();
    await otherOrigin?.stop();
    if (browserDir) rmSync(browserDir, { recursive: true, force: true });
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  });

  const turns = () => page.locator('article.turn');

  const ask = (question: string, on: Page = page) => askInPanel(on, question);
  const independentDau = (appName: string, days: string[], city?: string) => dauIn(join(dataDir, 'demo-small.duckdb'), appName, days, city);

  it('serves the panel at / and renders it through SuperChart', async () => {
    const response = await page.goto(`${base}/`);
    expect(response!.status()).toBe(200);
    expect(response!.headers()['content-security-policy']).toContain("connect-src 'self'");
    await expect(page.getByRole('heading', { name: 'Ask ChatBI' }).isVisible()).resolves.toBe(true);
    await expect(page.getByRole('button', { name: '近7天主版DAU' }).isVisible()).resolves.toBe(true);
    expect(pageErrors).toEqual([]);
  });

  it('answers a question with the view, a line chart with a point per day, the table and the SQL', async () => {
    const { turn, response } = await ask('DAU of the main app over the last 7 days');
    const answer = asPanelAnswer(response as AskResponse);
    expect(await turn.locator('.view').innerText()).toBe('user_activity_daily');

    const days = lastSevenDays();
    const expected = await independentDau('main', days);
    const cells = await tableCells(turn);
    expect(cells.map((row) => row[0])).toEqual(days);
    for (const [day, dau] of cells) expect(number(dau)).toBe(expected.get(day));

    const points = turn.locator('svg[role="img"] circle.point');
    expect(await points.count()).toBe(7);
    const plotted = await points.evaluateAll((circles: any[]) => circles.map((c) => [c.getAttribute('data-x'), Number(c.getAttribute('data-value')), Number(c.getAttribute('cy'))]));
    expect(plotted.map(([x, v]) => [x, v])).toEqual(cells.map(([day, dau]) => [day, number(dau)]));
    // Drawn, not only present: a higher value sits higher on the chart.
    const byValue = [...plotted].sort((a, b) => Number(a[1]) - Number(b[1]));
    expect(Number(byValue[0][2])).toBeGreaterThan(Number(byValue[byValue.length - 1][2]));
    expect((await turn.locator('svg[role="img"]').boundingBox())!.width).toBeGreaterThan(300);

    const { sql, params } = await readSql(turn);
    expect(sql).toBe(answer.sql);
    expect(sql).toMatch(/count\(distinct "uid"\)/i);
    expect(params).toContain('"main"');
  });

  it('merges a follow-up with the question before and shows how it understood it', async () => {
    const { turn } = await ask('what about the lite app?');
    // The wording of the merged question is the dialogue service's; it names what was carried over.
    const resolved = await turn.locator('.resolved q').innerText();
    expect(resolved).toMatch(/DAU/);
    expect(resolved).toMatch(/lite/);
    expect(resolved).not.toBe('what about the lite app?');
    const { params } = await readSql(turn);
    expect(params).toContain('"lite"');
    const expected = await independentDau('lite', lastSevenDays());
    const cells = await tableCells(turn);
    expect(cells).toHaveLength(7);
    for (const [day, dau] of cells) expect(number(dau)).toBe(expected.get(day));
  });

  it('answers the question in Chinese with the same rows and SQL', async () => {
    const { turn } = await ask('近7天主版DAU');
    const english = turns().nth(0);
    expect(await tableCells(turn)).toEqual(await tableCells(english));
    expect((await readSql(turn)).sql).toBe(await english.locator('details.sql pre').innerText());
    expect(await turn.locator('circle.point').count()).toBe(7);

    // A page tall enough for the whole conversation: the panel fills the window and SuperChart follows.
    await page.setViewportSize({ width: 1100, height: 2600 });
    await page.waitForFunction(() => (globalThis as any).document.querySelector('.chatbi-ask-panel').getBoundingClientRect().height > 2500);
    mkdirSync(join(SCREENSHOT, '..'), { recursive: true });
    await page.screenshot({ path: SCREENSHOT });
    expect(readFileSync(SCREENSHOT).subarray(1, 4).toString()).toBe('PNG');
    await page.setViewportSize({ width: 1100, height: 1500 });
  });

  it('sends "was this useful?" and the view advisor counts it', async () => {
    await turns().nth(0).getByRole('button', { name: 'Yes' }).click();
    await turns().nth(1).getByRole('button', { name: 'No' }).click();
    await turns().nth(1).getByText('Thanks, noted.').waitFor();
    await turns().nth(0).getByText('Thanks, noted.').waitFor();
    await eventually(async () => {
      const usage = (await (await fetch(`${base}/api/advisor/usage`)).json()) as { view: string; useful: number; notUseful: number }[];
      expect(usage.find((u) => u.view === 'user_activity_daily')).toMatchObject({ useful: 1, notUseful: 1 });
    });
  });

  it('shows a running indicator while a question is in flight, then bars for categories', async () => {
    await page.route('**/api/ask', async (route) => {
      await new Promise((resolve) => setTimeout(resolve, 800));
      await route.continue();
    });
    try {
      await page.getByLabel('Question').fill('top 5 cities by DAU last week');
      await page.getByLabel('Question').press('Enter');
      const running = turns().last();
      await running.getByRole('status').getByText(/Running…/).waitFor();
      expect(await running.getAttribute('aria-busy')).toBe('true');
      expect(await page.getByRole('button', { name: 'Asking…' }).isDisabled()).toBe(true);
      await running.locator('xpath=self::*[@data-status="answered"]').waitFor();
    } finally {
      await page.unroute('**/api/ask');
    }
    const turn = turns().last();
    const cells = await tableCells(turn);
    expect(cells).toHaveLength(5);
    const bars = await turn.locator('rect.bar').evaluateAll((rects: any[]) => rects.map((r) => [r.getAttribute('data-x'), Number(r.getAttribute('data-value')), Number(r.getAttribute('height'))]));
    // The table shows 4 decimals (a week's DAU is its average day's); the bars carry the full value.
    const rounded = (v: number) => Number(v.toFixed(4));
    expect(bars.map(([x, v]) => [x, rounded(v)])).toEqual(cells.map(([city, dau]) => [city, rounded(number(dau))]));
    expect(Number(bars[0][2])).toBeGreaterThanOrEqual(Number(bars[4][2]));
  });

  it('shows a single number with its day-on-day and week-on-week changes, coloured by direction', async () => {
    const { turn, response } = await ask('DAU of the main app yesterday with day-on-day and week-on-week change');
    const answer = asPanelAnswer(response as AskResponse);
    expect(answer.chart.kind).toBe('number');
    const row = answer.rows[0];
    expect(number(await turn.locator('.big-number .value').innerText())).toBe(Number(row.dau));
    const deltas: string[][] = await turn.locator('.delta').evaluateAll((spans: any[]) =>
      spans.map((s) => [s.querySelector('.period').textContent, s.getAttribute('data-direction'), (globalThis as any).getComputedStyle(s).color]),
    );
    expect(deltas.map(([period]) => period)).toEqual(['DoD', 'WoW']);
    for (const [[, direction, colour], column] of deltas.map((d, i) => [d, ['dau_dod', 'dau_wow'][i]] as const)) {
      const change = Number(row[column]);
      expect(direction).toBe(change > 0 ? 'up' : change < 0 ? 'down' : 'flat');
      if (change !== 0) expect(colour).toBe(change > 0 ? UP : DOWN);
    }
  });

  it('shows an error from the API in place, with its code', async () => {
    await page.getByRole('button', { name: 'New conversation' }).click();
    expect(await turns().count()).toBe(0);
    const { turn, response } = await ask('what about Tianjin?');
    expect(response).toMatchObject({ error: { code: 'FOLLOW_UP_WITHOUT_CONTEXT' } });
    const alert = turn.getByRole('alert');
    expect(await alert.locator('.code').innerText()).toBe('FOLLOW_UP_WITHOUT_CONTEXT');
    expect(await alert.innerText()).toContain('Tianjin');
    expect(pageErrors).toEqual([]);
  });

  it('asks back when unsure, and the reading chosen by click continues the same conversation', async () => {
    const { turn, response, request } = await ask('DAU of the main app in Xinjiang over the last 7 days');
    const error = (response as { error: ErrorBody }).error;
    expect(error.code).toBe('NEEDS_CLARIFICATION');
    const candidates = clarificationCandidates(error.details);
    const nanjing = candidates.find((c) => c.label === 'Nanjing')!;
    expect(nanjing.question).toBe('DAU of the main app in Nanjing over the last 7 days');
    const choices = turn.getByRole('group', { name: 'Did you mean' }).getByRole('button');
    expect(await choices.count()).toBe(candidates.length);
    expect(await choices.allInnerTexts()).toEqual(candidates.map((c) => expect.stringContaining(c.label)));
    await turn.screenshot({ path: CLARIFY_SCREENSHOT });

    const chosen = await chooseClarification(page, turn, 'Nanjing');
    expect(chosen.request).toMatchObject({ question: nanjing.question, sessionId: request.sessionId });
    expect(await chosen.turn.getAttribute('data-status')).toBe('answered');
    const expected = await independentDau('main', lastSevenDays(), 'nanjing');
    const cells = await tableCells(chosen.turn);
    expect(cells.map(([day, dau]) => [day, number(dau)])).toEqual([...expected.entries()].sort());

    await eventually(async () => {
      const misses = (await (await fetch(`${base}/api/advisor/misses`)).json()) as { question: string; errorCode: string; needed: { column: string; candidates: { kind: string; label: string }[] }[] }[];
      const miss = misses.find((m) => m.question === 'DAU of the main app in Xinjiang over the last 7 days');
      expect(miss).toMatchObject({ errorCode: 'NEEDS_CLARIFICATION', needed: [{ column: 'xinjiang', candidates: expect.arrayContaining([expect.objectContaining({ kind: 'value', label: 'Nanjing' })]) }] });
      const usage = (await (await fetch(`${base}/api/advisor/usage`)).json()) as { view: string; clarifications: number }[];
      expect(usage.find((u) => u.view === 'user_activity_daily')!.clarifications).toBeGreaterThanOrEqual(1);
    });
  });

  it('switches a series between line, bar and table, and shows its whole-range value', async () => {
    const turn = turns().last();
    const kinds = turn.getByRole('group', { name: 'Chart type' }).getByRole('button');
    expect(await kinds.allInnerTexts()).toEqual(['Line', 'Bar', 'Table']);
    const cells = (await tableCells(turn)).map(([day, dau]) => [day, number(dau)]);

    await kinds.getByText('Bar').click();
    expect(await turn.getByRole('button', { name: 'Bar' }).getAttribute('aria-pressed')).toBe('true');
    const bars = await turn.locator('rect.bar').evaluateAll((rects: any[]) => rects.map((r) => [r.getAttribute('data-x'), Number(r.getAttribute('data-value'))]));
    expect(bars).toEqual(cells);
    expect(await turn.locator('circle.point').count()).toBe(0);

    await kinds.getByText('Table').click();
    expect(await turn.locator('svg[role="img"]').count()).toBe(0);
    expect((await tableCells(turn)).map(([day, dau]) => [day, number(dau)])).toEqual(cells);

    await kinds.getByText('Line').click();
    expect(await turn.locator('circle.point').count()).toBe(7);

    // DAU over a range is the days' average (the catalog rolls it up per day): shown, but not as a total.
    const days = [...(await independentDau('main', lastSevenDays(), 'nanjing')).values()];
    const total = turn.locator('.series-total .total[data-metric="dau"]');
    expect(await total.getAttribute('data-kind')).toBe('whole-range');
    expect(await total.innerText()).toContain('dau over the whole range');
    expect(await total.innerText()).toContain('no total');
    expect(number(await total.locator('strong').innerText())).toBeCloseTo(days.reduce((a, b) => a + b, 0) / days.length, 4);
  });

  it('downloads the table as CSV: a BOM, RFC 4180 lines, the same cells as the table', async () => {
    const turn = turns().last();
    const { fileName, bytes } = await downloadCsv(page, turn);
    expect(fileName).toBe('dau-of-the-main-app-in-nanjing-over-the-last-7-days.csv');
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = bytes.subarray(3).toString('utf8').split('\r\n');
    expect(lines.pop()).toBe('');
    const header = await turn.locator('thead th').allInnerTexts();
    expect(lines[0]).toBe(header.join(','));
    expect(lines.slice(1).map((line) => line.split(',').map((field, i) => (i === 0 ? field : Number(field))))).toEqual(
      (await tableCells(turn)).map(([day, dau]) => [day, number(dau)]),
    );
  });

  it('copies the SQL', async () => {
    const turn = turns().last();
    const { sql } = await readSql(turn);
    await turn.getByRole('button', { name: 'Copy SQL' }).click();
    await turn.getByRole('button', { name: 'Copied' }).waitFor();
    expect(await page.evaluate(() => (globalThis as any).navigator.clipboard.readText())).toBe(sql);
  });

  it('draws a day by city breakdown as its 8 largest cities plus "other", summed from the rest', async () => {
    const { turn, response } = await ask('daily DAU of the main app by city over the last 7 days');
    const answer = asPanelAnswer(response as AskResponse);
    const byCity = new Map<string, Map<string, number>>();
    for (const row of answer.rows) {
      const city = String(row.city);
      byCity.set(city, (byCity.get(city) ?? new Map()).set(String(row.event_day).slice(0, 10), Number(row.dau)));
    }
    expect(byCity.size).toBeGreaterThan(8);
    const sum = (m: Map<string, number>) => [...m.values()].reduce((a, b) => a + b, 0);
    const ranked = [...byCity.entries()].sort((a, b) => sum(b[1]) - sum(a[1]));
    const drawn = await plottedSeries(turn);
    const rest = ranked.slice(8);
    expect([...drawn.keys()]).toEqual([...ranked.slice(0, 8).map(([city]) => city), `other (${rest.length})`]);
    for (const [city, points] of ranked.slice(0, 8)) expect(drawn.get(city)).toEqual(points);
    const other = drawn.get(`other (${rest.length})`)!;
    for (const [day, value] of other) expect(value).toBe(rest.reduce((s, [, points]) => s + (points.get(day) ?? 0), 0));
    expect(await turn.locator('.legend li').count()).toBe(9);
    expect(await turn.locator('.chart-note').innerText()).toContain(`the other ${rest.length} are summed into "other"`);
  });

  it('lists past conversations after a reload, finds one by search and reopens it with its answers', async () => {
    await page.reload();
    expect(await turns().count()).toBe(0);
    await page.getByRole('button', { name: 'History' }).click();
    const history = page.getByRole('complementary', { name: 'Past conversations' });
    const past = history.locator('button.past');
    await past.first().waitFor();
    expect(await history.locator('.title').allInnerTexts()).toEqual(['what about Tianjin?', 'DAU of the main app over the last 7 days']);

    await history.getByLabel('Search conversations').fill('LITE app');
    await eventually(async () => expect(await history.locator('.title').allInnerTexts()).toEqual(['DAU of the main app over the last 7 days']));
    const sessionId = await past.first().getAttribute('data-session');
    await past.first().click();
    await history.waitFor({ state: 'detached' });

    expect(await turns().locator('.question').allInnerTexts()).toEqual([
      'DAU of the main app over the last 7 days',
      'what about the lite app?',
      '近7天主版DAU',
      'top 5 cities by DAU last week',
      'DAU of the main app yesterday with day-on-day and week-on-week change',
    ]);
    const expected = await independentDau('main', lastSevenDays());
    expect((await tableCells(turns().nth(0))).map(([day, dau]) => [day, number(dau)])).toEqual([...expected.entries()].sort());
    expect(await turns().nth(1).locator('.resolved q').innerText()).toMatch(/lite/);
    expect(await turns().nth(0).locator('circle.point').count()).toBe(7);

    // The reopened conversation goes on: a follow-up is sent in its session and builds on its last answer.
    const { request, turn } = await ask('and for the lite app?');
    expect(request.sessionId).toBe(sessionId);
    expect(await turn.getAttribute('data-status')).toBe('answered');
  });

  it('works from another origin that CHATBI_CORS_ORIGINS allows, as inside Superset', async () => {
    const remote = await context.newPage();
    try {
      await remote.goto(`${allowedOrigin.origin}/`);
      const { turn } = await ask('DAU of the main app over the last 7 days', remote);
      expect(await turn.getAttribute('data-status')).toBe('answered');
      const expected = await independentDau('main', lastSevenDays());
      expect((await tableCells(turn)).map(([day, dau]) => [day, number(dau)])).toEqual([...expected.entries()].sort());
      expect(await turn.locator('circle.point').count()).toBe(7);
    } finally {
      await remote.close();
    }
  });

  it('says what to check when the browser may not call ChatBI from an origin it does not allow', async () => {
    const remote = await context.newPage();
    try {
      await remote.goto(`${otherOrigin.origin}/`);
      await remote.getByLabel('Question').fill('DAU of the main app over the last 7 days');
      await remote.getByLabel('Question').press('Enter');
      const alert = remote.locator('article.turn[data-status="failed"]').getByRole('alert');
      await alert.waitFor();
      expect(await alert.locator('.code').innerText()).toBe('NETWORK_ERROR');
      expect(await alert.innerText()).toContain('CHATBI_CORS_ORIGINS');
    } finally {
      await remote.close();
    }
  });
});

interface StaticSite {
  origin: string;
  /** The ChatBI API the page's panel calls (set once the app listens). */
  apiUrl: string;
  stop(): Promise<void>;
}

/** Another origin serving the same panel bundle, pointed at ChatBI's API, as Superset would host it. */
async function startStaticSite(): Promise<StaticSite> {
  const site: StaticSite = { origin: '', apiUrl: '', stop: async () => undefined };
  const server: Server = createServer((req, res) => {
    if (req.url === '/ask-panel/ask-panel.js') {
      res.writeHead(200, { 'content-type': 'text/javascript' }).end(readFileSync(join(PANEL_DIR, 'ask-panel.js')));
      return;
    }
    const html = readFileSync(join(PANEL_DIR, 'index.html'), 'utf8').replace('data-api-url=""', `data-api-url="${site.apiUrl}"`);
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(html);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  site.origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  site.stop = () =>
    new Promise<void>((resolve) => {
      server.close(() => resolve());
      server.closeAllConnections();
    });
  return site;
}
