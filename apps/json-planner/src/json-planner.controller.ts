import { Controller, Inject } from '@nestjs/common';
import { EventPattern, Payload } from '@nestjs/microservices';
import { TOPICS, localDate, type ViewSelectedMessage } from '@chatbi/contracts';

import { MESSAGE_BUS, runStage, type MessageBus } from '@chatbi/transport';
import { JsonPlannerService } from './json-planner.service';

@Controller()
export class JsonPlannerController {
  constructor(
    private readonly planner: JsonPlannerService,
    @Inject(MESSAGE_BUS) private readonly bus: MessageBus,
  ) {}

  @EventPattern(TOPICS.viewSelected)
  async onViewSelected(@Payload() message: ViewSelectedMessage): Promise<void> {
    await runStage(this.bus, 'json-planner', message, TOPICS.planned, (m) => this.planner.plan(m, localDate(new Date(m.askedAt))));
  }
}
