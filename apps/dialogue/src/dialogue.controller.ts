import { Controller, Inject, Optional } from '@nestjs/common';
import { EventPattern, Payload } from '@nestjs/microservices';
import { CatalogRegistry } from '@chatbi/catalog';
import { TOPICS, type AnsweredMessage, type AskMessage, type CatalogChangedMessage, type FailedMessage } from '@chatbi/contracts';
import { ModelRegistry, retrainForCatalog } from '@chatbi/models';
import { MESSAGE_BUS, runStage, type MessageBus } from '@chatbi/transport';
import { AskService } from './ask.service';
import { DialogueService } from './dialogue.service';

@Controller()
export class DialogueController {
  constructor(
    private readonly dialogue: DialogueService,
    private readonly asks: AskService,
    private readonly catalogs: CatalogRegistry,
    @Inject(MESSAGE_BUS) private readonly bus: MessageBus,
    @Optional() private readonly models?: ModelRegistry,
  ) {}

  @EventPattern(TOPICS.ask)
  async onAsk(@Payload() message: AskMessage): Promise<void> {
    await runStage(this.bus, 'dialogue', message, TOPICS.resolved, (m) => this.dialogue.resolve(m));
  }

  @EventPattern(TOPICS.answered)
  async onAnswered(@Payload() message: AnsweredMessage): Promise<void> {
    await this.dialogue.recordAnswer(message);
    this.asks.settleAnswered(message);
  }

  @EventPattern(TOPICS.failed)
  async onFailed(@Payload() message: FailedMessage): Promise<void> {
    this.asks.settleFailed(message);
  }

  /** A new catalog: retrain the models in the background; catalog rules decide meanwhile. */
  @EventPattern(TOPICS.catalogChanged)
  async onCatalogChanged(@Payload() message: CatalogChangedMessage): Promise<void> {
    if (this.models) await retrainForCatalog(this.models, this.catalogs, message);
  }
}
