import { DynamicModule, Global, Module } from '@nestjs/common';
import { InProcessBus } from './in-process-bus';
import { MESSAGE_BUS, type MessageBus } from './message-bus';

/** Provides the MessageBus to every service module. */
@Global()
@Module({})
export class TransportModule {
  static forBus(bus: MessageBus = new InProcessBus()): DynamicModule {
    return { module: TransportModule, providers: [{ provide: MESSAGE_BUS, useValue: bus }], exports: [MESSAGE_BUS] };
  }
}
