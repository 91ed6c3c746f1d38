import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { INestApplication, LogLevel } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { DataSource } from 'typeorm';
import { CatalogLoader, CatalogRegistry, CatalogStore, catalogDataSourceOptions } from '@chatbi/catalog';
import { addDays, localDate } from '@chatbi/contracts';
import { DEMO_CATALOG_DIR, ensureDemoWorld } from '@chatbi/demo-world';
import { SchemaLinker } from '@chatbi/language';
import { defaultTemplatesDir } from '@chatbi/sql-templater';
import { BusTransport, InProcessBus } from '@chatbi/transport';
import { CreateQuestionLog1730000000100, QuestionLogEntity } from '@chatbi/view-advisor';
import { DuckDbWarehouse } from '@chatbi/warehouse';
import { ChatbiErrorFilter } from './chatbi-error.filter';
import type { ChatbiConfig } from './config/chatbi.config';
import { EmbeddedModule } from './embedded.module';
import { ReopeningWarehouse } from './reopening-warehouse';

export interface EmbeddedRuntimeOptions {
  logLevels?: LogLevel[];
  /** Progress lines for a person watching the start (demo generation can take a while). */
  onProgress?: (line: string) => void;
}

/**
 * Builds the embedded runtime: the demo warehouse when none is configured, the catalog loaded,
 * validated and persisted, and all six services wired over the in-process bus.
 */
export async function createEmbeddedApp(config: ChatbiConfig, options: EmbeddedRuntimeOptions = {}): Promise<INestApplication> {
  const progress = options.onProgress ?? (() => undefined);
  mkdirSync(config.CHATBI_DATA_DIR, { recursive: true });

  let warehouseFile = config.CHATBI_WAREHOUSE_FILE;
  if (!warehouseFile) {
    const endDate = addDays(localDate(new Date()), -1);
    const { summary, generated } = await ensureDemoWorld({
      file: join(config.CHATBI_DATA_DIR, `demo-${config.CHATBI_DEMO_SIZE}.duckdb`),
      seed: config.CHATBI_DEMO_SEED,
      size: config.CHATBI_DEMO_SIZE,
      endDate,
    });
    warehouseFile = summary.file;
    progress(
      generated
        ? `Generated the demo warehouse (${config.CHATBI_DEMO_SIZE}) in ${summary.seconds.toFixed(1)} s: ${warehouseFile}`
        : `Using the demo warehouse ${warehouseFile} (data up to ${endDate})`,
    );
  }

  const catalogDir = config.CHATBI_CATALOG_DIR ?? DEMO_CATALOG_DIR;
  const catalogSource = { load: () => new CatalogLoader().loadDirectory(catalogDir) };
  const catalog = catalogSource.load();
  const file = warehouseFile;
  const warehouse = new ReopeningWarehouse('duckdb', () => DuckDbWarehouse.open(file, { readOnly: true }));
  const metadata = catalogDataSourceOptions(
    config.CHATBI_METADATA_URL
      ? { kind: 'postgres', url: config.CHATBI_METADATA_URL }
      : { kind: 'sqlite', file: join(config.CHATBI_DATA_DIR, 'metadata.sqlite') },
    [QuestionLogEntity],
    [CreateQuestionLog1730000000100],
  );
  const bus = new InProcessBus();
  const app = await NestFactory.create(
    EmbeddedModule.register({
      config,
      bus,
      warehouse,
      metadata,
      templatesDir: config.SQL_TEMPLATES_DIR ?? defaultTemplatesDir(),
      catalogSource,
    }),
    { logger: options.logLevels ?? ['error', 'warn', 'log'] },
  );
  app.get(CatalogRegistry).replace(catalog);
  SchemaLinker.for(catalog); // builds the linking index now rather than on the first question
  const saved = await new CatalogStore(app.get(DataSource)).save(catalog);
  progress(`Catalog ${catalog.hash}: ${catalog.views.length} views (${saved.added.length} added, ${saved.updated.length} updated, ${saved.removed.length} removed)`);
  app.useGlobalFilters(new ChatbiErrorFilter());
  app.enableShutdownHooks();
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
