import { mkdtempSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { INestApplication } from '@nestjs/common';
import { DuckDBInstance } from '@duckdb/node-api';
import { addDays, localDate, type AskResponse } from '@chatbi/contracts';
import { loadConfig } from '../apps/chatbi/src/config/chatbi.config';
import { createEmbeddedApp } from '../apps/chatbi/src/embedded-runtime';
import { eventually } from './eventually';

jest.setTimeout(180_000);

/** The embedded app over real HTTP, on a freshly generated demo warehouse. */
describe('embedded app over HTTP', () => {
  let dataDir: string;
  let app: INestApplication;
  let base: string;

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'chatbi-e2e-'));
    app = await createEmbeddedApp(loadConfig({ CHATBI_DATA_DIR: dataDir }), { logLevels: ['error'] });
    await app.listen(0, '127.0.0.1');
    const address = app.getHttpServer().address() as { port: number };
    base = `http://127.0.0.1:${address.port}`;
  });

  afterAll(async () => {
    await app?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  async function ask(body: unknown): Promise<{ status: number; json: any }> {
    const response = await fetch(`${base}/api/ask`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: typeof body === 'string' ? body : JSON.stringify(body),
    });
    return { status: response.status, json: await response.json() };
  }

  /** DAU per day computed by a query written here, not by ChatBI. */
  async function independentDau(app_name: string, days: string[]): Promise<Map<string, number>> {
    const instance = await DuckDBInstance.create(join(dataDir, 'demo-small.duckdb'), { access_mode: 'READ_ONLY' });
    const connection = await instance.connect();
    const reader = await connection.runAndReadAll(
      `SELECT strftime(event_day, '%Y-%m-%d') AS d, count(DISTINCT uid) AS n FROM user_activity_daily
       WHERE app_name = $1 AND event_day BETWEEN CAST($2 AS DATE) AND CAST($3 AS DATE) GROUP BY 1`,
      [app_name, days[0], days[days.length - 1]],
    );
    const result = new Map(reader.getRowObjectsJson().map((r) => [String(r.d), Number(r.n)]));
    connection.closeSync();
    instance.closeSync();
    return result;
  }

  const lastSevenDays = () => {
    const yesterday = addDays(localDate(new Date()), -1);
    return Array.from({ length: 7 }, (_, i) => addDays(yesterday, i - 6));
  };

  it('answers "DAU of the main app over the last 7 days" with 7 daily rows counting distinct users', async () => {
    const { status, json } = await ask({ question: 'DAU of the main app over the last 7 days' });
    expect(status).toBe(200);
    const answer = json as AskResponse;
    expect(answer.sql).toMatch(/count\(distinct "uid"\)/i);
    expect(answer.plan.filters).toEqual([{ column: 'app_name', op: '=', value: 'main' }]);
    const days = lastSevenDays();
    expect(answer.rows.map((r) => r[answer.plan.time!.column])).toEqual(days);
    const expected = await independentDau('main', days);
    for (const row of answer.rows) expect(Number(row.dau)).toBe(expected.get(String(row[answer.plan.time!.column])));
    expect(answer.chart.kind).toBe('line');
    expect(answer.timings).toHaveProperty('cascade-runner');
  });

  it('answers 近7天主版DAU with the same rows', async () => {
    const english = (await ask({ question: 'DAU of the main app over the last 7 days' })).json as AskResponse;
    const { status, json } = await ask({ question: '近7天主版DAU' });
    expect(status).toBe(200);
    expect((json as AskResponse).rows).toEqual(english.rows);
    expect((json as AskResponse).sql).toBe(english.sql);
  });

  it('follows up "what about the lite app?" on the same session by swapping the filter', async () => {
    const first = (await ask({ question: 'DAU of the main app over the last 7 days', sessionId: 'e2e-follow-up' })).json as AskResponse;
    const { status, json } = await ask({ question: 'what about the lite app?', sessionId: 'e2e-follow-up' });
    expect(status).toBe(200);
    const answer = json as AskResponse;
    expect(answer.plan.filters).toEqual([{ column: 'app_name', op: '=', value: 'lite' }]);
    expect(answer.plan.metrics).toEqual(first.plan.metrics);
    expect(answer.plan.time).toEqual(first.plan.time);
    expect(answer.resolvedQuestion).toContain('DAU of the main app');
    const expected = await independentDau('lite', lastSevenDays());
    for (const row of answer.rows) expect(Number(row.dau)).toBe(expected.get(String(row.event_day)));
  });

  it('answers a grouped question with a grain in Chinese', async () => {
    const { status, json } = await ask({ question: '上周主版分操作系统的DAU' });
    expect(status).toBe(200);
    expect((json as AskResponse).plan.dimensions).toContain('os');
    expect((json as AskResponse).rows.length).toBeGreaterThan(0);
  });

  describe('bad input gets a clear error and the app keeps serving', () => {
    it.each([
      ['an empty question', { question: '   ' }, 400, 'QUESTION_EMPTY'],
      ['a 10,000-character question', { question: 'DAU '.repeat(2500) }, 400, 'QUESTION_TOO_LONG'],
      ['a missing question', { sessionId: 'x' }, 400, 'INVALID_REQUEST'],
      ['malformed JSON', '{"question": ', 400, 'INVALID_REQUEST'],
      ['a language the catalog has no aliases for', { question: 'Quelle est la météo à Paris demain ?' }, 422, 'NO_METRIC_FOUND'],
      ['SQL as a question', { question: "'; DROP TABLE users; --" }, 422, 'NO_METRIC_FOUND'],
      ['a follow-up with nothing before it', { question: 'what about Tianjin?', sessionId: 'e2e-fresh' }, 422, 'FOLLOW_UP_WITHOUT_CONTEXT'],
    ])('%s', async (_label, body, status, code) => {
      const response = await ask(body);
      expect(response.status).toBe(status);
      expect(response.json.error.code).toBe(code);
      expect(response.json.error.message.length).toBeGreaterThan(10);
    });

    it('still answers after all of them, and the warehouse is unchanged', async () => {
      const { status } = await ask({ question: 'DAU of the main app over the last 7 days' });
      expect(status).toBe(200);
      const health = (await (await fetch(`${base}/health/ready`)).json()) as any;
      expect(health).toMatchObject({ status: 'ok', checks: { warehouse: { ok: true }, metadata: { ok: true } } });
      // Every answer of this file over HTTP is counted, by its code.
      const metrics = await (await fetch(`${base}/metrics`)).text();
      expect(metrics).toMatch(/^chatbi_answers_total\{entry="http",code="OK"\} [1-9]/m);
      expect(metrics).toMatch(/^chatbi_answers_total\{entry="http",code="QUESTION_EMPTY"\} [1-9]/m);
      expect(metrics).toMatch(/^chatbi_stage_duration_seconds_count\{stage="cascade-runner"\} [1-9]/m);
    });
  });

  it('serves the catalog', async () => {
    const catalog = (await (await fetch(`${base}/api/catalog`)).json()) as any;
    expect(catalog.views.length).toBeGreaterThanOrEqual(4);
    const columns = catalog.views.reduce((n: number, v: { columns: unknown[] }) => n + v.columns.length, 0);
    expect(columns).toBeGreaterThanOrEqual(200);
  });

  it('counts hits per view for the view advisor', async () => {
    await eventually(async () => {
      const usage = (await (await fetch(`${base}/api/advisor/usage`)).json()) as any;
      const activity = usage.find((u: { view: string }) => u.view === 'user_activity_daily');
      expect(activity.hits).toBeGreaterThanOrEqual(3);
    });
  });
});

describe('embedded app with broken parts', () => {
  let dataDir: string;

  beforeEach(() => {
    dataDir = mkdtempSync(join(tmpdir(), 'chatbi-broken-'));
  });
  afterEach(() => rmSync(dataDir, { recursive: true, force: true }));

  it('refuses to start on a malformed catalog, naming the file and line', async () => {
    const catalogDir = join(dataDir, 'catalog');
    mkdirSync(catalogDir);
    writeFileSync(join(catalogDir, 'bad.yaml'), 'version: 1\nviews:\n  - name: v\n    description: x\n    columns:\n      - name: Bad-Name\n        type: string\n        role: dimension\n        description: y\n');
    const warehouse = join(dataDir, 'empty.duckdb');
    await expect(
      createEmbeddedApp(loadConfig({ CHATBI_DATA_DIR: dataDir, CHATBI_CATALOG_DIR: catalogDir, CHATBI_WAREHOUSE_FILE: warehouse }), { logLevels: [] }),
    ).rejects.toThrow(/bad\.yaml:6:\d+ views\.0\.columns\.0\.name/);
  });

  it('keeps serving when the warehouse cannot be opened, answering 503 WAREHOUSE_UNAVAILABLE; live, not ready', async () => {
    const app = await createEmbeddedApp(
      loadConfig({ CHATBI_DATA_DIR: dataDir, CHATBI_WAREHOUSE_FILE: join(dataDir, 'missing', 'nothing.duckdb') }),
      { logLevels: [] },
    );
    try {
      await app.listen(0, '127.0.0.1');
      const { port } = app.getHttpServer().address() as { port: number };
      const response = await fetch(`http://127.0.0.1:${port}/api/ask`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ question: 'DAU of the main app over the last 7 days' }),
      });
      expect(response.status).toBe(503);
      expect(((await response.json()) as any).error.code).toBe('WAREHOUSE_UNAVAILABLE');
      expect((await fetch(`http://127.0.0.1:${port}/health/live`)).status).toBe(200);
      const ready = await fetch(`http://127.0.0.1:${port}/health/ready`);
      const body = (await ready.json()) as any;
      expect({ status: ready.status, checks: body.checks }).toEqual({
        status: 503,
        checks: { warehouse: { ok: false, detail: expect.stringMatching(/nothing\.duckdb/) }, metadata: { ok: true } },
      });
    } finally {
      await app.close();
    }
  });
});

