import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import type { Plan } from '@chatbi/contracts';

/** One question of a conversation and, once answered, its view and plan: what a follow-up builds on. */
@Entity('conversation_turn')
@Index('IDX_conversation_turn_session', ['sessionId', 'id'])
export class ConversationTurnEntity {
  @PrimaryGeneratedColumn({ primaryKeyConstraintName: 'PK_conversation_turn' })
  id!: number;

  @Column({ type: 'varchar', length: 100 })
  sessionId!: string;

  /** Who started the session: only they continue it. */
  @Column({ type: 'varchar', length: 200, default: 'anonymous' })
  user!: string;

  @Index('IDX_conversation_turn_request')
  @Column({ type: 'varchar', length: 64 })
  requestId!: string;

  @Column({ type: 'text' })
  question!: string;

  @Column({ type: 'text' })
  resolvedQuestion!: string;

  @Column({ type: 'text', nullable: true })
  rewrittenQuestion!: string | null;

  @Column({ type: 'boolean' })
  complete!: boolean;

  @Column({ type: 'varchar', length: 64, nullable: true })
  view!: string | null;

  @Column({ type: 'simple-json', nullable: true })
  plan!: Plan | null;

  @Column({ type: 'varchar', length: 40, nullable: true })
  answeredAt!: string | null;

  @CreateDateColumn()
  createdAt!: Date;
}
