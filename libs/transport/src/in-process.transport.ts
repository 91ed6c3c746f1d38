import { BaseRpcContext, CustomTransportStrategy, Server } from '@nestjs/microservices';
import type { Topic } from '@chatbi/contracts';
import type { MessageBus } from './message-bus';

/** Context handed to @EventPattern handlers: the topic and the message key. */
export class BusContext extends BaseRpcContext<[string, string]> {
  get topic(): string {
    return this.args[0];
  }
  get key(): string {
    return this.args[1];
  }
}

/**
 * A Nest microservice transport over a MessageBus, so that services declare their inputs with
 * @EventPattern(topic) exactly as they do on the Kafka transport.
 */
export class BusTransport extends Server implements CustomTransportStrategy {
  private readonly unsubscribers: (() => void)[] = [];

  constructor(private readonly bus: MessageBus) {
    super();
  }

  listen(callback: () => void): void {
    for (const [pattern, handler] of this.messageHandlers) {
      if (!handler.isEventHandler) continue;
      this.unsubscribers.push(
        this.bus.subscribe(pattern as Topic, async (message, key) => {
          await this.handleEvent(pattern, { pattern, data: message }, new BusContext([pattern, key]));
        }),
      );
    }
    callback();
  }

  close(): void {
    this.unsubscribers.splice(0).forEach((unsubscribe) => unsubscribe());
  }

  on(): void {
    // The bus has no connection-level events to report.
  }

  unwrap<T>(): T {
    return this.bus as T;
  }
}
