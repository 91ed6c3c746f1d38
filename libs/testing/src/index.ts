export * from './test-process';
