export * from './ask.schema';
export * from './error-codes';
export * from './messages';
export * from './plan.schema';
export * from './topics';
export * from './time-range';
export * from './kafka-api.schema';
export * from './proto-path';
