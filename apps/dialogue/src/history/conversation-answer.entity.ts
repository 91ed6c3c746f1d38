import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import type { AskResponse, ErrorBody } from '@chatbi/contracts';

/** What one question of a conversation got back (the answer or the error), kept so the asker can reopen it. */
@Entity('conversation_answer')
@Index('IDX_conversation_answer_user_session', ['user', 'sessionId', 'id'])
export class ConversationAnswerEntity {
  @PrimaryGeneratedColumn({ primaryKeyConstraintName: 'PK_conversation_answer' })
  id!: number;

  @Column({ type: 'varchar', length: 200 })
  user!: string;

  @Column({ type: 'varchar', length: 100 })
  sessionId!: string;

  @Column({ type: 'varchar', length: 100 })
  requestId!: string;

  @Column({ type: 'text' })
  question!: string;

  /** The answer as the API sent it, its rows capped at MAX_KEPT_ROWS. */
  @Column({ type: 'simple-json', nullable: true })
  answer!: AskResponse | null;

  @Column({ type: 'simple-json', nullable: true })
  error!: ErrorBody | null;

  @CreateDateColumn()
  createdAt!: Date;
}
