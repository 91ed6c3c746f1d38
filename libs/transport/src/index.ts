export * from './in-process-bus';
export * from './in-process.transport';
export * from './message-bus';
export * from './stage-runner';
export * from './transport.module';
export * from './kafka';
export * from './metrics-registry';
