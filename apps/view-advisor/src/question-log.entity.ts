import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

export interface NeededPhrase {
  /** The phrase of the question (named `column` in ViewMissedMessage.needed). */
  column: string;
  views: string[];
  /** Catalog columns the phrase may mean; absent in entries logged before proposals existed. */
  columns?: { view: string; column: string; score: number; role?: string; kind?: 'column' | 'value' }[];
}

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

  /** For misses: the phrases the question needed, the views that hold each and the catalog columns each may mean, as JSON. */
  @Column({ type: 'simple-json', nullable: true })
  needed!: NeededPhrase[] | null;

  @CreateDateColumn()
  createdAt!: Date;
}
