export * from './test-process';
export * from './raw-http';
