import { Module, type DynamicModule } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AuditEventEntity } from './audit-event.entity';
import { AuditLog } from './audit-log.service';
import { CreateAuditEvent1730000001000 } from './migrations/1730000001000-create-audit-event.migration';

export const AUDIT_ENTITIES = [AuditEventEntity];
export const AUDIT_MIGRATIONS = [CreateAuditEvent1730000001000];

export interface AuditOptions {
  /** A request whose audit event cannot be recorded fails rather than goes on unaudited. */
  required: boolean;
}

/** The audit log, for every module of the app. The host prunes it to its retention. */
@Module({})
export class AuditModule {
  static forRoot(options: AuditOptions): DynamicModule {
    return {
      module: AuditModule,
      global: true,
      providers: [{ provide: AuditLog, useFactory: (dataSource: DataSource) => new AuditLog(dataSource, options.required), inject: [DataSource] }],
      exports: [AuditLog],
    };
  }
}
