/**
 * Charts for briefings (issue 7), in Chromium against the built site (dist/, or SITE_DIST),
 * served with the framing headers of its _headers file:
 * - an embed view framed by a page of another origin (a second server on another port)
 *   with the snippet of its oEmbed file renders, and /embed.js keeps the iframe as tall as
 *   the chart when the host page's width changes; an ordinary page framed by that origin
 *   is refused;
 * - the share control downloads the SVG (standalone, with the Chinese or English title,
 *   the vintage and the synthetic-data note) and the PNG at 2x and 3x (checked against
 *   the SVG's size), in both languages;
 * - a campaign briefing pack and the region pack with the tallest chart print to PDF on A4: the page count is within
 *   bounds, and no chart can be cut by a page break: each is kept whole
 *   (`break-inside: avoid`), is shorter than a page's content box and fits its width, so
 *   Chromium's pagination moves it to the next page rather than splitting it.
 * No request may go to another host.
 */
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Download } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkBrowser, launchBrowser, type LaunchedBrowser } from '../../tools/browser.ts';
import { startStaticServer, type StaticServer } from '../../tools/static-server.ts';

const DIST = process.env.SITE_DIST ?? join(process.cwd(), 'dist');
const built = existsSync(join(DIST, 'index.html')) && existsSync(join(DIST, 'embed.js')) && existsSync(join(DIST, 'embed'));
const browser = checkBrowser();
const summary = built
  ? (JSON.parse(readFileSync(join(DIST, 'data', 'summary.json'), 'utf8')) as { vintage: string; synthetic: boolean })
  : { vintage: '', synthetic: false };

/** A4 with the print stylesheet's margins (16 mm sides, 18 mm top, 20 mm bottom), in CSS px. */
const PAGE_WIDTH_PX = ((210 - 32) / 25.4) * 96;
const PAGE_HEIGHT_PX = ((297 - 38) / 25.4) * 96;

/** The first embeddable chart whose id ends with `suffix`, and the page it belongs to. */
function chartOf(suffix: string): { id: string; page: string } {
  const id = readdirSync(join(DIST, 'embed')).sort().find((name) => name.endsWith(suffix));
  if (id === undefined) throw new Error(`no embed view of a ${suffix} chart in ${DIST}`);
  const html = readFileSync(join(DIST, 'embed', id, 'index.html'), 'utf8');
  const canonical = /<link rel="canonical" href="([^"]+)"/.exec(html)?.[1] ?? '';
  return { id, page: new URL(canonical, 'http://x').pathname };
}

/** The region whose briefing pack has the tallest chart (most regions compared): the hardest to paginate. */
function tallestRegionPack(): string {
  const root = join(DIST, 'en', 'briefing', 'regions');
  let best = { code: '', height: 0 };
  for (const code of readdirSync(root)) {
    const html = readFileSync(join(root, code, 'index.html'), 'utf8');
    for (const m of html.matchAll(/viewBox="0 0 ([\d.]+) ([\d.]+)"/g)) {
      const height = Number(m[2]) / Number(m[1]);
      if (height > best.height) best = { code, height };
    }
  }
  return best.code;
}

/** The width and height in a PNG's IHDR chunk. */
function pngSize(bytes: Buffer): { width: number; height: number } {
  expect(bytes.subarray(1, 4).toString('latin1')).toBe('PNG');
  return { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) };
}

/** The number of pages of a PDF written by Chromium (one `/Type /Page` object each). */
function pdfPages(bytes: Buffer): number {
  return (bytes.toString('latin1').match(/\/Type\s*\/Page(?![s\w])/g) ?? []).length;
}

/** Where to keep the downloads and PDFs for a look (EXPORTS_OUT=/tmp/exports), or nowhere. */
const OUT = process.env.EXPORTS_OUT;

async function readDownload(download: Download): Promise<Buffer> {
  if (OUT !== undefined) await download.saveAs(join(OUT, download.suggestedFilename()));
  return readFileSync(await download.path());
}

describe.skipIf(!browser.available || !built)('charts for briefings in Chromium', () => {
  let site: StaticServer;
  let host: StaticServer;
  let hostDir = '';
  let chromium: LaunchedBrowser;
  const foreign: string[] = [];

  beforeAll(async () => {
    site = await startStaticServer({ root: DIST, idleTimeoutMs: 300_000 });
    // The host: a page of another origin (another port) with the chart's oEmbed snippet, made
    // absolute as a build with SITE_URL writes it, and an ordinary page of the site in a frame.
    const progress = chartOf('-progress');
    const oembed = JSON.parse(readFileSync(join(DIST, 'oembed', `${progress.id}.json`), 'utf8')) as { html: string; type: string };
    expect(oembed.type).toBe('rich');
    const snippet = oembed.html.replace(/(src=")\//g, `$1${site.origin}/`);
    hostDir = mkdtempSync(join(tmpdir(), 'uct-host-'));
    writeFileSync(
      join(hostDir, 'index.html'),
      `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Host</title></head><body>` +
        `<h1>A briefing page elsewhere</h1><div id="slot">${snippet}</div>` +
        `<iframe id="page" src="${site.origin}${progress.page}" title="page" width="400" height="200"></iframe></body></html>`,
    );
    host = await startStaticServer({ root: hostDir, idleTimeoutMs: 300_000 });
    chromium = await launchBrowser({ viewport: { width: 1000, height: 800 } });
    await chromium.context.route('**/*', (route) => {
      const url = new URL(route.request().url());
      if (url.hostname === '127.0.0.1' || url.protocol === 'data:' || url.protocol === 'blob:') return route.continue();
      foreign.push(url.href);
      return route.abort('blockedbyclient');
    });
  });

  afterAll(async () => {
    expect(foreign).toEqual([]);
    await chromium?.close();
    await host?.close();
    await site?.close();
    if (hostDir !== '') rmSync(hostDir, { recursive: true, force: true });
  });

  it('embeds a chart in a page of another origin, which keeps the frame as tall as the chart', async () => {
    expect(host.origin).not.toBe(site.origin);
    const page = await chromium.context.newPage();
    try {
      await page.goto(host.url('/'), { waitUntil: 'load' });
      const frame = page.frameLocator('#slot iframe');
      await expect(frame.locator('svg.chart-svg').first().isVisible()).resolves.toBe(true);
      expect(await frame.locator('h1').innerText()).not.toBe('');
      // The resize script has set the height the chart reported.
      await page.waitForFunction(() => document.querySelector('#slot iframe')?.hasAttribute('data-uct-height'));
      const fits = async () =>
        page.evaluate(() => {
          const el = document.querySelector<HTMLIFrameElement>('#slot iframe')!;
          return { frame: el.getBoundingClientRect().height, reported: Number(el.dataset.uctHeight) };
        });
      const wide = await fits();
      expect(Math.abs(wide.frame - wide.reported)).toBeLessThanOrEqual(1);
      const docHeight = await frame.locator('html').evaluate((html) => Math.ceil(html.getBoundingClientRect().height));
      expect(Math.abs(docHeight - wide.frame)).toBeLessThanOrEqual(2);
      // Narrower host: the chart reflows, and the frame follows.
      await page.setViewportSize({ width: 360, height: 800 });
      await page.waitForFunction((before) => {
        const el = document.querySelector<HTMLIFrameElement>('#slot iframe')!;
        return Number(el.dataset.uctHeight) !== before;
      }, wide.reported);
      const narrow = await fits();
      expect(narrow.reported).not.toBe(wide.reported);
      expect(Math.abs(narrow.frame - narrow.reported)).toBeLessThanOrEqual(1);
      const narrowDoc = await frame.locator('html').evaluate((html) => Math.ceil(html.getBoundingClientRect().height));
      expect(Math.abs(narrowDoc - narrow.frame)).toBeLessThanOrEqual(2);
      // An ordinary page of the site may not be framed by another origin: Chromium shows its error page instead.
      const framed = await (await page.locator('#page').elementHandle())?.contentFrame();
      expect(framed?.url() ?? '').toMatch(/^chrome-error:/);
      const headers = (await page.request.get(site.url(chartOf('-progress').page))).headers();
      expect(headers['x-frame-options']).toBe('SAMEORIGIN');
      const embedHeaders = (await page.request.get(site.url(`/embed/${chartOf('-progress').id}/`))).headers();
      expect(embedHeaders['content-security-policy']).toMatch(/; frame-ancestors \*$/);
      expect(embedHeaders['x-frame-options']).toBeUndefined();
    } finally {
      await page.close();
    }
  });

  describe.for([
    { locale: 'zh-CN', prefix: '', vintageText: (iso: string) => `${Number(iso.slice(0, 4))}年${Number(iso.slice(5, 7))}月${Number(iso.slice(8, 10))}日`, note: '合成演示数据' },
    { locale: 'en', prefix: '/en', vintageText: (iso: string) => new Date(`${iso}T00:00:00Z`).toLocaleDateString('en-GB', { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' }), note: 'Synthetic demo data' },
  ])('share / download ($locale)', ({ locale, prefix, vintageText, note }) => {
    it('copies the embed code in one click, and downloads the SVG and the PNG at 2x and 3x', async () => {
      const chart = chartOf('-progress');
      const page = await chromium.context.newPage();
      try {
        await page.goto(site.url(`${prefix}${chart.page}`), { waitUntil: 'load' });
        const share = page.locator(`[data-testid="chart-share"][data-name^="${chart.id}."]`);
        const figure = page.locator('[data-testid="chart"]', { has: share });
        // The caption's text, without the line saying whether the figures are real or synthetic demo data.
        const title = (await figure.locator('figcaption').evaluate((caption) => [...caption.childNodes].filter((n) => n.nodeType === Node.TEXT_NODE).map((n) => n.textContent).join(''))).trim();
        if (locale === 'zh-CN') expect(title).toMatch(/[\u4e00-\u9fff]/);
        // Keyboard: the control is a <details> whose summary opens with Enter.
        await share.locator('summary').focus();
        await page.keyboard.press('Enter');
        expect(await share.evaluate((details) => (details as HTMLDetailsElement).open)).toBe(true);
        expect(await share.locator('[data-embed-code]').inputValue()).toContain(`${site.origin}${prefix}/embed/${chart.id}/`);
        // One click copies the (absolute) embed code, and says so.
        await chromium.context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: site.origin });
        await share.getByTestId('share-copy-embed').click();
        await expect.poll(() => share.locator('[data-share-status]').innerText()).toBe(locale === 'en' ? 'Copied.' : '已复制。');
        expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(await share.locator('[data-embed-code]').inputValue());

        const [svgDownload] = await Promise.all([page.waitForEvent('download'), share.getByTestId('share-svg').click()]);
        expect(svgDownload.suggestedFilename()).toBe(`${chart.id}.${summary.vintage}.${locale}.svg`);
        const svg = (await readDownload(svgDownload)).toString('utf8');
        expect(svg.startsWith('<svg xmlns="http://www.w3.org/2000/svg"')).toBe(true);
        expect(svg).toContain(title.replace(/&/g, '&amp;'));
        expect(svg).toContain(vintageText(summary.vintage));
        expect(svg).toContain(chart.page);
        if (summary.synthetic) expect(svg).toContain(note);
        expect(svg).not.toMatch(/https?:\/\/(?!www\.w3\.org\/2000\/svg)/);
        const width = Number(/^<svg[^>]* width="(\d+)"/.exec(svg)?.[1]);
        const height = Number(/^<svg[^>]* height="(\d+)"/.exec(svg)?.[1]);

        for (const scale of [2, 3]) {
          const [download] = await Promise.all([page.waitForEvent('download'), share.getByTestId(`share-png-${scale}`).click()]);
          expect(download.suggestedFilename()).toBe(`${chart.id}.${summary.vintage}.${locale}@${scale}x.png`);
          const png = await readDownload(download);
          expect(pngSize(png)).toEqual({ width: width * scale, height: height * scale });
          expect(png.length).toBeGreaterThan(20_000);
        }
        await expect(share.locator('[data-share-status]').innerText()).resolves.toContain('@3x.png');

        const [csv] = await Promise.all([page.waitForEvent('download'), share.getByTestId('share-csv').click()]);
        expect((await readDownload(csv)).toString('utf8').startsWith('\uFEFF')).toBe(true);
      } finally {
        await page.close();
      }
    });
  });

  it('links every chart of a page to files that exist: embed view, oEmbed, SVG and CSV', async () => {
    const region = chartOf('-trends').page;
    for (const path of [region, `/en${region}`]) {
      const html = readFileSync(join(DIST, path, 'index.html'), 'utf8');
      const links = [...html.matchAll(/href="(\/(?:en\/)?(?:embed|images|oembed)\/[^"#]+)"/g)].map((m) => m[1] ?? '');
      expect(links.filter((l) => l.endsWith('.svg')).length).toBeGreaterThanOrEqual(2);
      for (const link of links) {
        const file = link.endsWith('/') ? join(DIST, link, 'index.html') : join(DIST, link);
        expect(existsSync(file), link).toBe(true);
      }
      expect(html).toContain('type="application/json+oembed"');
    }
  });

  describe.for([
    { kind: 'campaign', path: () => `/briefing/campaigns/${readdirSync(join(DIST, 'briefing', 'campaigns')).sort()[0]}/` },
    { kind: 'region', path: () => `/en/briefing/regions/${tallestRegionPack()}/` },
  ])('briefing pack ($kind)', ({ path }) => {
    it('prints to A4 PDF without cutting a chart', async () => {
      const page = await chromium.context.newPage();
      try {
        await page.goto(site.url(path()), { waitUntil: 'load' });
        await page.emulateMedia({ media: 'print' });
        await page.setViewportSize({ width: Math.floor(PAGE_WIDTH_PX), height: Math.floor(PAGE_HEIGHT_PX) });
        const layout = await page.evaluate(() => ({
          height: document.documentElement.scrollHeight,
          overflow: document.documentElement.scrollWidth - document.documentElement.clientWidth,
          charts: [...document.querySelectorAll<HTMLElement>('[data-testid="chart"]')].map((chart) => {
            const box = chart.getBoundingClientRect();
            return { id: chart.id, width: box.width, height: box.height, avoid: getComputedStyle(chart).breakInside };
          }),
        }));
        expect(layout.charts.length).toBeGreaterThan(0);
        expect(layout.overflow, 'wider than the A4 content box').toBeLessThanOrEqual(0);
        for (const chart of layout.charts) {
          expect(chart.avoid, `${chart.id}: break-inside`).toBe('avoid');
          expect(chart.height, `${chart.id}: taller than a page`).toBeLessThan(PAGE_HEIGHT_PX);
          expect(chart.width, `${chart.id}: wider than a page`).toBeLessThanOrEqual(PAGE_WIDTH_PX + 0.5);
        }
        const pdf = await page.pdf({ preferCSSPageSize: true, printBackground: true });
        expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
        const pages = pdfPages(pdf);
        if (OUT !== undefined) writeFileSync(join(OUT, `${path().replace(/\W+/g, '-')}.pdf`), pdf);
        // At least the content's height in pages; at most one extra page per chart moved
        // whole to the next page, plus one.
        const least = Math.ceil(layout.height / PAGE_HEIGHT_PX);
        expect(pages).toBeGreaterThanOrEqual(Math.max(1, least - 1));
        expect(pages).toBeLessThanOrEqual(least + layout.charts.length + 1);
        // Nothing the pack needs is hidden in print: the synthetic note, every chart and the citations.
        if (summary.synthetic) expect(await page.getByTestId('synthetic-banner').isVisible()).toBe(true);
        expect(await page.locator('.chart-share').count()).toBe(0);
      } finally {
        await page.close();
      }
    });
  });
});
