import { Controller, Inject } from '@nestjs/common';
import { EventPattern, Payload } from '@nestjs/microservices';
import { TOPICS, type ResolvedMessage } from '@chatbi/contracts';
import { MESSAGE_BUS, runStage, type MessageBus } from '@chatbi/transport';
import { ViewSelectorService } from './view-selector.service';

@Controller()
export class ViewSelectorController {
  constructor(
    private readonly selector: ViewSelectorService,
    @Inject(MESSAGE_BUS) private readonly bus: MessageBus,
  ) {}

  @EventPattern(TOPICS.resolved)
  async onResolved(@Payload() message: ResolvedMessage): Promise<void> {
    await runStage(this.bus, 'view-selector', message, TOPICS.viewSelected, (m) => this.selector.select(m));
  }
}
