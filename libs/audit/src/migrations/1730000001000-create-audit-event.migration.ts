import type { MigrationInterface, QueryRunner } from 'typeorm';

/** PostgreSQL schema for AuditEventEntity. */
export class CreateAuditEvent1730000001000 implements MigrationInterface {
  name = 'CreateAuditEvent1730000001000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`
      CREATE TABLE "audit_event" (
        "id" SERIAL NOT NULL,
        "at" character varying(40) NOT NULL,
        "kind" character varying(20) NOT NULL,
        "user" character varying(200) NOT NULL,
        "via" character varying(20) NOT NULL,
        "requestId" character varying(100),
        "sessionId" character varying(100),
        "question" text,
        "plan" text,
        "sql" text,
        "params" text,
        "rowCount" integer,
        "outcome" character varying(40) NOT NULL,
        "detail" text,
        "durationMs" integer,
        CONSTRAINT "PK_audit_event" PRIMARY KEY ("id")
      )`);
    await runner.query(`CREATE INDEX "IDX_audit_event_at" ON "audit_event" ("at")`);
    await runner.query(`CREATE INDEX "IDX_audit_event_user" ON "audit_event" ("user", "at")`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`DROP TABLE "audit_event"`);
  }
}
