export * from './json-planner.module';
export * from './json-planner.options';
export * from './json-planner.service';
export * from './offline/offline-planner';
export * from './claude/claude-planner';
export * from './claude/plan-prompt.builder';
export * from './claude/plan.tool';
export * from './planner';
