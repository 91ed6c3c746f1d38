import { Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { CatalogRegistry } from '@chatbi/catalog';
import { ModelRegistry, describePreparedModel } from './model.registry';

/**
 * Loads (or, when missing or stale, trains) the models for the catalog in service before the
 * process takes work, for runtimes that do not prepare them themselves (the distributed services).
 */
@Injectable()
export class ModelsStartup implements OnApplicationBootstrap {
  private readonly logger = new Logger('Models');
  private started?: Promise<void>;

  constructor(
    private readonly models: ModelRegistry,
    private readonly catalogs: CatalogRegistry,
  ) {}

  /** Once, though a hybrid application (HTTP and a microservice transport) may boot twice. */
  onApplicationBootstrap(): Promise<void> {
    return (this.started ??= this.prepare());
  }

  private async prepare(): Promise<void> {
    for (const prepared of await this.models.prepare(this.catalogs.current())) this.logger.log(describePreparedModel(prepared));
  }
}
