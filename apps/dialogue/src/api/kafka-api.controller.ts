import { Controller } from '@nestjs/common';
import { EventPattern, Payload } from '@nestjs/microservices';
import { TOPICS } from '@chatbi/contracts';
import { KafkaApiService } from './kafka-api.service';

@Controller()
export class KafkaApiController {
  constructor(private readonly api: KafkaApiService) {}

  @EventPattern(TOPICS.apiRequests)
  async onRequest(@Payload() request: unknown): Promise<void> {
    await this.api.answer(request);
  }
}
