import type { MigrationInterface, QueryRunner } from 'typeorm';

/** PostgreSQL schema for QuestionLogEntity. */
export class CreateQuestionLog1730000000100 implements MigrationInterface {
  name = 'CreateQuestionLog1730000000100';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`
      CREATE TABLE "question_log" (
        "id" SERIAL NOT NULL,
        "requestId" character varying(64) NOT NULL,
        "sessionId" character varying(100) NOT NULL,
        "question" text NOT NULL,
        "view" character varying(64),
        "outcome" character varying(16) NOT NULL,
        "errorCode" character varying(40),
        "needed" text,
        "createdAt" TIMESTAMP NOT NULL DEFAULT now(),
        CONSTRAINT "PK_question_log" PRIMARY KEY ("id")
      )`);
    await runner.query(`CREATE INDEX "IDX_question_log_request" ON "question_log" ("requestId")`);
    await runner.query(`CREATE INDEX "IDX_question_log_view" ON "question_log" ("view")`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`DROP TABLE "question_log"`);
  }
}
