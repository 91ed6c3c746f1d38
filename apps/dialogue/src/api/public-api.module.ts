import { DynamicModule, Module } from '@nestjs/common';
import { KafkaApiController } from './kafka-api.controller';
import { KafkaApiService } from './kafka-api.service';

/**
 * The Kafka request topic for other product lines in distributed mode (gRPC comes with the dialogue
 * module, in both modes). It goes through the dialogue module's AskService.
 */
@Module({})
export class PublicApiModule {
  static register(dialogue: DynamicModule): DynamicModule {
    return {
      module: PublicApiModule,
      imports: [dialogue],
      controllers: [KafkaApiController],
      providers: [KafkaApiService],
    };
  }
}
