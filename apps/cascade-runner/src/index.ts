export * from './cascade-runner.module';
export * from './cascade-runner.service';
export * from './chart.planner';
