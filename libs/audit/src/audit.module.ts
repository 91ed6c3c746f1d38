import { Module, type DynamicModule } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AuditEventEntity } from './audit-event.entity';
import { AuditLog } from './audit-log.service';
import { CreateAuditEvent1730000001000 } from './migrations/1730000001000-create-audit-event.migration';

export const AUDIT_ENTITIES = [AuditEventEntity];
export const AUDIT_MIGRATIONS = [CreateAuditEvent1730000001000];

/** The audit log, for every module of the app. The host prunes it to its retention. */
@Module({})
export class AuditModule {
  static forRoot(): DynamicModule {
    return {
      module: AuditModule,
      global: true,
      providers: [{ provide: AuditLog, useFactory: (dataSource: DataSource) => new AuditLog(dataSource), inject: [DataSource] }],
      exports: [AuditLog],
    };
  }
}
