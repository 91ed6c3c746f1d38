import { Controller, Inject } from '@nestjs/common';
import { EventPattern, Payload } from '@nestjs/microservices';
import { TOPICS, type AnsweredMessage, type AskMessage, type FailedMessage } from '@chatbi/contracts';
import { MESSAGE_BUS, runStage, type MessageBus } from '@chatbi/transport';
import { AskService } from './ask.service';
import { DialogueService } from './dialogue.service';

@Controller()
export class DialogueController {
  constructor(
    private readonly dialogue: DialogueService,
    private readonly asks: AskService,
    @Inject(MESSAGE_BUS) private readonly bus: MessageBus,
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
}
