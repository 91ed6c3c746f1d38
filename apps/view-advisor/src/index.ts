export * from './catalog-admin.service';
export * from './question-log.entity';
export * from './view-advisor.module';
export * from './view-advisor.service';
export * from './migrations/1730000000100-create-question-log.migration';
