import { Controller } from '@nestjs/common';
import { EventPattern, Payload } from '@nestjs/microservices';
import { TOPICS, type HeartbeatMessage } from '@chatbi/contracts';
import { StageLiveness } from './stage-liveness';

@Controller()
export class HeartbeatController {
  constructor(private readonly liveness: StageLiveness) {}

  @EventPattern(TOPICS.heartbeats)
  async onHeartbeat(@Payload() heartbeat: HeartbeatMessage): Promise<void> {
    this.liveness.seen(heartbeat);
  }
}
