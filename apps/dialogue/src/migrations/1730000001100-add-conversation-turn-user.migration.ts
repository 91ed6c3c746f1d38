import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Sessions belong to their user: the turns say whose they are (earlier turns were anonymous). */
export class AddConversationTurnUser1730000001100 implements MigrationInterface {
  name = 'AddConversationTurnUser1730000001100';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`ALTER TABLE "conversation_turn" ADD COLUMN "user" character varying(200) NOT NULL DEFAULT 'anonymous'`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`ALTER TABLE "conversation_turn" DROP COLUMN "user"`);
  }
}
