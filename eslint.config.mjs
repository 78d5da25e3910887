import js from '@eslint/js';
import jest from 'eslint-plugin-jest';
import tseslint from 'typescript-eslint';

/**
 * Layers run one way: app → features → core (ingest sits beside features: app → ingest → core).
 * A wrong-way import fails `npm run lint` with the message below naming the rule it breaks.
 */
const layer = (files, forbidden, why) => ({
  files,
  rules: {
    'no-restricted-imports': [
      'error',
      { patterns: forbidden.map((group) => ({ group: [`**/${group}`, `**/${group}/**`], message: why })) },
    ],
  },
});

export default tseslint.config(
  { ignores: ['dist/', 'node_modules/', 'src/generated/', 'examples/generated/', 'neo4j/', 'coverage/', '.data/', '*.js'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    // CommonJS: helpers loaded with `node -r` (tests/support/register-ts.js), .dependency-cruiser.cjs.
    files: ['**/*.js', '**/*.cjs'],
    languageOptions: { sourceType: 'commonjs', globals: { require: 'readonly', module: 'writable' } },
  },
  {
    // The build (scripts/build.mjs, scripts/launcher.mjs): plain Node modules, run before anything is compiled.
    files: ['scripts/**/*.mjs'],
    languageOptions: {
      sourceType: 'module',
      globals: { process: 'readonly', console: 'readonly', setInterval: 'readonly', clearInterval: 'readonly' },
    },
  },
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
    },
  },
  {
    // Tests that always run all their assertions: none skipped or focused, none inside an if or a
    // catch (an assertion that may not run is a test that may not fail), every expect awaited or used.
    files: ['tests/**/*.ts'],
    ...jest.configs['flat/recommended'],
    settings: { jest: { version: 29 } },
    rules: {
      ...jest.configs['flat/recommended'].rules,
      'jest/no-conditional-expect': 'error',
      'jest/no-disabled-tests': 'error',
      'jest/no-focused-tests': 'error',
      'jest/valid-expect': 'error',
      // Helpers that assert, named as such.
      'jest/expect-expect': ['error', { assertFunctionNames: ['expect', 'refused'] }],
      // A hook may check its setup worked, and a reliability case brings its own check, run inside a test.
      'jest/no-standalone-expect': 'off',
    },
  },
  {
    // A function that fits on a screen can be read whole, and a file under 400 lines holds one
    // concept: past these, a function is doing several steps that want names of their own, and a
    // file is several modules. Raw lines, comments and blank lines included; src/generated is
    // ignored above.
    files: ['src/**/*.ts'],
    rules: {
      'max-lines-per-function': ['error', { max: 60, skipBlankLines: false, skipComments: false, IIFEs: true }],
      'max-lines': ['error', { max: 400, skipBlankLines: false, skipComments: false }],
    },
  },
  layer(
    ['src/core/**/*.ts'],
    ['app', 'features', 'ingest'],
    'src/core knows no feature, no ingest and no app: move the shared part into core, or pass it in from the app.',
  ),
  layer(
    ['src/features/**/*.ts'],
    ['app', 'ingest'],
    'A feature may use core and other features, never the app (composition root) or ingest.',
  ),
  layer(['src/ingest/**/*.ts'], ['app', 'features'], 'Ingest writes through core only: no feature and no app imports.'),
  layer(
    ['explorer/**/*.ts'],
    ['src/app', 'src/core', 'src/features', 'src/ingest'],
    'The pages talk to the service through the public GraphQL API only: no server code in the browser.',
  ),
);
