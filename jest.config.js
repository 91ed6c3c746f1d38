/**
 * Jest: unit specs beside the code, e2e specs under test/. ts-jest only transpiles (the type
 * check is `npm run typecheck`), keeping decorator metadata for Nest.
 */
const transform = {
  '^.+\\.ts$': ['ts-jest', { isolatedModules: true, tsconfig: '<rootDir>/tsconfig.json', diagnostics: false }],
};

const moduleNameMapper = {
  '^@chatbi/(contracts|catalog|warehouse|transport|demo-world|language|models|eval|cascades|testing|auth|audit)$': '<rootDir>/libs/$1/src',
  '^@chatbi/(dialogue|view-selector|json-planner|sql-templater|cascade-runner|view-advisor)$': '<rootDir>/apps/$1/src',
};

const common = { transform, moduleNameMapper, testEnvironment: 'node' };

module.exports = {
  // A process that has opened DuckDB reserves ~20 GB of address space per instance, and fork() then
  // fails with ENOMEM; a fresh worker per test file keeps the specs that start servers working.
  workerIdleMemoryLimit: '1MB',
  maxWorkers: 2,
  projects: [
    { ...common, displayName: 'unit', testMatch: ['<rootDir>/apps/**/*.spec.ts', '<rootDir>/libs/**/*.spec.ts'] },
    { ...common, displayName: 'e2e', testMatch: ['<rootDir>/test/**/*.e2e-spec.ts'] },
    // The Superset plugin is its own package (superset-plugin/package-lock.json) with its own jest config.
    '<rootDir>/superset-plugin/jest.config.js',
  ],
};
