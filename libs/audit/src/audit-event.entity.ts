import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/** What an audit event records. */
export const AUDIT_KINDS = ['ask', 'catalog-edit', 'token'] as const;
export type AuditKind = (typeof AUDIT_KINDS)[number];

/**
 * One audited action: who (user, how they authenticated), when, and what. A question: its plan,
 * SQL, parameters, rows returned and outcome (answered, or the error code). A catalog edit: the file
 * and the diff. A token: created or revoked.
 */
@Entity('audit_event')
@Index('IDX_audit_event_at', ['at'])
@Index('IDX_audit_event_user', ['user', 'at'])
export class AuditEventEntity {
  @PrimaryGeneratedColumn({ primaryKeyConstraintName: 'PK_audit_event' })
  id!: number;

  /** ISO 8601, UTC: sorts as it reads. */
  @Column({ type: 'varchar', length: 40 })
  at!: string;

  @Column({ type: 'varchar', length: 20 })
  kind!: AuditKind;

  @Column({ type: 'varchar', length: 200 })
  user!: string;

  @Column({ type: 'varchar', length: 20 })
  via!: string;

  @Column({ type: 'varchar', length: 100, nullable: true })
  requestId!: string | null;

  @Column({ type: 'varchar', length: 100, nullable: true })
  sessionId!: string | null;

  @Column({ type: 'text', nullable: true })
  question!: string | null;

  @Column({ type: 'simple-json', nullable: true })
  plan!: object | null;

  @Column({ type: 'text', nullable: true })
  sql!: string | null;

  @Column({ type: 'simple-json', nullable: true })
  params!: unknown[] | null;

  @Column({ type: 'integer', nullable: true })
  rowCount!: number | null;

  /** answered, an error code, or for edits applied / removed, for tokens created / revoked. */
  @Column({ type: 'varchar', length: 40 })
  outcome!: string;

  /** An error's full message, a catalog edit's file and diff, a token's id. */
  @Column({ type: 'text', nullable: true })
  detail!: string | null;

  @Column({ type: 'integer', nullable: true })
  durationMs!: number | null;
}
