import { join } from 'node:path';
import { CatalogLoader } from '@chatbi/catalog';
import { ChatbiError } from '@chatbi/contracts';
import { DEMO_CATALOG_DIR } from '@chatbi/demo-world';
import {
  ClaudeParaphraser,
  DEFAULT_MODEL_SEED,
  MODEL_KINDS,
  ModelFiles,
  ParaphraseCache,
  paraphraseCandidates,
  trainModel,
} from '@chatbi/models';
import { loadConfig, modelsDirOf } from './config/chatbi.config';
import { formatTable } from './table.printer';

const out = (line = '') => process.stdout.write(`${line}\n`);

/**
 * `chatbi train`: trains both small models for the configured catalog and writes them, with their
 * cards, where the service loads them (CHATBI_DATA_DIR/models). With --paraphrase n, first asks
 * Claude (ANTHROPIC_API_KEY) to paraphrase up to n generated questions the cache lacks; training
 * itself reads only the cache, so it stays reproducible offline.
 */
export async function trainCommand(opts: { seed?: string; paraphrase?: string }): Promise<void> {
  const config = loadConfig();
  const seed = opts.seed === undefined ? DEFAULT_MODEL_SEED : Number(opts.seed);
  if (!Number.isInteger(seed)) throw new ChatbiError('INVALID_REQUEST', `--seed must be an integer, not "${opts.seed}"`);
  const catalog = new CatalogLoader().loadDirectory(config.CHATBI_CATALOG_DIR ?? DEMO_CATALOG_DIR);
  const dir = modelsDirOf(config);
  const cache = new ParaphraseCache(join(dir, 'paraphrases.json'));

  if (opts.paraphrase !== undefined) await paraphrase(catalog, seed, cache, Number(opts.paraphrase));

  const paraphrases = cache.load();
  const files = new ModelFiles(dir);
  const rows: Record<string, unknown>[] = [];
  for (const kind of MODEL_KINDS) {
    const { card, onnx } = await trainModel(kind, catalog, { seed, paraphrases: paraphrases.paraphrases, paraphrasesSha256: paraphrases.sha256 });
    files.write(kind, onnx, card);
    rows.push({
      model: kind,
      seconds: card.trainSeconds,
      train: card.data.train,
      validation: card.data.validation,
      paraphrases: card.data.paraphrases,
      'held-out templates': `${(card.validationAccuracy * 100).toFixed(1)}%`,
      labels: card.labels.length,
      onnx: `${Math.round(card.onnx.bytes / 1024)} KB`,
    });
  }
  out(`Trained for catalog ${catalog.hash} (${catalog.views.length} views), seed ${seed}, into ${dir}`);
  out(formatTable(Object.keys(rows[0]), rows));
  out('Model cards: <model>.card.json next to each <model>.onnx. The service loads these on its next start.');
}

async function paraphrase(catalog: import('@chatbi/catalog').Catalog, seed: number, cache: ParaphraseCache, limit: number): Promise<void> {
  if (!Number.isInteger(limit) || limit < 1) throw new ChatbiError('INVALID_REQUEST', '--paraphrase takes how many generated questions to paraphrase, e.g. --paraphrase 200');
  const apiKey = process.env.ANTHROPIC_API_KEY;
  if (!apiKey) throw new ChatbiError('INVALID_REQUEST', 'Paraphrasing asks Claude: set ANTHROPIC_API_KEY (and CHATBI_ANTHROPIC_BASE_URL for a proxy), or train without --paraphrase.');
  const cached = cache.load().paraphrases;
  const todo = paraphraseCandidates(catalog, seed, cached, limit);
  const paraphraser = new ClaudeParaphraser({
    apiKey,
    baseURL: process.env.CHATBI_ANTHROPIC_BASE_URL,
    model: process.env.CHATBI_ANTHROPIC_MODEL ?? 'claude-sonnet-4-6',
  });
  const fresh = await paraphraser.paraphrase(todo);
  for (const [question, rewrites] of fresh) cached.set(question, rewrites);
  cache.save(cached);
  out(`Paraphrased ${fresh.size} of ${todo.length} generated questions; the cache ${cache.file} holds ${cached.size}.`);
}
