/**
 * Browser tests of the built site (dist/, built by `npm run build`), for a sample of every
 * page type in both languages (scripts/site-pages.ts: every page but the ~720 region and ~60
 * metric pages, which are sampled by kind; every campaign page):
 * - loads with status 200, no console errors, no page errors, no failed requests, and no
 *   request to any host other than 127.0.0.1;
 * - `<html lang>` matches the page's language; one h1; a title;
 * - the synthetic-data banner is shown exactly when summary.synthetic is true (but on the
 *   embed views of real published figures);
 * - the language switch lands on the same page in the other language;
 * - no serious or critical axe-core violations (WCAG 2.2 AA rules);
 * - every chart is there with its SVG, title and text summary (JavaScript is not needed:
 *   the charts are rendered at build time), and chart pages have the charts they should;
 * - budget: everything the page loads, gzip-compressed, is at most 100 KB, and no
 *   WebAssembly is loaded;
 * - no horizontal overflow at phone width; navigation hidden in print, charts printed,
 *   and the printed page fits an A4 page width.
 */
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { alternatePath, htmlLang, otherLocale, type Locale } from '../../src/lib/i18n.ts';
import { checkBrowser, launchBrowser, type LaunchedBrowser } from '../../tools/browser.ts';
import { startStaticServer, type StaticServer } from '../../tools/static-server.ts';
import { listSitePages, pageType, type PageType, type SitePage } from '../../scripts/site-pages.ts';

/** The built site: dist/, or the folder SITE_DIST names (e.g. a build made with `astro build --outDir`). */
const DIST = process.env.SITE_DIST ?? join(process.cwd(), 'dist');
const SUMMARY = join(DIST, 'data', 'summary.json');
const built = existsSync(join(DIST, 'index.html')) && existsSync(SUMMARY);
const browser = checkBrowser();
/** Every page of the build. */
const allPages: SitePage[] = built ? listSitePages(DIST, { sample: false }) : [];
/** The pages the browser suites open: a sample of every page type, in both languages. */
const pages: SitePage[] = built ? listSitePages(DIST, { sample: true }) : [];
const synthetic: boolean = built
  ? (JSON.parse(readFileSync(SUMMARY, 'utf8')) as { synthetic: boolean }).synthetic
  : false;

const require = createRequire(import.meta.url);
const AXE_SOURCE = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

/** The embed views of real published figures (the context page's charts): not the site's data, so no synthetic banner. */
const realFigures = (path: string): boolean => /\/embed\/context-/.test(path);

/** Compressed bytes a page may load in all before its first chart is visible. */
const BUDGET_BYTES = 100 * 1024;

/** Page types that must show charts, and how many at least. */
const MIN_CHARTS: Partial<Record<PageType, number>> = {
  campaign: 2,
  'region-province': 2,
  'region-prefecture': 2,
  'region-county': 2,
  metric: 1,
  embed: 1,
  'briefing-campaign': 1,
  'briefing-region': 1,
};

/** Printable width of an A4 page with the print stylesheet's 16 mm side margins, in CSS px. */
const A4_PRINT_WIDTH = Math.floor(((210 - 32) / 25.4) * 96);

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
  /** The response's Content-Security-Policy header. */
  readonly csp: string | undefined;
}

interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  tags: string[];
  nodes: { target: unknown[] }[];
}

/** axe-core tags of the WCAG 2.2 level A and AA success criteria (every one of them fails the test). */
const WCAG_TAGS: readonly string[] = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22a', 'wcag22aa'];

describe('built site', () => {
  it('exists (run `npm run build` first)', () => {
    expect(built, `dist/ or dist/data/summary.json missing in ${DIST}`).toBe(true);
  });

  it('has every page in both languages', () => {
    const paths = new Set(allPages.map((p) => p.path));
    expect(paths.has('/')).toBe(true);
    expect(paths.has('/en/')).toBe(true);
    for (const page of allPages.filter((p) => p.translated)) {
      expect(paths.has(alternatePath(page.path)), `${page.path} has no counterpart`).toBe(true);
    }
  });

  it('has a page per campaign, region and metric, and the browser sample covers every type', () => {
    const summary = JSON.parse(readFileSync(SUMMARY, 'utf8')) as { regions: { code: string }[] };
    const paths = new Set(allPages.map((p) => p.path));
    for (const region of summary.regions) {
      expect(paths.has(`/regions/${region.code}/`), `region ${region.code}`).toBe(true);
      expect(paths.has(`/en/regions/${region.code}/`), `region ${region.code} (en)`).toBe(true);
    }
    const types = new Set(allPages.map((p) => pageType(p.path)));
    const sampled = new Set(pages.map((p) => pageType(p.path)));
    expect([...sampled].sort()).toEqual([...types].sort());
    for (const type of types) {
      for (const locale of ['zh-CN', 'en'] as const) {
        expect(pages.some((p) => pageType(p.path) === type && p.locale === locale), `${type} ${locale}`).toBe(true);
      }
    }
    // Every campaign page is in the sample.
    expect(pages.filter((p) => pageType(p.path) === 'campaign')).toEqual(allPages.filter((p) => pageType(p.path) === 'campaign'));
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

  /** Open a page (once more if it stalls) and collect console errors, failures and foreign requests. */
  async function visit(path: string, attempt = 1): Promise<Visit> {
    const page = await chromium.context.newPage();
    const errors: string[] = [];
    const foreignRequests: string[] = [];
    const open = new Set<string>();
    page.on('console', (msg) => {
      if (msg.type() === 'error') errors.push(`console: ${msg.text()}`);
    });
    page.on('pageerror', (error) => errors.push(`pageerror: ${error.message}`));
    page.on('request', (request) => {
      open.add(request.url());
      const url = new URL(request.url());
      if (url.protocol.startsWith('http') && url.hostname !== '127.0.0.1') {
        foreignRequests.push(request.url());
      }
    });
    page.on('requestfinished', (request) => open.delete(request.url()));
    page.on('requestfailed', (request) => {
      open.delete(request.url());
      errors.push(`requestfailed: ${request.url()} ${request.failure()?.errorText ?? ''}`);
    });
    page.on('response', (response) => {
      if (response.status() >= 400) errors.push(`HTTP ${response.status()}: ${response.url()}`);
    });
    const response = await page.goto(server.url(path), { waitUntil: 'load' });
    try {
      await page.waitForLoadState('networkidle', { timeout: 15_000 });
    } catch (error) {
      // A static page still loading 15 s after its load event: once in many runs a local
      // connection of the harness stalled (the page's other tests passed). Open it once
      // more; a page that really keeps loading fails, naming what was still open.
      const still = [...open];
      await page.close();
      if (attempt === 1) return visit(path, 2);
      throw new Error(`${path}: not idle 15 s after load; still open: ${still.join(', ') || 'nothing'}`, { cause: error });
    }
    return { page, status: response?.status(), errors, foreignRequests, csp: response?.headers()['content-security-policy'] };
  }

  describe.for(pages)('$path', (sitePage) => {
    it('loads cleanly, locally, with the right lang, under a strict Content Security Policy', async () => {
      const { page, status, errors, foreignRequests, csp } = await visit(sitePage.path);
      try {
        expect(status).toBe(200);
        // The page's own policy, in the header (public/_headers) and its <meta>: no inline script
        // or style allowed. A violation would be a console error, counted below.
        expect(csp, 'Content-Security-Policy header').toMatch(/^default-src 'self'/);
        expect(csp).not.toMatch(/'unsafe-inline'|'unsafe-eval'/);
        expect(await page.locator('meta[http-equiv="Content-Security-Policy"]').count()).toBe(1);
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
        // The embed view of a chart of real published figures (the context page's) is not the site's data.
        if (synthetic && !realFigures(sitePage.path)) {
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

    it('has no WCAG 2.2 AA violation, nor any serious or critical one (axe-core)', async () => {
      const { page } = await visit(sitePage.path);
      try {
        // Evaluated through the DevTools protocol rather than added as a <script>, so that a
        // page's Content-Security-Policy (no inline scripts) does not keep axe out.
        await page.evaluate(AXE_SOURCE);
        const violations = await page.evaluate(async () => {
          const axe = (window as unknown as { axe: { run: (ctx: Document, opts: object) => Promise<{ violations: AxeViolation[] }> } }).axe;
          const result = await axe.run(document, { resultTypes: ['violations'] });
          return result.violations.map((v) => ({
            id: v.id,
            impact: v.impact,
            help: v.help,
            tags: v.tags,
            nodes: v.nodes.map((n) => ({ target: n.target })),
          }));
        });
        const blocking = violations.filter(
          (v) => v.impact === 'serious' || v.impact === 'critical' || v.tags.some((tag) => WCAG_TAGS.includes(tag)),
        );
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

    it('shows every chart, with its SVG, title and summary, without JavaScript', async () => {
      const page = await chromium.context.newPage();
      try {
        await page.route('**/*.js', (route) => route.abort('blockedbyclient'));
        await page.goto(server.url(sitePage.path), { waitUntil: 'load' });
        const charts = await page.locator('[data-testid="chart"]').evaluateAll((figures) =>
          figures.map((figure) => {
            const svgs = [...figure.querySelectorAll('svg.chart-svg')];
            const summary = figure.querySelector('.chart__summary');
            const refs = svgs.flatMap((svg) =>
              [svg.getAttribute('aria-labelledby'), svg.getAttribute('aria-describedby')].filter((id): id is string => id !== null),
            );
            return {
              id: figure.id,
              svgs: svgs.length,
              // Every drawing the stylesheet shows has a size (the explorer hides its phone drawing on a desktop).
              sized:
                svgs.some((svg) => getComputedStyle(svg).display !== 'none') &&
                svgs.every((svg) => {
                  const box = svg.getBoundingClientRect();
                  return getComputedStyle(svg).display === 'none' || (box.width > 50 && box.height > 20);
                }),
              title: figure.querySelector('figcaption')?.textContent?.trim() ?? '',
              summary: summary?.textContent?.trim() ?? '',
              refsResolve: refs.every((id) => document.getElementById(id) !== null),
              role: svgs.every((svg) => svg.getAttribute('role') === 'img'),
            };
          }),
        );
        const min = MIN_CHARTS[pageType(sitePage.path)] ?? 0;
        expect(charts.length, 'charts on the page').toBeGreaterThanOrEqual(min);
        for (const chart of charts) {
          expect(chart.svgs, `${chart.id}: svg`).toBeGreaterThan(0);
          expect(chart.sized, `${chart.id}: svg has a size`).toBe(true);
          expect(chart.title, `${chart.id}: title`).not.toBe('');
          expect(chart.summary.length, `${chart.id}: summary`).toBeGreaterThan(10);
          expect(chart.refsResolve, `${chart.id}: aria references`).toBe(true);
          expect(chart.role, `${chart.id}: role img`).toBe(true);
        }
        if (pageType(sitePage.path) === 'home') {
          expect(await page.locator('[data-testid="campaign-card"] svg.chart-svg').count()).toBeGreaterThan(0);
        }
      } finally {
        await page.close();
      }
    });

    it(`loads at most ${String(BUDGET_BYTES / 1024)} KB compressed by its load event (its first chart on screen), and no WebAssembly`, async () => {
      const page = await chromium.context.newPage();
      const loaded: { url: string; bytes: number; type: string }[] = [];
      const pending: Promise<void>[] = [];
      page.on('response', (response) => {
        pending.push(
          response
            .body()
            .then((body) => {
              loaded.push({
                url: response.url(),
                bytes: gzipSync(body).byteLength,
                type: response.headers()['content-type'] ?? '',
              });
            })
            .catch(() => undefined),
        );
      });
      try {
        await page.goto(server.url(sitePage.path), { waitUntil: 'load' });
        const chart = page.locator('[data-testid="chart"] svg, [data-testid="campaign-card"] svg').first();
        if ((await chart.count()) > 0) await chart.waitFor({ state: 'visible' });
        // What the page asked for by its load event: the explorer fetches its code and first
        // slice ahead only after that, once the browser is idle, for the reader's first change.
        const beforeLoad = new Set(
          await page.evaluate(() => {
            const load = (performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming | undefined)?.loadEventStart ?? Infinity;
            return [location.href, ...performance.getEntriesByType('resource').filter((e) => e.startTime <= load).map((e) => e.name)];
          }),
        );
        await Promise.all(pending);
        const counted = loaded.filter((r) => beforeLoad.has(r.url));
        const total = counted.reduce((sum, r) => sum + r.bytes, 0);
        const detail = counted.map((r) => `${r.url} ${String(r.bytes)}`).join('\n');
        expect(total, `compressed bytes loaded:\n${detail}`).toBeLessThanOrEqual(BUDGET_BYTES);
        expect(loaded.filter((r) => r.url.endsWith('.wasm') || r.type.includes('wasm'))).toEqual([]);
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
        // Charts drawn for the width: their text at least 11 px, none of it outside the chart.
        const small = await page.evaluate(() =>
          [...document.querySelectorAll<SVGSVGElement>('svg.chart-svg')].flatMap((svg) => {
            const box = svg.getBoundingClientRect();
            const scale = svg.viewBox.baseVal === null || svg.viewBox.baseVal.width === 0 ? 1 : box.width / svg.viewBox.baseVal.width;
            if (box.width === 0) return [];
            return [...svg.querySelectorAll('text')].flatMap((text) => {
              const label = (text.textContent ?? '').trim();
              const r = text.getBoundingClientRect();
              if (label === '' || r.width === 0) return [];
              const px = parseFloat(getComputedStyle(text).fontSize) * scale;
              const outside = r.left < box.left - 1 || r.right > box.right + 1;
              return px < 10.95 || outside ? [`${label}: ${px.toFixed(1)} px${outside ? ', outside the chart' : ''}`] : [];
            });
          }),
        );
        expect(small, 'chart text at 390 px').toEqual([]);
        await page.emulateMedia({ media: 'print' });
        expect(await page.locator('.site-nav').isVisible()).toBe(false);
        expect(await page.locator('.breadcrumbs').isVisible()).toBe(false);
        if (synthetic && !realFigures(sitePage.path)) expect(await page.getByTestId('synthetic-banner').isVisible()).toBe(true);
        // Printed on A4: charts are there, and nothing is wider than the printable width.
        await page.setViewportSize({ width: A4_PRINT_WIDTH, height: 1100 });
        const printOverflow = await page.evaluate(
          () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
        );
        expect(printOverflow, 'wider than an A4 page').toBeLessThanOrEqual(0);
        // Each chart shows one of its drawings (the explorer's have one for a desktop and one for a phone).
        const charts = page.locator('[data-testid="chart"]:has(svg)');
        for (let i = 0; i < Math.min(await charts.count(), 3); i += 1) {
          expect(await charts.nth(i).locator('svg:visible').count(), `chart ${String(i + 1)} printed`).toBeGreaterThan(0);
        }
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
