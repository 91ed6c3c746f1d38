import { Logger } from '@nestjs/common';
import type { DataSource } from 'typeorm';
import { CatalogLoader, CatalogRegistry, CatalogStore, type Catalog } from '@chatbi/catalog';
import type { CatalogChangedMessage } from '@chatbi/contracts';
import { SchemaLinker } from '@chatbi/language';

/**
 * The catalog in distributed mode lives in PostgreSQL. view-advisor owns it: it saves the DBA's
 * YAML at start and on reload, then announces chatbi.catalog-changed; every other service reads
 * the stored catalog (seeding it from the YAML if it starts first) and re-reads it on the announcement.
 */
export class CatalogSync {
  private readonly logger = new Logger(CatalogSync.name);

  constructor(
    private readonly dataSource: DataSource,
    private readonly catalogDir: string,
  ) {}

  /** The YAML catalog, saved; true when the stored one differed (others must hear of it). */
  async publishFromYaml(): Promise<{ catalog: Catalog; changed: boolean }> {
    const catalog = this.loadYaml();
    const changes = await new CatalogStore(this.dataSource).save(catalog);
    return { catalog, changed: changes.added.length + changes.updated.length + changes.removed.length > 0 };
  }

  /** The stored catalog, or the YAML one saved as the first. */
  async current(): Promise<Catalog> {
    const stored = await new CatalogStore(this.dataSource).load();
    if (stored) return stored;
    this.logger.log('no catalog stored yet: saving the YAML catalog');
    return (await this.publishFromYaml()).catalog;
  }

  /** Handler of chatbi.catalog-changed: swap in the stored catalog when its hash is new here. */
  async onChanged(message: CatalogChangedMessage, registry: CatalogRegistry): Promise<void> {
    if (message.catalogHash === registry.current().hash) return;
    const stored = await new CatalogStore(this.dataSource).load();
    if (!stored) return;
    SchemaLinker.for(stored);
    registry.replace(stored);
    this.logger.log(`catalog ${stored.hash} (${stored.views.length} views)`);
  }

  private loadYaml(): Catalog {
    return new CatalogLoader().loadDirectory(this.catalogDir);
  }
}
