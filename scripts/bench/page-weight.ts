/**
 * Page weight, in Chromium, of a built site served as a CDN would serve it
 * (tools/static-server.ts: gzip, cache headers): for each page, on a cold cache, the bytes
 * transferred (headers and compressed bodies, as the browser's resource timing counts them)
 * before the first chart is on screen and in total once the network is idle, and the
 * number of requests.
 *
 * "First chart on screen": the first chart's SVG has a size in the laid-out page, checked
 * on every animation frame from the start of the navigation. Charts are drawn at build
 * time into the HTML, so this is normally the first paint.
 *
 * Usage: `node scripts/bench/page-weight.ts [--dist DIR]`; prints one JSON line.
 */
import { existsSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { launchBrowser } from '../../tools/browser.ts';
import { startStaticServer } from '../../tools/static-server.ts';

/** The weight of one page. */
export interface PageWeight {
  readonly page: string;
  readonly path: string;
  readonly bytes_before_first_chart: number | null;
  readonly first_chart_ms: number | null;
  readonly bytes_total: number;
  readonly requests: number;
  readonly wasm_requests: number;
}

/** The pages measured: the home page, a campaign, a province, an embed view, the explorer (before intent). */
export function weightPages(dist: string): { page: string; path: string }[] {
  const first = (dir: string, pick: (names: string[]) => string | undefined = (n) => n.sort()[0]) => {
    const path = join(dist, dir);
    if (!existsSync(path)) return undefined;
    return pick(readdirSync(path, { withFileTypes: true }).filter((d) => d.isDirectory()).map((d) => d.name));
  };
  const pages: { page: string; path: string }[] = [{ page: 'home', path: '/' }];
  const campaign = first('campaigns');
  if (campaign !== undefined) pages.push({ page: 'campaign', path: `/campaigns/${campaign}/` });
  const region = first('regions', (names) => names.filter((n) => /^\d{2}0000$/.test(n)).sort()[0]);
  if (region !== undefined) pages.push({ page: 'region', path: `/regions/${region}/` });
  const embed = first('embed');
  if (embed !== undefined) pages.push({ page: 'embed', path: `/embed/${embed}/` });
  pages.push({ page: 'explore', path: '/explore/' });
  return pages;
}

/** Measure every page of {@link weightPages} in `dist`. */
export async function measurePageWeight(dist: string): Promise<PageWeight[]> {
  const host = await startStaticServer({ root: dist, idleTimeoutMs: Infinity });
  const browser = await launchBrowser();
  const out: PageWeight[] = [];
  try {
    await browser.context.addInitScript(() => {
      const state = window as unknown as { __firstChart?: number };
      const look = () => {
        const svg = document.querySelector('[data-testid="chart"] svg, [data-testid="campaign-card"] svg, svg.chart-svg');
        const box = svg?.getBoundingClientRect();
        if (box !== undefined && box.width > 0 && box.height > 0) state.__firstChart = performance.now();
        else requestAnimationFrame(look);
      };
      requestAnimationFrame(look);
    });
    for (const { page: name, path } of weightPages(dist)) {
      const page = await browser.context.newPage();
      const cdp = await browser.context.newCDPSession(page);
      await cdp.send('Network.enable');
      await cdp.send('Network.clearBrowserCache');
      await page.goto(host.url(path), { waitUntil: 'load' });
      await page.waitForLoadState('networkidle');
      const result = await page.evaluate(() => {
        const nav = performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming;
        const resources = performance.getEntriesByType('resource') as PerformanceResourceTiming[];
        const chart = (window as unknown as { __firstChart?: number }).__firstChart ?? null;
        const all = [nav, ...resources];
        return {
          first_chart_ms: chart === null ? null : Math.round(chart),
          bytes_before_first_chart: chart === null ? null : all.filter((e) => e.responseEnd <= chart).reduce((n, e) => n + e.transferSize, 0),
          bytes_total: all.reduce((n, e) => n + e.transferSize, 0),
          requests: all.length,
          wasm_requests: resources.filter((e) => e.name.endsWith('.wasm')).length,
        };
      });
      out.push({ page: name, path, ...result });
      await page.close();
    }
  } finally {
    await browser.close();
    await host.close();
  }
  return out;
}

if (import.meta.url === `file://${process.argv[1] ?? ''}`) {
  const { values } = parseArgs({ options: { dist: { type: 'string', default: 'dist' } } });
  measurePageWeight(resolve(values.dist))
    .then((pages) => process.stdout.write(`${JSON.stringify({ bench: 'page-weight', pages })}\n`))
    .catch((error: unknown) => {
      process.stderr.write(`page-weight: ${error instanceof Error ? error.message : String(error)}\n`);
      process.exit(1);
    });
}
