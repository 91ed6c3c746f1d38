import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

export type QuestionOutcome = 'answered' | 'failed' | 'missed';

/** One asked question and how it ended: the view advisor's raw material. */
@Entity('question_log')
export class QuestionLogEntity {
  @PrimaryGeneratedColumn()
  id!: number;

  @Index()
  @Column({ type: 'varchar', length: 64 })
  requestId!: string;

  @Column({ type: 'varchar', length: 100 })
  sessionId!: string;

  @Column({ type: 'text' })
  question!: string;

  @Index()
  @Column({ type: 'varchar', length: 64, nullable: true })
  view!: string | null;

  @Column({ type: 'varchar', length: 16 })
  outcome!: QuestionOutcome;

  @Column({ type: 'varchar', length: 40, nullable: true })
  errorCode!: string | null;

  /** For misses: the columns the question needed, as JSON. */
  @Column({ type: 'simple-json', nullable: true })
  needed!: { column: string; views: string[] }[] | null;

  @CreateDateColumn()
  createdAt!: Date;
}
