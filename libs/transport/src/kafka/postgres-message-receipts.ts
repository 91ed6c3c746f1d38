import type { DataSource } from 'typeorm';
import type { MessageReceipts } from './message-receipts';

/**
 * Receipts in the metadata database (table message_receipt, from the migration beside this file),
 * shared by all instances of a consumer group so that a restarted or new instance knows what a
 * dead one already handled. Old receipts are pruned: redeliveries come within minutes, not days.
 */
export class PostgresMessageReceipts implements MessageReceipts {
  constructor(
    private readonly dataSource: DataSource,
    private readonly keepHours = 24,
  ) {}

  async has(consumer: string, topic: string, messageId: string): Promise<boolean> {
    const rows: unknown[] = await this.dataSource.query(
      'SELECT 1 FROM message_receipt WHERE consumer = $1 AND topic = $2 AND message_id = $3',
      [consumer, topic, messageId],
    );
    return rows.length > 0;
  }

  async record(consumer: string, topic: string, messageId: string): Promise<void> {
    await this.dataSource.query(
      'INSERT INTO message_receipt (consumer, topic, message_id) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING',
      [consumer, topic, messageId],
    );
  }

  async prune(): Promise<number> {
    const [, affected] = (await this.dataSource.query(
      `DELETE FROM message_receipt WHERE handled_at < now() - make_interval(hours => $1)`,
      [this.keepHours],
    )) as [unknown, number];
    return affected ?? 0;
  }
}
