import { join } from 'node:path';
import { Inject, Injectable, Logger, type OnModuleDestroy } from '@nestjs/common';
import type { Catalog } from '@chatbi/catalog';
import { OnnxBagClassifier } from './classifier/onnx-bag-classifier';
import { MODEL_FORMAT_VERSION, MODEL_KINDS, type ModelCard, type ModelKind } from './model-card';
import { DEFAULT_MODEL_SEED, trainModel, type TrainingSizes } from './model.trainer';
import { ServedModel } from './served-model';
import { ModelFileProblem, ModelFiles } from './store/model-files';
import { ParaphraseCache, type LoadedParaphrases } from './store/paraphrase.cache';
import { TrainingLock } from './store/training.lock';

export interface ModelsOptions {
  /** Where models, their cards and the paraphrase cache live (CHATBI_DATA_DIR/models). */
  dir: string;
  /** Training seed; without one, a cached model of any seed is used and new ones train with DEFAULT_MODEL_SEED. */
  seed?: number;
  /** Generated question counts; the defaults suit a service. */
  questions?: TrainingSizes;
  /** How long to wait for another process training into the same directory (default 5 minutes). */
  lockWaitMs?: number;
}

export const MODELS_OPTIONS = Symbol('MODELS_OPTIONS');

export interface PreparedModel {
  kind: ModelKind;
  source: 'cache' | 'trained' | 'unavailable';
  /** Why it was (re)trained or is unavailable. */
  reason?: string;
  card?: ModelCard;
  seconds: number;
}

export interface PrepareOptions {
  /** Yield to the event loop while training: set when the service is already answering questions. */
  background?: boolean;
}

/** Released sessions may still be running a question; give them time to finish. */
const RELEASE_DELAY_MS = 30_000;

/**
 * The two small models in service, for one catalog at a time. At start and on every catalog change
 * it loads each model from the cache when its card matches the catalog (hash, format, seed,
 * paraphrases), and otherwise trains it, writes it back and swaps it in. A missing, stale or
 * corrupt file is rebuilt with a log line; a failed training leaves the model out (callers fall
 * back to catalog rules) and never throws.
 */
@Injectable()
export class ModelRegistry implements OnModuleDestroy {
  private readonly logger = new Logger('Models');
  private readonly files: ModelFiles;
  private readonly paraphraseCache: ParaphraseCache;
  private readonly lock: TrainingLock;
  private readonly served = new Map<ModelKind, ServedModel>();
  private readonly inFlight = new Map<string, Promise<PreparedModel[]>>();
  /** Models swapped out, released after a delay (or at shutdown). */
  private readonly retired = new Map<ServedModel, NodeJS.Timeout>();
  private readonly abort = new AbortController();
  private wanted?: string;

  constructor(@Inject(MODELS_OPTIONS) private readonly options: ModelsOptions) {
    this.files = new ModelFiles(options.dir);
    this.paraphraseCache = new ParaphraseCache(join(options.dir, 'paraphrases.json'));
    this.lock = new TrainingLock(join(options.dir, 'training.lock'));
  }

  get seed(): number {
    return this.options.seed ?? DEFAULT_MODEL_SEED;
  }

  /** Models for this catalog; concurrent calls for one catalog share the work. */
  prepare(catalog: Catalog, options: PrepareOptions = {}): Promise<PreparedModel[]> {
    this.wanted = catalog.hash;
    const running = this.inFlight.get(catalog.hash);
    if (running) return running;
    const work = this.prepareAll(catalog, options).finally(() => this.inFlight.delete(catalog.hash));
    this.inFlight.set(catalog.hash, work);
    return work;
  }

  /** The model of this kind trained for exactly this catalog, when one is in service. */
  model(kind: ModelKind, catalogHash: string): ServedModel | undefined {
    const model = this.served.get(kind);
    return model?.catalogHash === catalogHash ? model : undefined;
  }

  cards(): Partial<Record<ModelKind, ModelCard>> {
    return Object.fromEntries([...this.served.entries()].map(([kind, m]) => [kind, m.card]));
  }

  async onModuleDestroy(): Promise<void> {
    this.abort.abort();
    await Promise.allSettled([...this.inFlight.values()]);
    const models = [...this.served.values(), ...this.retired.keys()];
    for (const timer of this.retired.values()) clearTimeout(timer);
    this.retired.clear();
    this.served.clear();
    await Promise.allSettled(models.map((m) => m.release()));
  }

  /**
   * Under the directory's training lock: processes sharing the directory (distributed services)
   * wait for the one training, then load its models from the cache instead of training again.
   */
  private async prepareAll(catalog: Catalog, options: PrepareOptions): Promise<PreparedModel[]> {
    const release = await this.lock.acquire({ signal: this.abort.signal, waitMs: this.options.lockWaitMs });
    if (!release && !this.abort.signal.aborted) this.logger.warn(`${this.lock.file} is still held (${JSON.stringify(this.lock.holder())}); preparing the models without it`);
    try {
      const paraphrases = this.loadParaphrases();
      const out: PreparedModel[] = [];
      for (const kind of MODEL_KINDS) out.push(await this.prepareOne(kind, catalog, paraphrases, options));
      return out;
    } finally {
      release?.();
    }
  }

  private async prepareOne(kind: ModelKind, catalog: Catalog, paraphrases: LoadedParaphrases, options: PrepareOptions): Promise<PreparedModel> {
    const started = performance.now();
    const seconds = () => Math.round(performance.now() - started) / 1000;
    const current = this.served.get(kind);
    if (current?.catalogHash === catalog.hash && current.card.paraphrasesSha256 === paraphrases.sha256) {
      return { kind, source: 'cache', card: current.card, seconds: 0 };
    }
    let reason: string;
    try {
      const { card, onnx } = this.files.read(kind);
      const staleness = this.staleness(card, catalog, paraphrases);
      if (!staleness) {
        this.swapIn(kind, new ServedModel(card, catalog, await OnnxBagClassifier.load(onnx, card.labels.length)), catalog);
        return { kind, source: 'cache', card, seconds: seconds() };
      }
      reason = staleness;
      this.logger.log(`the cached ${kind} model is stale (${reason}); retraining`);
    } catch (error) {
      if (error instanceof ModelFileProblem && error.kind === 'missing') {
        reason = 'no cached model';
      } else {
        reason = `unusable cached model: ${(error as Error).message}`;
        this.logger.warn(`${reason}; rebuilding the ${kind} model`);
      }
    }
    try {
      const trained = await trainModel(kind, catalog, {
        seed: this.seed,
        paraphrases: paraphrases.paraphrases,
        paraphrasesSha256: paraphrases.sha256,
        yieldEveryMs: options.background ? 20 : undefined,
        signal: this.abort.signal,
        questions: this.options.questions,
      });
      try {
        this.files.write(kind, trained.onnx, trained.card);
      } catch (error) {
        this.logger.warn(`could not cache the ${kind} model in ${this.files.dir}: ${(error as Error).message}`);
      }
      this.swapIn(kind, new ServedModel(trained.card, catalog, await OnnxBagClassifier.load(trained.onnx, trained.card.labels.length)), catalog);
      this.logger.log(
        `trained the ${kind} model in ${trained.card.trainSeconds} s (${trained.card.data.train} questions, held-out templates ${(trained.card.validationAccuracy * 100).toFixed(1)}%)`,
      );
      return { kind, source: 'trained', reason, card: trained.card, seconds: seconds() };
    } catch (error) {
      if (this.abort.signal.aborted) return { kind, source: 'unavailable', reason: 'shutting down', seconds: seconds() };
      this.logger.error(`could not train the ${kind} model; catalog rules stand in for it: ${(error as Error).message}`);
      return { kind, source: 'unavailable', reason: (error as Error).message, seconds: seconds() };
    }
  }

  private staleness(card: ModelCard, catalog: Catalog, paraphrases: LoadedParaphrases): string | undefined {
    if (card.formatVersion !== MODEL_FORMAT_VERSION) return `format ${card.formatVersion}, this build reads ${MODEL_FORMAT_VERSION}`;
    if (card.catalogHash !== catalog.hash) return `trained for catalog ${card.catalogHash}, serving ${catalog.hash}`;
    if (this.options.seed !== undefined && card.seed !== this.options.seed) return `seed ${card.seed}, configured ${this.options.seed}`;
    if (card.paraphrasesSha256 !== paraphrases.sha256) return 'the paraphrase cache changed';
    const labels = card.kind === 'view-ranking' ? catalog.views.map((v) => v.name) : undefined;
    if (labels && JSON.stringify(labels) !== JSON.stringify(card.labels)) return 'the views differ from its labels';
    return undefined;
  }

  /** Serves the new model unless a newer catalog was asked for meanwhile; the old session is released later. */
  private swapIn(kind: ModelKind, model: ServedModel, catalog: Catalog): void {
    if (this.wanted !== catalog.hash || this.abort.signal.aborted) {
      void model.release();
      return;
    }
    const previous = this.served.get(kind);
    this.served.set(kind, model);
    if (previous) {
      const timer = setTimeout(() => {
        this.retired.delete(previous);
        void previous.release();
      }, RELEASE_DELAY_MS);
      timer.unref();
      this.retired.set(previous, timer);
    }
  }

  private loadParaphrases(): LoadedParaphrases {
    try {
      return this.paraphraseCache.load();
    } catch (error) {
      this.logger.warn(`ignoring the paraphrase cache: ${(error as Error).message}`);
      return { paraphrases: new Map(), sha256: null };
    }
  }
}

/** One line for a person watching the start: where each model came from and how good it is. */
export function describePreparedModel(m: PreparedModel): string {
  if (m.source === 'unavailable' || !m.card) return `Model ${m.kind}: unavailable (${m.reason ?? 'unknown'}); catalog rules stand in`;
  const quality = `held-out templates ${(m.card.validationAccuracy * 100).toFixed(1)}%, ${m.card.data.train} training questions`;
  return m.source === 'cache'
    ? `Model ${m.kind}: loaded from the cache (${quality})`
    : `Model ${m.kind}: trained in ${m.seconds.toFixed(1)} s, ${m.reason} (${quality})`;
}
