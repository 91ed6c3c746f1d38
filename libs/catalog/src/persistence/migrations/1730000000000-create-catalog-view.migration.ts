import type { MigrationInterface, QueryRunner } from 'typeorm';

/** PostgreSQL schema for CatalogViewEntity; kept identical to what the entity describes. */
export class CreateCatalogView1730000000000 implements MigrationInterface {
  name = 'CreateCatalogView1730000000000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`
      CREATE TABLE "catalog_view" (
        "name" character varying(63) NOT NULL,
        "source" character varying(255) NOT NULL,
        "description" text NOT NULL,
        "definition" text NOT NULL,
        "source_file" text NOT NULL,
        "catalog_hash" character varying(64) NOT NULL,
        "position" integer NOT NULL DEFAULT 0,
        "updated_at" TIMESTAMP NOT NULL DEFAULT now(),
        CONSTRAINT "PK_catalog_view" PRIMARY KEY ("name")
      )`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`DROP TABLE "catalog_view"`);
  }
}
