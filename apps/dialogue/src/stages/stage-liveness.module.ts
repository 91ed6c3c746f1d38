import { DynamicModule, Global, Module } from '@nestjs/common';
import { HeartbeatController } from './heartbeat.controller';
import { StageLiveness, type StageLivenessOptions } from './stage-liveness';

/** Distributed mode: dialogue follows the stages' heartbeats (AskService refuses at once when one is down). */
@Global()
@Module({})
export class StageLivenessModule {
  static register(options: StageLivenessOptions): DynamicModule {
    return {
      module: StageLivenessModule,
      controllers: [HeartbeatController],
      providers: [{ provide: StageLiveness, useValue: new StageLiveness(options) }],
      exports: [StageLiveness],
    };
  }
}
