import { lastValueFrom, isObservable } from 'rxjs';
import { CustomTransportStrategy, Server } from '@nestjs/microservices';
import type { Topic } from '@chatbi/contracts';
import { BusContext } from '../in-process.transport';
import type { KafkaBus } from './kafka-bus';

/**
 * The Nest microservice transport over Kafka: services declare their inputs with
 * @EventPattern(topic) exactly as in embedded mode. Unlike Nest's stock handling of events, a
 * handler's error reaches the bus, which retries the message and then sets it aside.
 */
export class KafkaBusTransport extends Server implements CustomTransportStrategy {
  constructor(private readonly bus: KafkaBus) {
    super();
  }

  async listen(callback: (error?: unknown) => void): Promise<void> {
    try {
      for (const [pattern, handler] of this.messageHandlers) {
        if (!handler.isEventHandler) continue;
        this.bus.subscribe(pattern as Topic, async (message, key) => {
          const result = await handler(message, new BusContext([pattern, key]));
          if (isObservable(result)) await lastValueFrom(result, { defaultValue: undefined });
        });
      }
      await this.bus.start();
      callback();
    } catch (error) {
      callback(error);
    }
  }

  async close(): Promise<void> {
    await this.bus.close();
  }

  on(): void {
    // Connection events are reported through the bus's status() and metrics.
  }

  unwrap<T>(): T {
    return this.bus as T;
  }
}
