// @ts-check
/**
 * ESLint flat config: typescript-eslint recommended for .ts/.mjs/.js, eslint-plugin-astro
 * recommended for .astro files (with TypeScript in their frontmatter), Node globals for
 * scripts, tools, tests and config files; code under src/lib, src/charts and src/explorer is
 * shared with the browser and may use neither Node globals nor Node modules (src/site/ reads
 * files at build time). The layers are drawn in docs/architecture.md.
 */
import { defineConfig, globalIgnores } from 'eslint/config';
import astro from 'eslint-plugin-astro';
import globals from 'globals';
import tseslint from 'typescript-eslint';

/** What code shared with the browser may not import. */
const SHARED_PATHS = [{ name: '@duckdb/node-api', message: 'shared code runs in the browser too: no native DuckDB' }];
const SHARED_PATTERNS = [
  { regex: '^node:', message: 'shared code runs in the browser too: no Node APIs (file reading belongs in src/site/)' },
  { regex: '^(fs|path|os|crypto|child_process|worker_threads|url|zlib)$', message: 'shared code runs in the browser too: no Node APIs' },
  { regex: '(^|/)scripts/', message: 'the site does not run build code (scripts/)' },
  { regex: '(^|/)site/', message: 'shared code does not import the build-time site code (src/site/)' },
  { regex: '(^|/)tools/', message: 'the site does not run dev tooling (tools/)' },
];

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
          patterns: [
            { regex: '(^|/)scripts/', message: 'the site does not run build code (scripts/)' },
            { regex: '(^|/)tools/', message: 'the site does not run dev tooling (tools/)' },
          ],
        },
      ],
    },
  },
  {
    // The build and the dev tools never depend on the tests; the dev tools (one static
    // server, one browser harness) depend on nothing of the project's.
    files: ['scripts/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: [{ regex: '(^|/)test/', message: 'build code does not import tests (shared dev code belongs in tools/)' }] }] },
  },
  {
    files: ['tools/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: [{ regex: '(^|/)(src|scripts|test)/', message: 'dev tooling stands alone: it serves and drives any built site' }] },
      ],
    },
  },
  {
    // Code shared by the build and the browser (the explorer's bundle, the charts, the metric
    // SQL, the formats): no Node APIs, no native DuckDB, no build code, and not the build-time
    // site code either. What reads files and composes pages at build time lives in src/site/.
    files: ['src/lib/**/*.ts', 'src/charts/**/*.ts', 'src/explorer/**/*.ts'],
    languageOptions: { globals: { ...globals.browser } },
    rules: { 'no-restricted-imports': ['error', { paths: SHARED_PATHS, patterns: SHARED_PATTERNS }] },
  },
  {
    // The bottom layer: src/lib imports neither the charts (which import it) nor src/site.
    files: ['src/lib/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: SHARED_PATHS,
          patterns: [...SHARED_PATTERNS, { regex: '(^|/)charts/', message: 'src/lib is below src/charts: the charts import it, not the other way' }],
        },
      ],
    },
  },
]);
