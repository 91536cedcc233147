// ESLint (flat config): JavaScript's and typescript-eslint's recommended rules on every
// workspace's TypeScript. Run by scripts/check.sh (npm run check), before the tests.
import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  {
    ignores: [
      '**/node_modules/**',
      '**/dist/**',
      '**/.astro/**',
      '**/.tmp/**',
      '**/.cache/**',
      'cms/types/generated/**',
      'cms/.strapi/**',
      'cms/public/**',
      'site/releases/**',
      'site/.publisher/**',
      'site/public/**',
      'test-artifacts/**',
      '.toolchain/**',
      'bench/last-run*.json',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node, ...globals.browser } },
    rules: {
      // Strapi's and Koa's objects are untyped at many boundaries; `any` is allowed there, and
      // the CMS compiles with strict: true and Strapi's generated types (cms/types/generated)
      '@typescript-eslint/no-explicit-any': 'off',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' }],
      'no-control-regex': 'off',
    },
  },
  {
    files: ['**/*.cjs'],
    languageOptions: { sourceType: 'commonjs' },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
);
