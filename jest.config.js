/** Jest runs the TypeScript sources as ES modules through ts-jest (transpile only; `npm run typecheck` checks types). */
export default {
  testEnvironment: 'node',
  roots: ['<rootDir>/test', '<rootDir>/checks'],
  testMatch: ['**/*.test.ts'],
  extensionsToTreatAsEsm: ['.ts'],
  moduleNameMapper: { '^(\\.{1,2}/.*)\\.js$': '$1' },
  transform: {
    '^.+\\.ts$': ['ts-jest', { useESM: true, tsconfig: 'tsconfig.json', diagnostics: false }],
  },
  reporters: ['default', '<rootDir>/test/harness/summary-reporter.cjs'],
};
