import { DynamicModule, Module } from '@nestjs/common';
import { ChatbiGrpcServer } from './grpc/chatbi-grpc.server';
import { KafkaApiController } from './kafka-api.controller';
import { KafkaApiService } from './kafka-api.service';

/**
 * The APIs for other product lines in distributed mode, beside HTTP: gRPC (Ask, Chat) and the Kafka
 * request topic. Both go through the dialogue module's AskService.
 */
@Module({})
export class PublicApiModule {
  static register(dialogue: DynamicModule): DynamicModule {
    return {
      module: PublicApiModule,
      imports: [dialogue],
      controllers: [KafkaApiController],
      providers: [KafkaApiService, ChatbiGrpcServer],
      exports: [ChatbiGrpcServer],
    };
  }
}
