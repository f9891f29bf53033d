// @ts-check
/**
 * ESLint flat config: typescript-eslint recommended for .ts/.mjs/.js, eslint-plugin-astro
 * recommended for .astro files (with TypeScript in their frontmatter), Node globals for
 * scripts, tests and config files, browser globals for client code under src/.
 */
import { defineConfig, globalIgnores } from 'eslint/config';
import astro from 'eslint-plugin-astro';
import globals from 'globals';
import tseslint from 'typescript-eslint';

export default defineConfig([
  globalIgnores([
    'dist/',
    'node_modules/',
    '.astro/',
    'build/',
    'reports/',
    'public/data/',
    'screenshots/',
    'data/demo/',
    'tmp/',
  ]),
  tseslint.configs.recommended,
  astro.configs.recommended,
  {
    files: ['**/*.{js,mjs,cjs,ts,mts,astro}'],
    languageOptions: {
      ecmaVersion: 'latest',
      sourceType: 'module',
      globals: { ...globals.node },
    },
    rules: {
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrorsIgnorePattern: '^_' },
      ],
      '@typescript-eslint/consistent-type-imports': 'error',
    },
  },
  {
    files: ['src/**/*.{ts,astro}'],
    languageOptions: { globals: { ...globals.browser, ...globals.node } },
    rules: {
      // The site is computed from the published files alone (public/data), never from the
      // warehouse or the build's own code: nothing withheld can reach a page, a chart or a
      // download (docs/disclosure.md, "The attacker").
      'no-restricted-imports': [
        'error',
        {
          paths: [{ name: '@duckdb/node-api', message: 'the site reads published files, not the warehouse' }],
          patterns: [{ regex: '(^|/)scripts/', message: 'the site does not run build code (scripts/)' }],
        },
      ],
    },
  },
]);
