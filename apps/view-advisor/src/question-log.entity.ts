import type { ClarificationCandidate } from '@chatbi/contracts';
import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

export interface NeededPhrase {
  /** The phrase of the question (named `column` in ViewMissedMessage.needed). */
  column: string;
  views: string[];
  /** Catalog columns the phrase may mean; absent in entries logged before proposals existed. */
  columns?: { view: string; column: string; score: number; role?: string; kind?: 'column' | 'value' }[];
  /** For clarifications: the readings offered for the question's unplaced words, each with its kind (value or column). */
  candidates?: ClarificationCandidate[];
}

/** clarification: the reading was unsure and the asker was offered readings to choose from (NEEDS_CLARIFICATION). */
export type QuestionOutcome = 'answered' | 'failed' | 'missed' | 'clarification';

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

  /** For misses and clarifications: the phrases the question needed, the views that hold each and the catalog columns each may mean, as JSON. */
  @Column({ type: 'simple-json', nullable: true })
  needed!: NeededPhrase[] | null;

  @CreateDateColumn()
  createdAt!: Date;
}
