/**
 * Five jest projects, so fast tests never wait for (or need) a database (docs/reference/tests.md):
 *
 *   unit         tests/unit         pure functions: no Neo4j, no Java, no Maven
 *   cypher       tests/cypher       GraphQL requests through Apollo against a recording QueryRunner:
 *                                   pins the Cypher and parameters each request emits (inline
 *                                   snapshots), no database
 *   integration  tests/integration  a real (embedded) Neo4j and real HTTP
 *   reliability  tests/reliability  hostile input, faults and load against the real service: the
 *                                   short form in every run, the long one (RELIABILITY_FULL=1)
 *                                   with `npm run test:reliability`
 *   browser      tests/browser      the built pages (dist/explorer) in Debian's chromium, driven by
 *                                   playwright-core, against the real service on the seeded Neo4j
 *
 * globalSetup/globalTeardown are declared on the integration project only. Jest 29 collects a
 * project's global hooks from the projects of the test files in the run (@jest/core
 * runGlobalHook), so `jest --selectProjects unit cypher` or `jest tests/unit` never starts Neo4j.
 *
 * `npm test` still runs every project. maxWorkers and testTimeout are global options in Jest 29
 * (a project config cannot set them): the whole run keeps one worker, which is what the
 * integration tests need on two cores, and integration raises its own timeout in a setup file.
 */
/**
 * Packages published as ES modules only (franc, for the extractor's language, and what it
 * imports). Node loads them with import(); jest's module sandbox cannot without
 * --experimental-vm-modules, so jest transpiles them to CommonJS like our TypeScript.
 */
const esmOnly = ['franc', 'trigram-utils', 'n-gram', 'collapse-white-space'];

const shared = {
  testEnvironment: 'node',
  testMatch: ['**/*.test.ts'],
  // Type checking is `tsc --noEmit` in `npm run lint`; jest only transpiles.
  transform: {
    '^.+\\.ts$': 'ts-jest',
    [`/node_modules/(${esmOnly.join('|')})/.+\\.js$`]: [
      'ts-jest',
      { tsconfig: { allowJs: true, isolatedModules: true, module: 'commonjs', esModuleInterop: true } },
    ],
  },
  transformIgnorePatterns: [`/node_modules/(?!(${esmOnly.join('|')})/)`],
  // Jest 29 formats the inline snapshots it writes with prettier 2 only; the repo has prettier 3.
  // Without prettier jest writes them itself, and `npm run format` then lays them out.
  prettierPath: null,
};

/** @type {import('jest').Config} */
module.exports = {
  // Two cores: one worker keeps Neo4j and the tests from fighting over the CPU.
  maxWorkers: 1,
  // .ci/run must call plain `npm test`, so it asks for its counts through the environment:
  // JEST_CI_SUMMARY=<file> adds a reporter that writes them there (suites that fail to load
  // count as failed; see tests/support/ci-summary-reporter.js).
  reporters: [
    'default',
    ...(process.env.JEST_CI_SUMMARY ? [['<rootDir>/tests/support/ci-summary-reporter.js', { file: process.env.JEST_CI_SUMMARY }]] : []),
  ],
  projects: [
    { ...shared, displayName: 'unit', roots: ['<rootDir>/tests/unit'] },
    { ...shared, displayName: 'cypher', roots: ['<rootDir>/tests/cypher'] },
    {
      ...shared,
      displayName: 'integration',
      roots: ['<rootDir>/tests/integration'],
      globalSetup: '<rootDir>/tests/setup/global-setup.ts',
      globalTeardown: '<rootDir>/tests/setup/global-teardown.ts',
      setupFilesAfterEnv: ['<rootDir>/tests/setup/integration-timeout.ts'],
    },
    {
      ...shared,
      displayName: 'reliability',
      roots: ['<rootDir>/tests/reliability'],
      // The same file as integration's: jest runs a global hook once per distinct path.
      globalSetup: '<rootDir>/tests/setup/global-setup.ts',
      globalTeardown: '<rootDir>/tests/setup/global-teardown.ts',
      setupFilesAfterEnv: ['<rootDir>/tests/setup/integration-timeout.ts'],
    },
    {
      ...shared,
      displayName: 'browser',
      roots: ['<rootDir>/tests/browser'],
      globalSetup: '<rootDir>/tests/setup/global-setup.ts',
      globalTeardown: '<rootDir>/tests/setup/global-teardown.ts',
      setupFilesAfterEnv: ['<rootDir>/tests/setup/integration-timeout.ts'],
    },
  ],
};
