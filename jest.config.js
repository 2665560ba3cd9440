/** One jest run for the whole repository: unit and integration tests against real Postgres and Redis. */
/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/packages', '<rootDir>/services', '<rootDir>/gateway', '<rootDir>/scripts'],
  testMatch: ['**/test/**/*.test.ts'],
  // TypeScript first: a stray compiled .js beside a source file must never shadow it.
  moduleFileExtensions: ['ts', 'js', 'json'],
  transform: {
    '^.+\\.(ts|js)$': [
      '@swc/jest',
      {
        jsc: {
          parser: { syntax: 'typescript', decorators: true },
          transform: { legacyDecorator: true, decoratorMetadata: true },
          target: 'es2022',
        },
        module: { type: 'commonjs' },
      },
    ],
  },
  // ESM-only dependencies (jose, temporal-polyfill and its temporal-utils), compiled to CommonJS for jest (node itself loads them with require(esm)).
  transformIgnorePatterns: ['/node_modules/(?!(jose|temporal-polyfill|temporal-utils)/)'],
  // Packages by name (their sources); the test kit reaches the services' and the gateway's sources by a subpath.
  moduleNameMapper: {
    '^@metropotes/(members|events|guide|moderation|workers|web)/(.*)$': '<rootDir>/services/$1/$2',
    '^@metropotes/gateway/(.*)$': '<rootDir>/gateway/$1',
    '^@metropotes/(.*)$': '<rootDir>/packages/$1/src',
  },
  modulePathIgnorePatterns: ['<rootDir>/.*/dist/'],
  testTimeout: 60_000,
  maxWorkers: 2,
  // Each test file starts its own system; a stuck handle must not hang CI.
  forceExit: true,
};
