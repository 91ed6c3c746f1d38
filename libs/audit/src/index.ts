export * from './audit-event.entity';
export * from './audit-log.service';
export * from './audit.module';
export * from './line-diff';
