import type { Topic } from '@chatbi/contracts';

export type MessageHandler<T = unknown> = (message: T, key: string) => Promise<void>;

/**
 * The one way services hand messages to each other. The in-process bus carries them in embedded
 * mode; a Kafka bus carries them in distributed mode. Keys are session ids, so one conversation
 * stays ordered.
 */
export interface MessageBus {
  publish<T>(topic: Topic, key: string, message: T): Promise<void>;
  subscribe<T>(topic: Topic, handler: MessageHandler<T>): () => void;
}

export const MESSAGE_BUS = Symbol('MESSAGE_BUS');
