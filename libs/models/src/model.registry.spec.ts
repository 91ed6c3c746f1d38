import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Logger } from '@nestjs/common';
import { MODEL_FORMAT_VERSION, modelCardSchema } from './model-card';
import { ModelRegistry, describePreparedModel } from './model.registry';
import { sha256 } from './sha256';
import { FIXTURE_QUESTIONS, MODELS_FIXTURE_YAML, loadModelsFixtureCatalog } from './testing/models-fixture.catalog';

jest.setTimeout(120_000);

describe('ModelRegistry', () => {
  const catalog = loadModelsFixtureCatalog();
  const dirs: string[] = [];
  const registries: ModelRegistry[] = [];
  let warnings: string[];

  const newDir = () => {
    const dir = mkdtempSync(join(tmpdir(), 'chatbi-models-'));
    dirs.push(dir);
    return dir;
  };
  const registry = (dir: string) => {
    const r = new ModelRegistry({ dir, questions: FIXTURE_QUESTIONS });
    registries.push(r);
    return r;
  };

  beforeEach(() => {
    warnings = [];
    jest.spyOn(Logger.prototype, 'warn').mockImplementation((message: unknown) => void warnings.push(String(message)));
    jest.spyOn(Logger.prototype, 'log').mockImplementation(() => undefined);
  });
  afterEach(() => jest.restoreAllMocks());
  afterAll(async () => {
    for (const r of registries) await r.onModuleDestroy();
    for (const d of dirs) rmSync(d, { recursive: true, force: true });
  });

  it('trains both models when none is cached, writes them with their cards, and serves them', async () => {
    const dir = newDir();
    const models = registry(dir);
    const prepared = await models.prepare(catalog);
    expect(prepared.map((p) => [p.kind, p.source, p.reason])).toEqual([
      ['completeness', 'trained', 'no cached model'],
      ['view-ranking', 'trained', 'no cached model'],
    ]);
    for (const kind of ['completeness', 'view-ranking'] as const) {
      const card = modelCardSchema.parse(JSON.parse(readFileSync(join(dir, `${kind}.card.json`), 'utf8')));
      expect(card).toMatchObject({ kind, catalogHash: catalog.hash, formatVersion: MODEL_FORMAT_VERSION, seed: models.seed });
      expect(card.data.train).toBeGreaterThan(250);
      expect(card.data.validation).toBeGreaterThan(25);
      expect(card.data.byLanguage).toEqual({ en: expect.any(Number), zh: expect.any(Number) });
      expect(card.validationAccuracy).toBeGreaterThan(0.85);
      expect(card.trainSeconds).toBeGreaterThan(0);
      expect(sha256(readFileSync(join(dir, `${kind}.onnx`)))).toBe(card.onnx.sha256);
    }
    const views = await models.model('view-ranking', catalog.hash)!.predict('completion rate of funny videos last week');
    expect(views.ranked[0].label).toBe('video_daily');
    const complete = models.model('completeness', catalog.hash)!;
    expect((await complete.predict('DAU of the lite app yesterday')).ranked[0].label).toBe('complete');
    expect((await complete.predict('what about Tianjin?')).ranked[0].label).toBe('follow-up');
    expect(describePreparedModel(prepared[1])).toMatch(/^Model view-ranking: trained in [\d.]+ s, no cached model \(held-out templates [\d.]+%/);
  });

  it('loads fresh models from the cache on the next start, and training is deterministic', async () => {
    const dir = newDir();
    const first = await registry(dir).prepare(catalog);
    const second = await registry(dir).prepare(catalog);
    expect(second.map((p) => p.source)).toEqual(['cache', 'cache']);
    expect(second.map((p) => p.card!.trainedAt)).toEqual(first.map((p) => p.card!.trainedAt));
    const elsewhere = await registry(newDir()).prepare(catalog);
    expect(elsewhere.map((p) => p.card!.onnx.sha256)).toEqual(first.map((p) => p.card!.onnx.sha256));
  });

  it('rebuilds a corrupt model or card with a warning instead of failing', async () => {
    const dir = newDir();
    await registry(dir).prepare(catalog);
    writeFileSync(join(dir, 'view-ranking.onnx'), 'not a model');
    writeFileSync(join(dir, 'completeness.card.json'), '{"kind": "completeness", ');
    const prepared = await registry(dir).prepare(catalog);
    expect(prepared.map((p) => p.source)).toEqual(['trained', 'trained']);
    expect(warnings.join('\n')).toMatch(/completeness\.card\.json is not a model card/);
    expect(warnings.join('\n')).toMatch(/view-ranking\.onnx does not match its card/);
    expect(sha256(readFileSync(join(dir, 'view-ranking.onnx')))).toBe(prepared[1].card!.onnx.sha256);
  });

  it('rebuilds a model whose bytes match its card but that onnxruntime cannot load', async () => {
    const dir = newDir();
    await registry(dir).prepare(catalog);
    const garbage = Buffer.from('garbage bytes that are not protobuf at all');
    const card = JSON.parse(readFileSync(join(dir, 'completeness.card.json'), 'utf8'));
    writeFileSync(join(dir, 'completeness.onnx'), garbage);
    writeFileSync(join(dir, 'completeness.card.json'), JSON.stringify({ ...card, onnx: { ...card.onnx, bytes: garbage.length, sha256: sha256(garbage) } }));
    const models = registry(dir);
    const [completeness] = await models.prepare(catalog);
    expect(completeness.source).toBe('trained');
    expect(warnings.join('\n')).toMatch(/unusable cached model/);
    expect(models.model('completeness', catalog.hash)).toBeDefined();
  });

  it('retrains for a changed catalog and serves a model only for the catalog it was trained on', async () => {
    const dir = newDir();
    const models = registry(dir);
    await models.prepare(catalog);
    const changed = loadModelsFixtureCatalog(MODELS_FIXTURE_YAML.replace('[搜索量, 搜索次数]', '[搜索量, 搜索次数, 检索量]'));
    const [a, b] = [models.prepare(changed), models.prepare(changed)];
    expect(a).toBe(b);
    expect(models.model('view-ranking', changed.hash)).toBeUndefined();
    const prepared = await a;
    expect(prepared.map((p) => p.source)).toEqual(['trained', 'trained']);
    expect(prepared[0].reason).toMatch(/^trained for catalog/);
    expect(models.model('view-ranking', changed.hash)).toBeDefined();
    expect(models.model('view-ranking', catalog.hash)).toBeUndefined();
    expect(models.cards()['view-ranking']!.catalogHash).toBe(changed.hash);
  });

  it('trains once for registries sharing a directory (the services of distributed mode): the others wait and load it', async () => {
    const dir = newDir();
    const [a, b] = await Promise.all([registry(dir).prepare(catalog), registry(dir).prepare(catalog)]);
    const sources = [a, b].map((prepared) => prepared.map((p) => p.source).join(','));
    expect(sources.sort()).toEqual(['cache,cache', 'trained,trained']);
  });

  it('serves from memory when the cache directory cannot be written', async () => {
    const file = join(newDir(), 'a-file');
    writeFileSync(file, 'x');
    const models = registry(join(file, 'models'));
    const prepared = await models.prepare(catalog);
    expect(prepared.map((p) => p.source)).toEqual(['trained', 'trained']);
    expect(warnings.join('\n')).toMatch(/could not cache the completeness model/);
    expect(models.model('completeness', catalog.hash)).toBeDefined();
  });
});
