import { Controller, Inject, Optional } from '@nestjs/common';
import { EventPattern, Payload } from '@nestjs/microservices';
import { CatalogRegistry } from '@chatbi/catalog';
import { TOPICS, type CatalogChangedMessage, type ResolvedMessage } from '@chatbi/contracts';
import { ModelRegistry, retrainForCatalog } from '@chatbi/models';
import { MESSAGE_BUS, runStage, type MessageBus } from '@chatbi/transport';
import { ViewSelectorService } from './view-selector.service';

@Controller()
export class ViewSelectorController {
  constructor(
    private readonly selector: ViewSelectorService,
    private readonly catalogs: CatalogRegistry,
    @Inject(MESSAGE_BUS) private readonly bus: MessageBus,
    @Optional() private readonly models?: ModelRegistry,
  ) {}

  @EventPattern(TOPICS.resolved)
  async onResolved(@Payload() message: ResolvedMessage): Promise<void> {
    await runStage(this.bus, 'view-selector', message, TOPICS.viewSelected, (m) => this.selector.select(m));
  }

  /** A new catalog: retrain the view-ranking model in the background; coverage rules decide meanwhile. */
  @EventPattern(TOPICS.catalogChanged)
  async onCatalogChanged(@Payload() message: CatalogChangedMessage): Promise<void> {
    if (this.models) await retrainForCatalog(this.models, this.catalogs, message);
  }
}
