import type { DataSource } from 'typeorm';
import type { MessageReceipts } from './message-receipts';
import { RequestCoalescer } from './request-coalescer';

interface Receipt {
  consumer: string;
  topic: string;
  messageId: string;
}

/**
 * Receipts in the metadata database (table message_receipt, from the migration beside this file),
 * shared by all instances of a consumer group so that a restarted or new instance knows what a
 * dead one already handled. Old receipts are pruned: redeliveries come within minutes, not days.
 * Every message handled writes one receipt: the writes (and look-ups) made while one statement is
 * running go together in the next, so under load it is one round trip for many messages.
 */
export class PostgresMessageReceipts implements MessageReceipts {
  private readonly lookups = new RequestCoalescer<Receipt, boolean>((receipts) => this.findHandled(receipts));
  private readonly writes = new RequestCoalescer<Receipt, void>((receipts) => this.insert(receipts));

  constructor(
    private readonly dataSource: DataSource,
    private readonly keepHours = 24,
  ) {}

  has(consumer: string, topic: string, messageId: string): Promise<boolean> {
    return this.lookups.run({ consumer, topic, messageId });
  }

  record(consumer: string, topic: string, messageId: string): Promise<void> {
    return this.writes.run({ consumer, topic, messageId });
  }

  async prune(): Promise<number> {
    const [, affected] = (await this.dataSource.query(
      `DELETE FROM message_receipt WHERE handled_at < now() - make_interval(hours => $1)`,
      [this.keepHours],
    )) as [unknown, number];
    return affected ?? 0;
  }

  private async findHandled(receipts: Receipt[]): Promise<boolean[]> {
    const rows: { consumer: string; topic: string; message_id: string }[] = await this.dataSource.query(
      `SELECT r.consumer, r.topic, r.message_id FROM message_receipt r
         JOIN unnest($1::varchar[], $2::varchar[], $3::varchar[]) AS q(consumer, topic, message_id)
           ON r.consumer = q.consumer AND r.topic = q.topic AND r.message_id = q.message_id`,
      columns(receipts),
    );
    const found = new Set(rows.map((r) => key(r.consumer, r.topic, r.message_id)));
    return receipts.map((r) => found.has(key(r.consumer, r.topic, r.messageId)));
  }

  private async insert(receipts: Receipt[]): Promise<void[]> {
    await this.dataSource.query(
      `INSERT INTO message_receipt (consumer, topic, message_id)
         SELECT * FROM unnest($1::varchar[], $2::varchar[], $3::varchar[]) ON CONFLICT DO NOTHING`,
      columns(receipts),
    );
    return receipts.map(() => undefined);
  }
}

function columns(receipts: Receipt[]): [string[], string[], string[]] {
  return [receipts.map((r) => r.consumer), receipts.map((r) => r.topic), receipts.map((r) => r.messageId)];
}

function key(consumer: string, topic: string, messageId: string): string {
  return `${consumer}\0${topic}\0${messageId}`;
}
