/**
 * The plugin's tests: jsdom, testing-library, ts-jest. @superset-ui/core and several of its
 * dependencies ship ES modules only, so files in node_modules that use ES module syntax are
 * transpiled too (test/helpers/esmTransformer.js).
 */
module.exports = {
  displayName: 'superset-plugin',
  rootDir: __dirname,
  testEnvironment: 'jsdom',
  testMatch: ['<rootDir>/test/**/*.test.ts?(x)'],
  setupFiles: ['<rootDir>/test/setup.ts'],
  transform: {
    '^.+\\.tsx?$': ['ts-jest', { tsconfig: { jsx: 'react', module: 'commonjs', esModuleInterop: true, isolatedModules: true }, diagnostics: false }],
    '^.+\\.[cm]?js$': '<rootDir>/test/helpers/esmTransformer.js',
    '\\.png$': '<rootDir>/test/helpers/fileTransformer.js',
  },
  transformIgnorePatterns: [],
  moduleFileExtensions: ['ts', 'tsx', 'js', 'mjs', 'cjs', 'json'],
};
