import type { MigrationInterface, QueryRunner } from 'typeorm';

/** PostgreSQL schema for PostgresMessageReceipts: one row per (consumer group, topic, request id) handled. */
export class CreateMessageReceipt1730000000200 implements MigrationInterface {
  name = 'CreateMessageReceipt1730000000200';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`
      CREATE TABLE "message_receipt" (
        "consumer" character varying(200) NOT NULL,
        "topic" character varying(100) NOT NULL,
        "message_id" character varying(100) NOT NULL,
        "handled_at" TIMESTAMP NOT NULL DEFAULT now(),
        CONSTRAINT "PK_message_receipt" PRIMARY KEY ("consumer", "topic", "message_id")
      )`);
    await runner.query(`CREATE INDEX "IDX_message_receipt_handled_at" ON "message_receipt" ("handled_at")`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`DROP TABLE "message_receipt"`);
  }
}
