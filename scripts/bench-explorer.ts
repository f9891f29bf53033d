/**
 * Benchmark of the explorer in Chromium (the built site in dist/, served locally):
 *
 * - intent → first interactive result, cold (fresh browser profile) and warm (the same
 *   profile again, with the worker, wasm and cube in the browser's cache): from the focus
 *   that starts the explorer to the first view drawn from DuckDB-WASM
 *   (`explorer:first-view`), and to all three views (`explorer:ready`). Each visit is a
 *   reader's: in the first (cold) one the reader waits for the whole cube and makes a
 *   dozen changes, and every visit stays `--dwell` ms (default 5000) before leaving. That
 *   matters for "warm": Chromium caches the wasm module's optimized code for the next visit
 *   a few seconds after compiling it, so the warm visits find what a returning reader's
 *   browser has. A browser whose earlier visits all closed the moment the first result
 *   showed has only the first seconds' code cached, and starts about 0.3 s slower;
 * - changed filter → redrawn chart, over about 50 changes of different kinds (categories
 *   kept, level, period, table, metric, breakdown): from the change event to the next
 *   animation frame after every view (the three charts and the table) was redrawn;
 *   median and 95th percentile. Between changes the reader "looks" for `--think` ms
 *   (default 300), the time in which the explorer runs the likely next views' queries in
 *   the background (src/lib/explorer/next-states.ts); `--think 0` measures a reader who
 *   never pauses.
 *
 * The site is served as a static host serves it (tools/static-server.ts: the headers
 * of public/_headers, ETags, gzip), so that "warm" means what a returning reader's
 * browser has.
 *
 * Budgets (issue #6): warm intent → first result ≤ 1.5 s; redraw median ≤ 50 ms, p95 ≤ 100 ms.
 * Prints one JSON line; exit code 0 also when a budget is missed (`ok` says so), 1 when
 * the benchmark itself could not run. Usage:
 * `node scripts/bench-explorer.ts [--dist DIR] [--warm N] [--changes N] [--think MS] [--dwell MS]`.
 */
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Page } from 'playwright-core';
import { CHROMIUM_PATH, launchBrowser, type LaunchedBrowser } from '../tools/browser.ts';
import { startStaticServer, type StaticServer } from '../tools/static-server.ts';

const BUDGET = { warmFirstResultMs: 1500, redrawMedianMs: 50, redrawP95Ms: 100 } as const;

function option(name: string, fallback: number, min = 1): number {
  const i = process.argv.indexOf(`--${name}`);
  const value = i >= 0 ? Number(process.argv[i + 1]) : NaN;
  return Number.isFinite(value) && value >= min ? value : fallback;
}

function optionText(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? (process.argv[i + 1] ?? fallback) : fallback;
}

function quantile(values: readonly number[], q: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  if (sorted.length === 0) return NaN;
  const pos = (sorted.length - 1) * q;
  const lo = Math.floor(pos);
  const hi = Math.ceil(pos);
  return (sorted[lo] ?? NaN) + ((sorted[hi] ?? NaN) - (sorted[lo] ?? NaN)) * (pos - lo);
}

const round = (n: number) => Math.round(n * 10) / 10;

/**
 * A pause between two visits, as between a reader's visits: the closed page's worker and
 * its DuckDB memory are gone before the next visit starts, so that a warm visit does not
 * share the CPU with the previous one's teardown.
 */
const settle = () => new Promise((resolve) => setTimeout(resolve, 2_000));

/** Open the explorer, show intent, and return the intent → first result time (ms). */
async function firstResult(browser: LaunchedBrowser, server: StaticServer): Promise<{ page: Page; ms: number; all: number; phases: Record<string, number> }> {
  const page = await browser.context.newPage();
  await page.goto(server.url('/explore/'), { waitUntil: 'load' });
  await page.waitForLoadState('networkidle');
  await page.locator('select[name="m"]').focus();
  await page.waitForSelector('[data-explorer][data-phase="ready"]', { timeout: 120_000 });
  const { ms, all, phases } = await page.evaluate(() => {
    const intent = performance.getEntriesByName('explorer:intent').at(-1)?.startTime ?? 0;
    const phases: Record<string, number> = {};
    for (const mark of performance.getEntriesByType('mark')) {
      if (mark.name.startsWith('explorer:') && mark.name !== 'explorer:intent') phases[mark.name.replace('explorer:', '')] = Math.round(mark.startTime - intent);
    }
    for (const measure of performance.getEntriesByType('measure').filter((m) => m.name !== 'explorer:ready').slice(0, 3)) {
      phases[`${measure.name.replace('explorer:', '')}@${String(Math.round(measure.startTime - intent))}`] = Math.round(measure.duration);
    }
    const resources = performance.getEntriesByType('resource') as PerformanceResourceTiming[];
    for (const r of resources.filter((e) => /app\.|plot|cube\.arrow/.test(e.name))) {
      phases[`fetch ${r.name.split('/').pop() ?? ''}`] = Math.round(r.responseEnd - intent);
    }
    return {
      ms: performance.getEntriesByName('explorer:first-view').at(-1)?.duration ?? NaN,
      all: performance.getEntriesByName('explorer:ready').at(-1)?.duration ?? NaN,
      phases,
    };
  });
  return { page, ms, all, phases };
}

/** About `count` changes of different kinds, each timed from the change to the next frame after the redraw. */
async function redraws(page: Page, count: number, thinkMs: number): Promise<number[]> {
  return page.evaluate(async ([n, think]) => {
    const root = document.querySelector<HTMLElement>('[data-explorer]');
    const form = document.querySelector<HTMLFormElement>('[data-controls]');
    if (root === null || form === null) throw new Error('no explorer on the page');
    const select = (name: string) => form.querySelector<HTMLSelectElement>(`select[name="${name}"]`);
    // Redraws on screen (the address is written after the frame; see src/explorer/app.ts).
    const drawn = () => Number(root.dataset.drawn ?? '0');
    const change = async (element: HTMLElement, apply: () => void): Promise<number> => {
      // The previous change settled (its address written), and the reader looked at it for a moment.
      while (root.dataset.busy !== 'false') await new Promise((resolve) => setTimeout(resolve, 0));
      await new Promise((resolve) => setTimeout(resolve, think));
      const before = drawn();
      const start = performance.now();
      apply();
      element.dispatchEvent(new Event('change', { bubbles: true }));
      const deadline = start + 10_000;
      while (drawn() === before) {
        if (performance.now() > deadline) throw new Error('no redraw within 10 s');
        await new Promise((resolve) => setTimeout(resolve, 0));
      }
      await new Promise((resolve) => requestAnimationFrame(() => resolve(null)));
      return performance.now() - start;
    };
    const steps: (() => Promise<number> | null)[] = [
      // Categories kept: tick and untick the boxes of the breakdown one by one.
      ...Array.from({ length: 6 }, (_, i) => () => {
        const box = form.querySelectorAll<HTMLInputElement>('input[name="only"]')[i];
        return box === undefined ? null : change(box, () => (box.checked = !box.checked));
      }),
      ...Array.from({ length: 6 }, (_, i) => () => {
        const box = form.querySelectorAll<HTMLInputElement>('input[name="only"]')[i];
        return box === undefined ? null : change(box, () => (box.checked = !box.checked));
      }),
      ...['province', 'county', 'prefecture'].map((level) => () => {
        const s = select('level');
        return s === null ? null : change(s, () => (s.value = level));
      }),
      ...[3, 8, 12, 19].map((i) => () => {
        const s = select('to');
        const value = s?.options[i]?.value;
        return s === null || value === undefined ? null : change(s, () => (s.value = value));
      }),
      ...['period', 'category', 'region'].map((view) => () => {
        const s = select('table');
        return s === null ? null : change(s, () => (s.value = view));
      }),
      ...['industry', 'size_band', 'ownership'].map((by) => () => {
        const s = select('by');
        return s === null || ![...s.options].some((o) => o.value === by) ? null : change(s, () => (s.value = by));
      }),
      ...['member_rate', 'migrant_enrollment_rate', 'coverage_all'].map((metric) => () => {
        const s = select('m');
        return s === null ? null : change(s, () => (s.value = metric));
      }),
    ];
    const times: number[] = [];
    for (let i = 0; times.length < n && i < n * 4; i += 1) {
      const step = steps[i % steps.length];
      const run = step?.();
      if (run !== null && run !== undefined) times.push(await run);
    }
    return times;
  }, [count, thinkMs] as const);
}

async function main(): Promise<void> {
  const dist = resolve(optionText('dist', join(process.cwd(), 'dist')));
  if (!existsSync(join(dist, 'explore', 'index.html'))) throw new Error(`${dist}/explore/ is missing: build the site first (npx astro build)`);
  if (!existsSync(CHROMIUM_PATH)) throw new Error(`Chromium not found at ${CHROMIUM_PATH}`);
  const warmRuns = option('warm', 9);
  const changes = option('changes', 50);
  const think = option('think', 300, 0);
  const dwell = option('dwell', 5000, 0);
  const server = await startStaticServer({ root: dist, idleTimeoutMs: Infinity });
  const browser = await launchBrowser();
  try {
    const cold = await firstResult(browser, server);
    // The reader's first session: the whole cube, a dozen changes, some reading.
    await cold.page.waitForSelector('[data-explorer][data-complete="true"]', { timeout: 120_000 });
    await redraws(cold.page, 12, think);
    await cold.page.waitForTimeout(dwell);
    await cold.page.close();
    await settle();
    const warm: number[] = [];
    const warmAll: number[] = [];
    let warmPhases: Record<string, number> = {};
    for (let i = 0; i < warmRuns; i += 1) {
      const run = await firstResult(browser, server);
      warm.push(run.ms);
      warmAll.push(run.all);
      warmPhases = run.phases;
      await run.page.waitForTimeout(dwell);
      await run.page.close();
      await settle();
    }
    const { page } = await firstResult(browser, server);
    // Steady state: the whole cube loaded (it loads behind the first view).
    await page.waitForSelector('[data-explorer][data-complete="true"]', { timeout: 120_000 });
    const times = await redraws(page, changes, think);
    const parts = await page.evaluate(() =>
      Object.fromEntries(
        ['explorer:queries', 'explorer:query:region', 'explorer:query:period', 'explorer:query:category', 'explorer:draw', 'explorer:update'].map((name) => {
          const d = performance.getEntriesByName(name).map((e) => e.duration).sort((a, b) => a - b);
          return [name.replace('explorer:', ''), Math.round((d[Math.floor((d.length - 1) / 2)] ?? NaN) * 10) / 10];
        }),
      ),
    );
    await page.close();
    const result = {
      bench: 'explorer',
      first_result_cold_ms: round(cold.ms),
      first_result_warm_ms: round(quantile(warm, 0.5)),
      first_result_warm_runs_ms: warm.map(round),
      dwell_ms: dwell,
      all_views_cold_ms: round(cold.all),
      all_views_warm_ms: round(quantile(warmAll, 0.5)),
      first_result_cold_phases_ms: cold.phases,
      first_result_warm_phases_ms: warmPhases,
      redraw_think_ms: think,
      redraw_n: times.length,
      redraw_median_ms: round(quantile(times, 0.5)),
      redraw_p95_ms: round(quantile(times, 0.95)),
      redraw_max_ms: round(Math.max(...times)),
      redraw_median_parts_ms: parts,
      budget: BUDGET,
      ok: quantile(warm, 0.5) <= BUDGET.warmFirstResultMs && quantile(times, 0.5) <= BUDGET.redrawMedianMs && quantile(times, 0.95) <= BUDGET.redrawP95Ms,
    };
    process.stdout.write(`${JSON.stringify(result)}\n`);
  } finally {
    await browser.close();
    await server.close();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`bench-explorer: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
