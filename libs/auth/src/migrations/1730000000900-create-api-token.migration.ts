import type { MigrationInterface, QueryRunner } from 'typeorm';

/** PostgreSQL schema for ApiTokenEntity. */
export class CreateApiToken1730000000900 implements MigrationInterface {
  name = 'CreateApiToken1730000000900';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`
      CREATE TABLE "api_token" (
        "id" character varying(32) NOT NULL,
        "name" character varying(200) NOT NULL,
        "user" character varying(200) NOT NULL,
        "scopes" text NOT NULL,
        "roles" text NOT NULL,
        "attributes" text NOT NULL,
        "secretHash" character varying(64) NOT NULL,
        "rateLimitPerMinute" integer,
        "createdAt" character varying(40) NOT NULL,
        "expiresAt" character varying(40),
        "revokedAt" character varying(40),
        "lastUsedAt" character varying(40),
        CONSTRAINT "PK_api_token" PRIMARY KEY ("id")
      )`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`DROP TABLE "api_token"`);
  }
}
