import type { MigrationInterface, QueryRunner } from 'typeorm';

/** PostgreSQL schema for AnswerFeedbackEntity. */
export class CreateAnswerFeedback1730000000800 implements MigrationInterface {
  name = 'CreateAnswerFeedback1730000000800';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`
      CREATE TABLE "answer_feedback" (
        "id" SERIAL NOT NULL,
        "requestId" character varying(64) NOT NULL,
        "view" character varying(64),
        "useful" boolean NOT NULL,
        "createdAt" TIMESTAMP NOT NULL DEFAULT now(),
        "updatedAt" TIMESTAMP NOT NULL DEFAULT now(),
        CONSTRAINT "PK_answer_feedback" PRIMARY KEY ("id")
      )`);
    await runner.query(`CREATE UNIQUE INDEX "IDX_answer_feedback_request" ON "answer_feedback" ("requestId")`);
    await runner.query(`CREATE INDEX "IDX_answer_feedback_view" ON "answer_feedback" ("view")`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`DROP TABLE "answer_feedback"`);
  }
}
