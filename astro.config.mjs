// @ts-check
import { defineConfig } from 'astro/config';
import { duckdbVendorPlugin } from './scripts/vendor/duckdb-vendor-plugin.ts';
import { compileHintPlugin } from './scripts/site/compile-hint-plugin.ts';
import { largeDownloadsIntegration } from './scripts/site/large-downloads-integration.ts';

/**
 * Site configuration.
 *
 * - Static output only: every page is rendered at build time into dist/.
 * - Chinese (zh-CN) is the default locale and lives at `/`; English lives at `/en/`.
 *   The locale list must match LOCALES / DEFAULT_LOCALE in src/lib/i18n.ts
 *   (test/lib/i18n.test.ts checks this).
 * - Every URL ends with a slash (`/data/`, `/en/sources/`), and pages are emitted as
 *   `<path>/index.html`, so any static file server resolves them the same way.
 * - `site` is the public address of the site, from SITE_URL (e.g. `https://example.org`) when
 *   the build knows it: it makes the embed snippets, oEmbed files and the page URL printed on
 *   exported images absolute. Without it they are root-relative (the share control makes the
 *   snippet absolute in the browser).
 * - The site is self-contained: no external fonts, scripts or styles, no prefetching,
 *   no dev toolbar in the built output.
 * - The explorer's DuckDB-WASM worker and wasm are served as build-time copies that start
 *   faster: the worker patched, the wasm without the exports nothing can reach
 *   (scripts/vendor/duckdb-vendor-plugin.ts).
 * - Published files too large for common static hosts (over 20 MiB) are in the site only
 *   gzip-compressed (src/lib/large-downloads.ts, scripts/site/large-downloads-integration.ts).
 */
export default defineConfig({
  output: 'static',
  site: process.env.SITE_URL || undefined,
  trailingSlash: 'always',
  build: {
    format: 'directory',
    // Keep CSS in files under /_astro/ so the print stylesheet and the screen
    // stylesheet are cacheable and inspectable.
    inlineStylesheets: 'never',
  },
  i18n: {
    defaultLocale: 'zh-CN',
    locales: ['zh-CN', 'en'],
    routing: {
      prefixDefaultLocale: false,
      redirectToDefaultLocale: false,
    },
  },
  // Component styles are scoped without raising their specificity (`:where(...)`), so that a
  // rule moved from the global sheet into its component wins and loses exactly as before.
  scopedStyleStrategy: 'where',
  prefetch: false,
  integrations: [largeDownloadsIntegration()],
  devToolbar: { enabled: false },
  // The explorer's code carries V8's eager-compilation hint (scripts/site/compile-hint-plugin.ts).
  // No script inlined into a page, however small (Astro inlines scripts below this limit):
  // the site's Content Security Policy allows scripts from files only.
  vite: { plugins: [duckdbVendorPlugin(), compileHintPlugin()], build: { assetsInlineLimit: 0 } },
});
