import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['dist/', 'node_modules/', 'src/generated/', 'neo4j/', 'coverage/', '.data/', '*.js'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    // CommonJS helpers loaded with `node -r` (tests/support/register-ts.js).
    files: ['**/*.js'],
    languageOptions: { sourceType: 'commonjs', globals: { require: 'readonly', module: 'writable' } },
  },
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
    },
  },
);
