import { Inject, Injectable, Logger } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { CatalogRegistry, CatalogStore, type Catalog } from '@chatbi/catalog';
import { TOPICS, type CatalogChangedMessage } from '@chatbi/contracts';
import { MESSAGE_BUS, type MessageBus } from '@chatbi/transport';

/** Where the catalog's source of truth is read from (the YAML directory in embedded mode). */
export interface CatalogSource {
  load(): Catalog;
  /** The directory of YAML files behind load(), which the DBA console reads and edits. */
  dir?: string;
  /** False for a catalog shipped with the code (the demo's): validated, never written. */
  writable?: boolean;
}

export interface CatalogReload {
  hash: string;
  added: string[];
  updated: string[];
  removed: string[];
}

export const CATALOG_SOURCE = Symbol('CATALOG_SOURCE');

/**
 * Reloads the catalog for the DBA: a catalog that fails validation is refused with the file and
 * line of each problem, and the one in service stays.
 */
@Injectable()
export class CatalogAdminService {
  private readonly logger = new Logger(CatalogAdminService.name);

  constructor(
    @Inject(CATALOG_SOURCE) private readonly source: CatalogSource,
    private readonly registry: CatalogRegistry,
    private readonly dataSource: DataSource,
    @Inject(MESSAGE_BUS) private readonly bus: MessageBus,
  ) {}

  async reload(): Promise<CatalogReload> {
    const catalog = this.source.load();
    const changes = await new CatalogStore(this.dataSource).save(catalog);
    const previous = this.registry.current().hash;
    this.registry.replace(catalog);
    if (previous !== catalog.hash) {
      this.logger.log(`catalog ${previous} -> ${catalog.hash}`);
      const message: CatalogChangedMessage = { catalogHash: catalog.hash, views: catalog.views.map((v) => v.name), changedAt: new Date().toISOString() };
      await this.bus.publish(TOPICS.catalogChanged, catalog.hash, message);
    }
    return { hash: catalog.hash, ...changes };
  }
}
