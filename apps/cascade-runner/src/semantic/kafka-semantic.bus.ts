import type { Topic } from '@chatbi/contracts';
import type { MessageBus } from '@chatbi/transport';

/** What the Kafka cascade needs of the bus beyond publish/subscribe: choosing the partition and the idempotency id. */
export interface PartitionedBus extends MessageBus {
  publishTo<T>(topic: Topic, message: T, target: { key: string; partition?: number; messageId?: string }): Promise<void>;
  partitionCount(topic: Topic): Promise<number>;
}

export function asPartitionedBus(bus: MessageBus): PartitionedBus {
  const candidate = bus as Partial<PartitionedBus>;
  if (typeof candidate.publishTo !== 'function' || typeof candidate.partitionCount !== 'function') {
    throw new Error('semantic operators over Kafka need the Kafka bus (publishTo, partitionCount); this bus has neither');
  }
  return bus as PartitionedBus;
}
