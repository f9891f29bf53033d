/**
 * Browser tests of the built site (dist/, built by `npm run build`), for every page in
 * both languages:
 * - loads with status 200, no console errors, no page errors, no failed requests, and no
 *   request to any host other than 127.0.0.1;
 * - `<html lang>` matches the page's language; one h1; a title;
 * - the synthetic-data banner is shown exactly when summary.synthetic is true;
 * - the language switch lands on the same page in the other language;
 * - no serious or critical axe-core violations;
 * - no horizontal overflow at phone width; navigation hidden in print.
 */
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { alternatePath, htmlLang, otherLocale, type Locale } from '../../src/lib/i18n.ts';
import { checkBrowser, launchBrowser, type LaunchedBrowser } from './browser.ts';
import { startStaticServer, type StaticServer } from './serve.ts';
import { listSitePages, type SitePage } from './site-pages.ts';

const DIST = join(process.cwd(), 'dist');
const SUMMARY = join(DIST, 'data', 'summary.json');
const built = existsSync(join(DIST, 'index.html')) && existsSync(SUMMARY);
const browser = checkBrowser();
const pages: SitePage[] = built ? listSitePages(DIST) : [];
const synthetic: boolean = built
  ? (JSON.parse(readFileSync(SUMMARY, 'utf8')) as { synthetic: boolean }).synthetic
  : false;

const require = createRequire(import.meta.url);
const AXE_SOURCE = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

/** Text the synthetic banner starts with, per language. */
const BANNER_TEXT: Readonly<Record<Locale, string>> = {
  'zh-CN': '演示数据（合成）',
  en: 'Synthetic demo data',
};

/** What happened while a page was open. */
interface Visit {
  readonly page: Page;
  readonly status: number | undefined;
  readonly errors: string[];
  readonly foreignRequests: string[];
}

interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: unknown[] }[];
}

describe('built site', () => {
  it('exists (run `npm run build` first)', () => {
    expect(built, `dist/ or dist/data/summary.json missing in ${DIST}`).toBe(true);
  });

  it('has every page in both languages', () => {
    const paths = new Set(pages.map((p) => p.path));
    expect(paths.has('/')).toBe(true);
    expect(paths.has('/en/')).toBe(true);
    for (const page of pages.filter((p) => p.translated)) {
      expect(paths.has(alternatePath(page.path)), `${page.path} has no counterpart`).toBe(true);
    }
  });
});

describe.skipIf(!browser.available || !built)('site in Chromium', () => {
  let server: StaticServer;
  let chromium: LaunchedBrowser;

  beforeAll(async () => {
    server = await startStaticServer({ root: DIST, idleTimeoutMs: 300_000 });
    chromium = await launchBrowser();
    // Never let a request leave the machine: record and abort anything not local.
    await chromium.context.route('**/*', (route) => {
      const url = new URL(route.request().url());
      if (url.hostname === '127.0.0.1' || url.protocol === 'data:' || url.protocol === 'blob:') {
        return route.continue();
      }
      return route.abort('blockedbyclient');
    });
  });

  afterAll(async () => {
    await chromium?.close();
    await server?.close();
  });

  /** Open a page and collect console errors, failures and foreign requests. */
  async function visit(path: string): Promise<Visit> {
    const page = await chromium.context.newPage();
    const errors: string[] = [];
    const foreignRequests: string[] = [];
    page.on('console', (msg) => {
      if (msg.type() === 'error') errors.push(`console: ${msg.text()}`);
    });
    page.on('pageerror', (error) => errors.push(`pageerror: ${error.message}`));
    page.on('request', (request) => {
      const url = new URL(request.url());
      if (url.protocol.startsWith('http') && url.hostname !== '127.0.0.1') {
        foreignRequests.push(request.url());
      }
    });
    page.on('requestfailed', (request) => {
      errors.push(`requestfailed: ${request.url()} ${request.failure()?.errorText ?? ''}`);
    });
    page.on('response', (response) => {
      if (response.status() >= 400) errors.push(`HTTP ${response.status()}: ${response.url()}`);
    });
    const response = await page.goto(server.url(path), { waitUntil: 'load' });
    await page.waitForLoadState('networkidle');
    return { page, status: response?.status(), errors, foreignRequests };
  }

  describe.for(pages)('$path', (sitePage) => {
    it('loads cleanly, locally, with the right lang', async () => {
      const { page, status, errors, foreignRequests } = await visit(sitePage.path);
      try {
        expect(status).toBe(200);
        expect(errors).toEqual([]);
        expect(foreignRequests).toEqual([]);
        expect(await page.getAttribute('html', 'lang')).toBe(htmlLang(sitePage.locale));
        expect((await page.title()).trim()).not.toBe('');
        expect(await page.locator('h1').count()).toBe(1);
        expect(await page.locator('meta[name="description"]').getAttribute('content')).toBeTruthy();
      } finally {
        await page.close();
      }
    });

    it(`shows the synthetic banner exactly when summary.synthetic (${String(synthetic)})`, async () => {
      const { page } = await visit(sitePage.path);
      try {
        const banner = page.getByTestId('synthetic-banner');
        if (synthetic) {
          await expect(banner.isVisible()).resolves.toBe(true);
          expect(await banner.innerText()).toContain(BANNER_TEXT[sitePage.locale]);
        } else {
          expect(await banner.count()).toBe(0);
        }
      } finally {
        await page.close();
      }
    });

    it('switches language to the same page', async () => {
      const { page } = await visit(sitePage.path);
      try {
        const link = page.getByTestId('lang-switch');
        if (!sitePage.translated) {
          expect(await link.count()).toBe(0);
          return;
        }
        const target = otherLocale(sitePage.locale);
        await Promise.all([page.waitForURL((url) => url.pathname !== sitePage.path), link.click()]);
        expect(new URL(page.url()).pathname).toBe(alternatePath(sitePage.path));
        expect(await page.getAttribute('html', 'lang')).toBe(htmlLang(target));
        // …and back again.
        await Promise.all([
          page.waitForURL((url) => url.pathname === sitePage.path),
          page.getByTestId('lang-switch').click(),
        ]);
        expect(await page.getAttribute('html', 'lang')).toBe(htmlLang(sitePage.locale));
      } finally {
        await page.close();
      }
    });

    it('has no serious or critical accessibility violations (axe-core)', async () => {
      const { page } = await visit(sitePage.path);
      try {
        await page.addScriptTag({ content: AXE_SOURCE });
        const violations = await page.evaluate(async () => {
          const axe = (window as unknown as { axe: { run: (ctx: Document, opts: object) => Promise<{ violations: AxeViolation[] }> } }).axe;
          const result = await axe.run(document, { resultTypes: ['violations'] });
          return result.violations.map((v) => ({
            id: v.id,
            impact: v.impact,
            help: v.help,
            nodes: v.nodes.map((n) => ({ target: n.target })),
          }));
        });
        const blocking = violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
        const minor = violations.filter((v) => !blocking.includes(v));
        if (minor.length > 0) {
          process.stderr.write(
            `[axe] ${sitePage.path}: minor/moderate: ${minor.map((v) => `${v.id} (${v.impact ?? '?'})`).join(', ')}\n`,
          );
        }
        expect(
          blocking.map((v) => `${v.impact ?? '?'} ${v.id}: ${v.help} at ${JSON.stringify(v.nodes.slice(0, 3))}`),
        ).toEqual([]);
      } finally {
        await page.close();
      }
    });

    it('fits a phone screen and hides navigation in print', async () => {
      const { page } = await visit(sitePage.path);
      try {
        await page.setViewportSize({ width: 390, height: 844 });
        const overflow = await page.evaluate(
          () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
        );
        expect(overflow).toBeLessThanOrEqual(0);
        await page.emulateMedia({ media: 'print' });
        expect(await page.locator('.site-nav').isVisible()).toBe(false);
        if (synthetic) expect(await page.getByTestId('synthetic-banner').isVisible()).toBe(true);
      } finally {
        await page.close();
      }
    });
  });

  it('answers a missing path with the 404 page and status 404', async () => {
    const page = await chromium.context.newPage();
    try {
      const response = await page.goto(server.url('/no-such-page/'));
      expect(response?.status()).toBe(404);
      expect(await page.getAttribute('html', 'lang')).toBe('zh-CN');
      expect(await page.locator('h1').innerText()).toBe('页面不存在');
      expect(await page.locator('[lang="en"] h2').innerText()).toBe('Page not found');
    } finally {
      await page.close();
    }
  });
});
