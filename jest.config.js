/** Jest: unit specs beside the code, e2e specs under test/. SWC keeps decorator metadata for Nest. */
const swc = [
  '@swc/jest',
  {
    jsc: {
      parser: { syntax: 'typescript', decorators: true },
      transform: { legacyDecorator: true, decoratorMetadata: true },
      target: 'es2022',
    },
    module: { type: 'commonjs' },
  },
];

const moduleNameMapper = {
  '^@chatbi/(contracts|catalog|warehouse|transport|demo-world|language)$': '<rootDir>/libs/$1/src',
  '^@chatbi/(dialogue|view-selector|json-planner|sql-templater|cascade-runner|view-advisor)$': '<rootDir>/apps/$1/src',
};

const common = { transform: { '^.+\\.ts$': swc }, moduleNameMapper, testEnvironment: 'node' };

module.exports = {
  projects: [
    { ...common, displayName: 'unit', testMatch: ['<rootDir>/apps/**/*.spec.ts', '<rootDir>/libs/**/*.spec.ts'] },
    { ...common, displayName: 'e2e', testMatch: ['<rootDir>/test/**/*.e2e-spec.ts'] },
  ],
};
