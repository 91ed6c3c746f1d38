import type { MigrationInterface, QueryRunner } from 'typeorm';

/** PostgreSQL schema for ConversationTurnEntity. */
export class CreateConversationTurn1730000000500 implements MigrationInterface {
  name = 'CreateConversationTurn1730000000500';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`
      CREATE TABLE "conversation_turn" (
        "id" SERIAL NOT NULL,
        "sessionId" character varying(100) NOT NULL,
        "requestId" character varying(64) NOT NULL,
        "question" text NOT NULL,
        "resolvedQuestion" text NOT NULL,
        "rewrittenQuestion" text,
        "complete" boolean NOT NULL,
        "view" character varying(64),
        "plan" text,
        "answeredAt" character varying(40),
        "createdAt" TIMESTAMP NOT NULL DEFAULT now(),
        CONSTRAINT "PK_conversation_turn" PRIMARY KEY ("id")
      )`);
    await runner.query(`CREATE INDEX "IDX_conversation_turn_session" ON "conversation_turn" ("sessionId", "id")`);
    await runner.query(`CREATE INDEX "IDX_conversation_turn_request" ON "conversation_turn" ("requestId")`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`DROP TABLE "conversation_turn"`);
  }
}
