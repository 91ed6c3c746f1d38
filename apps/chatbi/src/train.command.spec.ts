import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Logger } from '@nestjs/common';
import { ModelRegistry, modelCardSchema } from '@chatbi/models';
import { MODELS_FIXTURE_YAML, loadModelsFixtureCatalog } from '../../../libs/models/src/testing/models-fixture.catalog';
import { StandInMessagesApi } from '../../../libs/models/src/testing/stand-in-messages-api';
import { trainCommand } from './train.command';

jest.setTimeout(180_000);

describe('chatbi train', () => {
  const dir = mkdtempSync(join(tmpdir(), 'chatbi-train-'));
  const catalogDir = join(dir, 'catalog');
  const api = new StandInMessagesApi((q) => [/[\u3400-\u9fff]/.test(q) ? `请帮我看看${q}` : `could you show ${q}`]);
  const saved = { ...process.env };
  let printed = '';

  beforeAll(async () => {
    mkdirSync(catalogDir);
    writeFileSync(join(catalogDir, 'models-fixture.yaml'), MODELS_FIXTURE_YAML);
    Object.assign(process.env, {
      CHATBI_DATA_DIR: dir,
      CHATBI_CATALOG_DIR: catalogDir,
      ANTHROPIC_API_KEY: 'test-key',
      CHATBI_ANTHROPIC_BASE_URL: await api.start(),
    });
    jest.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
      printed += String(chunk);
      return true;
    });
  });

  afterAll(async () => {
    jest.restoreAllMocks();
    process.env = saved;
    await api.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('paraphrases through Claude into the cache, trains both models with it, and the service then loads them', async () => {
    await trainCommand({ paraphrase: '12' });
    const cache = JSON.parse(readFileSync(join(dir, 'models', 'paraphrases.json'), 'utf8'));
    expect(Object.keys(cache.paraphrases)).toHaveLength(12);
    expect(api.requests.length).toBeGreaterThan(0);
    for (const kind of ['completeness', 'view-ranking']) {
      const card = modelCardSchema.parse(JSON.parse(readFileSync(join(dir, 'models', `${kind}.card.json`), 'utf8')));
      expect(card.paraphrasesSha256).toMatch(/^[0-9a-f]{64}$/);
      expect(card.catalogHash).toBe(loadModelsFixtureCatalog().hash);
    }
    expect(printed).toMatch(/Paraphrased 12 of 12 generated questions/);
    expect(printed).toMatch(/view-ranking .*held-out templates|held-out templates/);

    jest.spyOn(Logger.prototype, 'log').mockImplementation(() => undefined);
    const registry = new ModelRegistry({ dir: join(dir, 'models') });
    try {
      expect((await registry.prepare(loadModelsFixtureCatalog())).map((p) => p.source)).toEqual(['cache', 'cache']);
    } finally {
      await registry.onModuleDestroy();
    }
  });

  it('says what to set when paraphrasing has no key', async () => {
    delete process.env.ANTHROPIC_API_KEY;
    await expect(trainCommand({ paraphrase: '5' })).rejects.toThrow(/set ANTHROPIC_API_KEY/);
    await expect(trainCommand({ seed: 'x' })).rejects.toThrow(/--seed must be an integer/);
  });
});
