import { mkdirSync } from 'node:fs';
import { INestApplication, LogLevel } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { useAppLogger } from './logging/app-logger';
import { DataSource } from 'typeorm';
import type { CascadeJudges } from '@chatbi/cascade-runner';
import { CatalogLoader, CatalogRegistry, CatalogStore } from '@chatbi/catalog';
import { addDays, localDate, systemClock, type Clock } from '@chatbi/contracts';
import { DEMO_CATALOG_DIR, ensureDemoWorld } from '@chatbi/demo-world';
import { SchemaLinker } from '@chatbi/language';
import { ModelRegistry, describePreparedModel } from '@chatbi/models';
import { defaultTemplatesDir } from '@chatbi/sql-templater';
import { BusTransport, InProcessBus } from '@chatbi/transport';
import { ReopeningWarehouse, warehouseLocationOfFile, type WarehouseLocation } from '@chatbi/warehouse';
import { serveAskPanel } from './ask-panel/ask-panel.setup';
import { ChatbiErrorFilter } from './chatbi-error.filter';
import { configuredWarehouse, demoWarehouseFile, type ChatbiConfig } from './config/chatbi.config';
import { EmbeddedModule } from './embedded.module';
import { useJsonBodies } from './json-bodies';
import { metadataDataSourceOptions } from './metadata-options';

export interface EmbeddedRuntimeOptions {
  logLevels?: LogLevel[];
  /** Progress lines for a person watching the start (demo generation can take a while). */
  onProgress?: (line: string) => void;
  /** Who judges rows for semantic operators, instead of the configured Claude oracle (tests, benchmarks). */
  cascadeJudges?: CascadeJudges;
  /** The day questions are asked on (benchmarks replay other days); the demo world ends the day before. */
  clock?: Clock;
}

/**
 * Builds the embedded runtime: the demo warehouse when none is configured, the catalog loaded,
 * validated and persisted, and all six services wired over the in-process bus.
 */
export async function createEmbeddedApp(config: ChatbiConfig, options: EmbeddedRuntimeOptions = {}): Promise<INestApplication> {
  const progress = options.onProgress ?? (() => undefined);
  // First: the modules log while they are put together, before Nest has a logger of its own.
  const logger = useAppLogger(config.CHATBI_LOG_FORMAT, options.logLevels ?? ['error', 'warn', 'log']);
  mkdirSync(config.CHATBI_DATA_DIR, { recursive: true });

  let location = configuredWarehouse(config);
  if (!location) {
    const endDate = addDays(localDate((options.clock ?? systemClock).now()), -1);
    const { summary, generated } = await ensureDemoWorld({
      file: demoWarehouseFile(config),
      seed: config.CHATBI_DEMO_SEED,
      size: config.CHATBI_DEMO_SIZE,
      endDate,
    });
    location = warehouseLocationOfFile(summary.file);
    progress(
      generated
        ? `Generated the demo warehouse (${config.CHATBI_DEMO_SIZE}) in ${summary.seconds.toFixed(1)} s: ${summary.file}`
        : `Using the demo warehouse ${summary.file} (data up to ${endDate})`,
    );
  }

  const catalogDir = config.CHATBI_CATALOG_DIR ?? DEMO_CATALOG_DIR;
  const catalogSource = { dir: catalogDir, writable: config.CHATBI_CATALOG_DIR !== undefined, load: () => new CatalogLoader().loadDirectory(catalogDir) };
  const catalog = catalogSource.load();
  const warehouse = ReopeningWarehouse.at(location);
  await reportWarehouse(warehouse, location, progress);
  const metadata = metadataDataSourceOptions(config);
  const bus = new InProcessBus();
  const app = await NestFactory.create(
    EmbeddedModule.register({
      config,
      bus,
      warehouse,
      metadata,
      templatesDir: config.SQL_TEMPLATES_DIR ?? defaultTemplatesDir(),
      catalogSource,
      ...(options.cascadeJudges ? { judges: options.cascadeJudges } : {}),
      ...(options.clock ? { clock: options.clock } : {}),
    }),
    { logger, bodyParser: false },
  );
  useJsonBodies(app);
  app.get(CatalogRegistry).replace(catalog);
  SchemaLinker.for(catalog); // builds the linking index now rather than on the first question
  for (const model of await app.get(ModelRegistry).prepare(catalog)) progress(describePreparedModel(model));
  const saved = await new CatalogStore(app.get(DataSource)).save(catalog);
  progress(`Catalog ${catalog.hash}: ${catalog.views.length} views (${saved.added.length} added, ${saved.updated.length} updated, ${saved.removed.length} removed)`);
  app.useGlobalFilters(new ChatbiErrorFilter());
  serveAskPanel(app, config);
  app.connectMicroservice({ strategy: new BusTransport(bus) });
  await app.startAllMicroservices();
  await app.init();
  const close = app.close.bind(app);
  app.close = async () => {
    await close();
    await warehouse.close();
  };
  return app;
}

/**
 * Opens the warehouse once at start-up to say at once whether it answers; when it does not, the
 * warehouse logs what went wrong and what to check. The app serves either way.
 */
async function reportWarehouse(warehouse: ReopeningWarehouse, location: WarehouseLocation, progress: (line: string) => void): Promise<void> {
  const opened = await warehouse.probe().then(
    () => true,
    () => false,
  );
  if (opened) progress(`Warehouse: ${location.description} (${location.dialect} SQL)`);
}
