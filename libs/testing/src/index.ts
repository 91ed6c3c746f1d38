export * from './test-process';
export * from './raw-http';
export * from './test-certificates';
