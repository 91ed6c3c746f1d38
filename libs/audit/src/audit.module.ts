import { Inject, Logger, Module, type DynamicModule, type OnModuleDestroy, type OnModuleInit } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AuditEventEntity } from './audit-event.entity';
import { AuditLog } from './audit-log.service';
import { CreateAuditEvent1730000001000 } from './migrations/1730000001000-create-audit-event.migration';

export const AUDIT_ENTITIES = [AuditEventEntity];
export const AUDIT_MIGRATIONS = [CreateAuditEvent1730000001000];

export interface AuditOptions {
  /** Events older than this many days are deleted (at start, then hourly). */
  retentionDays: number;
}

const AUDIT_OPTIONS = Symbol('AUDIT_OPTIONS');
const PRUNE_EVERY_MS = 60 * 60_000;

/** The audit log, for every module of the app, pruned to its retention. */
@Module({})
export class AuditModule implements OnModuleInit, OnModuleDestroy {
  private readonly logger = new Logger(AuditModule.name);
  private timer?: NodeJS.Timeout;

  constructor(
    private readonly audit: AuditLog,
    @Inject(AUDIT_OPTIONS) private readonly options: AuditOptions,
  ) {}

  static forRoot(options: AuditOptions): DynamicModule {
    return {
      module: AuditModule,
      global: true,
      providers: [{ provide: AUDIT_OPTIONS, useValue: options }, { provide: AuditLog, useFactory: (dataSource: DataSource) => new AuditLog(dataSource), inject: [DataSource] }],
      exports: [AuditLog],
    };
  }

  onModuleInit(): void {
    const prune = () =>
      void this.audit.prune(this.options.retentionDays).then(
        (n) => n > 0 && this.logger.log(`pruned ${n} audit events older than ${this.options.retentionDays} days`),
        (error: Error) => this.logger.warn(`audit pruning failed: ${error.message}`),
      );
    prune();
    this.timer = setInterval(prune, PRUNE_EVERY_MS);
    this.timer.unref();
  }

  onModuleDestroy(): void {
    clearInterval(this.timer);
  }
}
