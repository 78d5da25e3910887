import js from '@eslint/js';
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
    // CommonJS helpers loaded with `node -r` (tests/support/register-ts.js), and tool configs (.dependency-cruiser.cjs).
    files: ['**/*.js', '**/*.cjs'],
    languageOptions: { sourceType: 'commonjs', globals: { require: 'readonly', module: 'writable' } },
  },
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
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
