import { Controller, Get, Optional } from '@nestjs/common';
import { RequireScope } from '@chatbi/auth';
import { CatalogRegistry } from '@chatbi/catalog';
import { MODEL_KINDS, ModelRegistry } from '@chatbi/models';

/** The small models in service and their cards: data sizes, held-out accuracy, catalog hash, training time. */
@Controller('api/models')
@RequireScope('advisor:read')
export class ModelsController {
  constructor(
    private readonly catalogs: CatalogRegistry,
    @Optional() private readonly models?: ModelRegistry,
  ) {}

  @Get()
  list() {
    const catalog = this.catalogs.current().hash;
    const cards = this.models?.cards() ?? {};
    return {
      catalog,
      models: MODEL_KINDS.map((kind) => ({
        kind,
        serving: this.models?.model(kind, catalog) !== undefined,
        card: cards[kind] ?? null,
      })),
    };
  }
}
