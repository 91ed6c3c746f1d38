export * from './json-planner.module';
export * from './json-planner.service';
export * from './offline/offline-planner';
export * from './planner';
