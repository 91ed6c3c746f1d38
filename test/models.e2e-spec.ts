import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { INestApplication } from '@nestjs/common';
import type { AskResponse } from '@chatbi/contracts';
import { DEMO_CATALOG_DIR } from '@chatbi/demo-world';
import { loadConfig } from '../apps/chatbi/src/config/chatbi.config';
import { createEmbeddedApp } from '../apps/chatbi/src/embedded-runtime';
import { eventually } from './eventually';

jest.setTimeout(300_000);

/**
 * The small models in the embedded app: trained on the first start and cached, loaded on the next,
 * rebuilt when a file is corrupt, retrained and swapped on a catalog change without a restart; and
 * conversations that outlive a restart.
 */
describe('embedded app with trained models', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'chatbi-models-e2e-'));
  const catalogDir = join(dataDir, 'catalog');
  cpSync(DEMO_CATALOG_DIR, catalogDir, { recursive: true });
  let app: INestApplication | undefined;
  let base = '';
  let progress: string[] = [];

  async function start(): Promise<void> {
    progress = [];
    app = await createEmbeddedApp(loadConfig({ CHATBI_DATA_DIR: dataDir, CHATBI_CATALOG_DIR: catalogDir }), {
      logLevels: ['error'],
      onProgress: (line) => progress.push(line),
    });
    await app.listen(0, '127.0.0.1');
    base = `http://127.0.0.1:${(app.getHttpServer().address() as { port: number }).port}`;
  }

  async function stop(): Promise<void> {
    await app?.close();
    app = undefined;
  }

  async function ask(question: string, sessionId?: string): Promise<{ status: number; json: any }> {
    const response = await fetch(`${base}/api/ask`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ question, ...(sessionId ? { sessionId } : {}) }),
    });
    return { status: response.status, json: await response.json() };
  }

  const modelsInService = async () => (await (await fetch(`${base}/api/models`)).json()) as any;

  afterAll(async () => {
    await stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('trains both models on the first start and serves them with their cards', async () => {
    const started = performance.now();
    await start();
    const seconds = (performance.now() - started) / 1000;
    expect(progress.filter((l) => /^Model (completeness|view-ranking): trained in/.test(l))).toHaveLength(2);
    const models = await modelsInService();
    const health = (await (await fetch(`${base}/health`)).json()) as any;
    expect(models.catalog).toBe(health.catalog);
    for (const m of models.models) {
      expect(m.serving).toBe(true);
      expect(m.card).toMatchObject({ catalogHash: health.catalog, onnx: { opset: 13 } });
      expect(m.card.validationAccuracy).toBeGreaterThan(0.9);
    }
    expect(models.models.find((m: any) => m.kind === 'view-ranking').card.labels).toContain('creator_daily');
    expect(seconds).toBeLessThan(120);
  });

  it('asks what the user wants to know about Tianjin when a follow-up opens a conversation', async () => {
    const { status, json } = await ask('what about Tianjin?', 'opens-with-follow-up');
    expect(status).toBe(422);
    expect(json.error.code).toBe('FOLLOW_UP_WITHOUT_CONTEXT');
    expect(json.error.message).toMatch(/^What would you like to know about Tianjin\?/);
  });

  it('follows up across views: the filter and time range carry over to the view that holds the new metric', async () => {
    const first = (await ask('DAU of the lite app yesterday', 'switch')).json as AskResponse;
    expect(first.view).toBe('user_activity_daily');
    const { status, json } = await ask('and the search CTR?', 'switch');
    expect(status).toBe(200);
    const answer = json as AskResponse;
    expect(answer.view).toBe('search_daily');
    expect(answer.plan.metrics.map((m) => m.column)).toEqual(['search_ctr']);
    expect(answer.plan.filters).toEqual([{ column: 'app_name', op: '=', value: 'lite' }]);
    expect(answer.plan.time?.range).toEqual(first.plan.time?.range);
    expect(answer.resolvedQuestion).toBe('search CTR of the lite app yesterday (following up on "DAU of the lite app yesterday")');
  });

  it('keeps a conversation across a restart, and loads the cached models instead of training', async () => {
    const first = await ask('DAU of the main app over the last 7 days', 'survives-restart');
    expect(first.status).toBe(200);
    await stop();
    await start();
    expect(progress.filter((l) => /^Model (completeness|view-ranking): loaded from the cache/.test(l))).toHaveLength(2);
    const { status, json } = await ask('what about the lite app?', 'survives-restart');
    expect(status).toBe(200);
    const answer = json as AskResponse;
    expect(answer.plan.filters).toEqual([{ column: 'app_name', op: '=', value: 'lite' }]);
    expect(answer.plan.metrics).toEqual((first.json as AskResponse).plan.metrics);
    expect(answer.resolvedQuestion).toBe('DAU of the lite app over the last 7 days (following up on "DAU of the main app over the last 7 days")');
  });

  it('rebuilds a corrupt model file on start, with a warning, and keeps serving', async () => {
    await stop();
    const file = join(dataDir, 'models', 'view-ranking.onnx');
    writeFileSync(file, readFileSync(file).subarray(0, 1000));
    await start();
    expect(progress).toContainEqual(expect.stringMatching(/^Model view-ranking: trained in [\d.]+ s, unusable cached model: .*does not match its card/));
    expect(progress).toContainEqual(expect.stringMatching(/^Model completeness: loaded from the cache/));
    expect((await ask('近7天主版DAU')).status).toBe(200);
  });

  it('retrains and swaps both models when the catalog changes, answering meanwhile', async () => {
    const before = await modelsInService();
    rmSync(join(catalogDir, 'creator-daily.yaml'));
    const reload = (await (await fetch(`${base}/api/admin/catalog/reload`, { method: 'POST' })).json()) as any;
    expect(reload.removed).toEqual(['creator_daily']);
    expect(reload.hash).not.toBe(before.catalog);
    // Coverage rules answer while the models retrain in the background.
    expect((await ask('DAU of the main app yesterday')).status).toBe(200);
    const after = await eventually(async () => {
      const models = await modelsInService();
      expect(models.catalog).toBe(reload.hash);
      for (const m of models.models) expect(m).toMatchObject({ serving: true, card: { catalogHash: reload.hash } });
      return models;
    }, 180_000);
    expect(after.models.find((m: any) => m.kind === 'view-ranking').card.labels).not.toContain('creator_daily');
    const card = JSON.parse(readFileSync(join(dataDir, 'models', 'view-ranking.card.json'), 'utf8'));
    expect(card.catalogHash).toBe(reload.hash);
    const { status, json } = await ask('completion rate of comedy videos last week');
    expect(status).toBe(200);
    expect((json as AskResponse).view).toBe('video_play_daily');
  });
});
