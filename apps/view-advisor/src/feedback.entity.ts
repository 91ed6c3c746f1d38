import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';

/** "Was this useful?" for one answer: one row per requestId, the latest click wins. */
@Entity('answer_feedback')
export class AnswerFeedbackEntity {
  @PrimaryGeneratedColumn()
  id!: number;

  @Index('IDX_answer_feedback_request', { unique: true })
  @Column({ type: 'varchar', length: 64 })
  requestId!: string;

  /** The view that answered, copied from the question log so counts per view need no join. */
  @Index('IDX_answer_feedback_view')
  @Column({ type: 'varchar', length: 64, nullable: true })
  view!: string | null;

  @Column({ type: 'boolean' })
  useful!: boolean;

  @CreateDateColumn()
  createdAt!: Date;

  @UpdateDateColumn()
  updatedAt!: Date;
}
