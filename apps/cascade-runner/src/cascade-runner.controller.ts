import { Controller, Inject } from '@nestjs/common';
import { EventPattern, Payload } from '@nestjs/microservices';
import { TOPICS, type RenderedMessage } from '@chatbi/contracts';
import { MESSAGE_BUS, runStage, type MessageBus } from '@chatbi/transport';
import { CascadeRunnerService } from './cascade-runner.service';

@Controller()
export class CascadeRunnerController {
  constructor(
    private readonly runner: CascadeRunnerService,
    @Inject(MESSAGE_BUS) private readonly bus: MessageBus,
  ) {}

  @EventPattern(TOPICS.rendered)
  async onRendered(@Payload() message: RenderedMessage): Promise<void> {
    await runStage(this.bus, 'cascade-runner', message, TOPICS.answered, (m) => this.runner.run(m));
  }
}
