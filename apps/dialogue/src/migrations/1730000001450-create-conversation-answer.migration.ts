import type { MigrationInterface, QueryRunner } from 'typeorm';

/** PostgreSQL schema for ConversationAnswerEntity: the conversation history users reopen. */
export class CreateConversationAnswer1730000001450 implements MigrationInterface {
  name = 'CreateConversationAnswer1730000001450';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`
      CREATE TABLE "conversation_answer" (
        "id" SERIAL NOT NULL,
        "user" character varying(200) NOT NULL,
        "sessionId" character varying(100) NOT NULL,
        "requestId" character varying(100) NOT NULL,
        "question" text NOT NULL,
        "answer" text,
        "error" text,
        "createdAt" TIMESTAMP NOT NULL DEFAULT now(),
        CONSTRAINT "PK_conversation_answer" PRIMARY KEY ("id")
      )`);
    await runner.query(`CREATE INDEX "IDX_conversation_answer_user_session" ON "conversation_answer" ("user", "sessionId", "id")`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`DROP TABLE "conversation_answer"`);
  }
}
