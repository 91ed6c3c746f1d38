import { Logger } from '@nestjs/common';
import type { Topic } from '@chatbi/contracts';
import type { MessageBus, MessageHandler } from './message-bus';

/**
 * Delivers each message to every subscriber of its topic on a later tick, like a broker would, and
 * keeps messages of one key in order per subscriber (a key plays the role of a Kafka partition key).
 * Messages are deep-copied so that no stage can mutate what another stage holds.
 */
export class InProcessBus implements MessageBus {
  private readonly logger = new Logger(InProcessBus.name);
  private readonly handlers = new Map<Topic, Set<MessageHandler>>();
  private readonly queues = new Map<string, Promise<void>>();

  async publish<T>(topic: Topic, key: string, message: T): Promise<void> {
    const payload = JSON.stringify(message);
    for (const handler of this.handlers.get(topic) ?? []) {
      const queueKey = `${topic}\0${key}`;
      const previous = this.queues.get(queueKey) ?? Promise.resolve();
      const next = previous
        .then(() => new Promise<void>((resolve) => setImmediate(resolve)))
        .then(() => handler(JSON.parse(payload), key))
        .catch((error: unknown) => this.logger.error(`handler of ${topic} failed: ${String(error)}`));
      this.queues.set(queueKey, next);
      void next.then(() => {
        if (this.queues.get(queueKey) === next) this.queues.delete(queueKey);
      });
    }
  }

  subscribe<T>(topic: Topic, handler: MessageHandler<T>): () => void {
    const set = this.handlers.get(topic) ?? new Set();
    set.add(handler as MessageHandler);
    this.handlers.set(topic, set);
    return () => set.delete(handler as MessageHandler);
  }

  /** Resolves when every message published so far has been handled. */
  async drain(): Promise<void> {
    while (this.queues.size > 0) await Promise.all([...this.queues.values()]);
  }
}
