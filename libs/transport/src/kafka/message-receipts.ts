/**
 * Which messages a consumer group has already handled, by the message's request id: the memory
 * behind idempotent handlers. A redelivered message (a consumer died after handling it but before
 * its offset was committed) is skipped instead of being handled twice.
 */
export interface MessageReceipts {
  has(consumer: string, topic: string, messageId: string): Promise<boolean>;
  record(consumer: string, topic: string, messageId: string): Promise<void>;
}

/** The most recent receipts of this process, oldest forgotten first. */
export class InMemoryMessageReceipts implements MessageReceipts {
  private readonly seen = new Set<string>();

  constructor(private readonly capacity = 100_000) {}

  async has(consumer: string, topic: string, messageId: string): Promise<boolean> {
    return this.seen.has(receiptKey(consumer, topic, messageId));
  }

  async record(consumer: string, topic: string, messageId: string): Promise<void> {
    const key = receiptKey(consumer, topic, messageId);
    this.seen.delete(key);
    this.seen.add(key);
    if (this.seen.size > this.capacity) this.seen.delete(this.seen.values().next().value!);
  }
}

/**
 * This process's memory in front of a durable store shared by every instance of a group. The durable
 * store is asked only about messages that may be redeliveries: those produced before this process
 * joined its group (anything newer cannot have been handled by an instance that is gone).
 */
export class LayeredMessageReceipts {
  private readonly memory = new InMemoryMessageReceipts();

  constructor(private readonly durable?: MessageReceipts) {}

  /** durable: false for a group of one instance's own (it starts at the latest message and dies with the instance). */
  async has(consumer: string, topic: string, messageId: string, mayBeRedelivery: boolean, durable = true): Promise<boolean> {
    if (await this.memory.has(consumer, topic, messageId)) return true;
    if (!this.durable || !durable || !mayBeRedelivery) return false;
    return this.durable.has(consumer, topic, messageId);
  }

  async record(consumer: string, topic: string, messageId: string, durable = true): Promise<void> {
    await this.memory.record(consumer, topic, messageId);
    if (durable) await this.durable?.record(consumer, topic, messageId);
  }
}

function receiptKey(consumer: string, topic: string, messageId: string): string {
  return `${consumer}\0${topic}\0${messageId}`;
}
