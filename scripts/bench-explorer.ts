/**
 * Benchmark of the explorer in Chromium (the built site in dist/, served locally as a
 * static host serves it: tools/static-server.ts, with the headers of public/_headers,
 * ETags and gzip):
 *
 * - **First visit, emulated phone on an ordinary link**: a fresh browser profile, the
 *   network emulated at 10 Mbit/s down, 5 Mbit/s up, 40 ms round trip, and the CPU slowed
 *   4x (Chrome DevTools Protocol). The page loads; right after its `load` event the reader
 *   picks another metric (`--metric`, default the one with the largest slice). `--first`
 *   visits (default 3), each in a fresh profile; the median one is reported. Measured:
 *   from that change to the three views and the table redrawn and the next frame painted;
 *   the bytes that came over the network before that (every response that ended by then,
 *   headers included: `transferSize` of the navigation and resource timing entries); and
 *   the total blocking time from the change until the page has been quiet for 2 s (the sum
 *   over long tasks of their time beyond 50 ms, as Lighthouse defines it, here read from
 *   the browser's own long-task entries under the same 4x CPU throttling, not Lighthouse's
 *   simulation).
 * - **Warm**: the same profile again (the site's files in the browser's cache), unthrottled:
 *   from the reader's intent (a focus) to the first view drawn (`explorer:first-view`),
 *   median over `--warm` visits.
 * - **Redraws**: about `--changes` changes of different kinds (categories kept, level,
 *   period, table, breakdown, metric), each timed from the change event to the next frame
 *   after every view and the table were redrawn; median and 95th percentile, with
 *   `--think` ms (default 100) between changes.
 *
 * Budgets (issue 17): first visit change → answer ≤ 1,000 ms, ≤ 500 KB before it, total
 * blocking time ≤ 300 ms; warm intent → first answer ≤ 300 ms; redraw median ≤ 30 ms,
 * p95 ≤ 60 ms. Prints one JSON line; exit code 0 also when a budget is missed (`ok` says
 * so), 1 when the benchmark itself could not run. Usage:
 * `node scripts/bench-explorer.ts [--dist DIR] [--first N] [--warm N] [--changes N] [--think MS] [--metric ID]`.
 */
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Page } from 'playwright-core';
import { CHROMIUM_PATH, launchBrowser, type LaunchedBrowser } from '../tools/browser.ts';
import { startStaticServer, type StaticServer } from '../tools/static-server.ts';
import { EXPLORER_BUDGET } from './bench/explorer-budget.ts';

/** The emulated first visit: 10 Mbit/s down, 5 up, 40 ms round trip, CPU 4x slower. */
const FIRST_VISIT = { downloadBitsPerSecond: 10e6, uploadBitsPerSecond: 5e6, latencyMs: 40, cpuSlowdown: 4 } as const;

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

/** Record long tasks from the start of every page (read by the first-visit measure). */
async function recordLongTasks(page: Page): Promise<void> {
  await page.addInitScript(() => {
    const tasks: { start: number; duration: number }[] = [];
    (window as unknown as { __longTasks: typeof tasks }).__longTasks = tasks;
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) tasks.push({ start: entry.startTime, duration: entry.duration });
    }).observe({ type: 'longtask', buffered: true });
  });
}

/** The first visit on an emulated phone and link; see the header. */
async function firstVisit(
  server: StaticServer,
  metric: string,
): Promise<{ ms: number; bytes: number; blockingMs: number; requests: string[]; phases: Record<string, number>; longTasks: number[] }> {
  const browser = await launchBrowser({ viewport: { width: 390, height: 844 } });
  try {
    const page = await browser.context.newPage();
    const cdp = await browser.context.newCDPSession(page);
    await cdp.send('Network.enable');
    await cdp.send('Network.emulateNetworkConditions', {
      offline: false,
      latency: FIRST_VISIT.latencyMs,
      downloadThroughput: FIRST_VISIT.downloadBitsPerSecond / 8,
      uploadThroughput: FIRST_VISIT.uploadBitsPerSecond / 8,
    });
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: FIRST_VISIT.cpuSlowdown });
    await recordLongTasks(page);
    await page.goto(server.url('/en/explore/'), { waitUntil: 'load' });
    const { ms, start, end } = await page.evaluate(async (id) => {
      const root = document.querySelector<HTMLElement>('[data-explorer]');
      const select = document.querySelector<HTMLSelectElement>('select[name="m"]');
      if (root === null || select === null) throw new Error('no explorer on the page');
      if (![...select.options].some((o) => o.value === id)) throw new Error(`no metric ${id} in the explorer`);
      const t0 = performance.now();
      select.value = id;
      select.dispatchEvent(new Event('change', { bubbles: true }));
      const deadline = t0 + 60_000;
      while (Number(root.dataset.drawn ?? '0') < 1) {
        if (performance.now() > deadline) throw new Error('no answer within 60 s');
        await new Promise((r) => setTimeout(r, 5));
      }
      await new Promise((r) => requestAnimationFrame(() => r(null)));
      const t1 = performance.now();
      return { ms: t1 - t0, start: t0, end: t1 };
    }, metric);
    // Quiet for 2 s: no long task in the last 2 s (checked every 0.5 s, 20 s at most).
    for (let i = 0; i < 40; i += 1) {
      await page.waitForTimeout(500);
      const last = await page.evaluate(() => {
        const tasks = (window as unknown as { __longTasks: { start: number; duration: number }[] }).__longTasks;
        const latest = tasks.reduce((m, t) => Math.max(m, t.start + t.duration), 0);
        return performance.now() - latest;
      });
      if (last >= 2000) break;
    }
    const { bytes, blockingMs, requests, phases, longTasks } = await page.evaluate(
      ([t0, t1]) => {
        const entries = [...performance.getEntriesByType('navigation'), ...performance.getEntriesByType('resource')] as PerformanceResourceTiming[];
        const before = entries.filter((e) => e.responseEnd > 0 && e.responseEnd <= t1);
        const tasks = (window as unknown as { __longTasks: { start: number; duration: number }[] }).__longTasks.filter((t) => t.start + t.duration >= t0);
        // Where the time went, from the change (ms): the explorer's marks and measures, and the files fetched.
        const phases: Record<string, number> = {};
        // The first of each (a slice fetched ahead later marks again).
        const first = (name: string, at: number) => {
          if (!(name in phases)) phases[name] = Math.round(at - t0);
        };
        for (const mark of performance.getEntriesByType('mark')) if (mark.name.startsWith('explorer:')) first(mark.name.replace('explorer:', ''), mark.startTime);
        for (const measure of performance.getEntriesByType('measure')) {
          if (measure.name.startsWith('explorer:')) first(`${measure.name.replace('explorer:', '')} ends`, measure.startTime + measure.duration);
        }
        for (const e of entries) if (e.responseEnd >= t0 && e.responseEnd <= t1) phases[`fetched ${new URL(e.name).pathname.split('/').pop() ?? ''}`] = Math.round(e.responseEnd - t0);
        return {
          bytes: before.reduce((n, e) => n + e.transferSize, 0),
          blockingMs: tasks.reduce((n, t) => n + Math.max(0, t.duration - 50), 0),
          requests: before.map((e) => `${new URL(e.name).pathname} ${String(e.transferSize)}`),
          phases,
          longTasks: tasks.map((t) => Math.round(t.duration)),
        };
      },
      [start, end] as const,
    );
    await page.close();
    return { ms, bytes, blockingMs, requests, phases, longTasks };
  } finally {
    await browser.close();
  }
}

/** Open the explorer, show intent, and return intent → first view drawn (ms). */
async function warmAnswer(browser: LaunchedBrowser, server: StaticServer): Promise<{ page: Page; ms: number }> {
  const page = await browser.context.newPage();
  await page.goto(server.url('/en/explore/'), { waitUntil: 'load' });
  await page.waitForLoadState('networkidle');
  await page.locator('select[name="m"]').focus();
  await page.waitForSelector('[data-explorer][data-phase="ready"]', { timeout: 60_000 });
  const ms = await page.evaluate(() => performance.getEntriesByName('explorer:first-view')[0]?.duration ?? NaN);
  return { page, ms };
}

/** About `count` changes of different kinds, each timed from the change to the next frame after the redraw. */
async function redraws(page: Page, count: number, thinkMs: number): Promise<{ kind: string; ms: number }[]> {
  return page.evaluate(async ([n, think]) => {
    const root = document.querySelector<HTMLElement>('[data-explorer]');
    const form = document.querySelector<HTMLFormElement>('[data-controls]');
    if (root === null || form === null) throw new Error('no explorer on the page');
    const select = (name: string) => form.querySelector<HTMLSelectElement>(`select[name="${name}"]`);
    // Redraws on screen (the address is written after the frame; see src/explorer/app.ts).
    const drawn = () => Number(root.dataset.drawn ?? '0');
    const change = async (element: HTMLElement, apply: () => void): Promise<{ kind: string; ms: number }> => {
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
      const name = element.getAttribute('name') ?? '';
      return { kind: `${name}=${element instanceof HTMLInputElement ? element.value : (element as HTMLSelectElement).value}`, ms: performance.now() - start };
    };
    const steps: (() => Promise<{ kind: string; ms: number }> | null)[] = [
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
    const times: { kind: string; ms: number }[] = [];
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
  const think = option('think', 100, 0);
  const metric = optionText('metric', 'member_rate');
  const firstRuns = option('first', 3);
  const server = await startStaticServer({ root: dist, idleTimeoutMs: Infinity });
  try {
    // Each first visit in a fresh profile; the median visit (by answer time) is reported.
    const visits = [];
    for (let i = 0; i < firstRuns; i += 1) visits.push(await firstVisit(server, metric));
    visits.sort((a, b) => a.ms - b.ms);
    const first = visits[Math.floor((visits.length - 1) / 2)]!;
    const browser = await launchBrowser();
    try {
      // The reader's first (unthrottled) visit fills the cache.
      const cold = await warmAnswer(browser, server);
      await redraws(cold.page, 12, think);
      await cold.page.close();
      const warm: number[] = [];
      for (let i = 0; i < warmRuns; i += 1) {
        const run = await warmAnswer(browser, server);
        warm.push(run.ms);
        await run.page.close();
      }
      const { page } = await warmAnswer(browser, server);
      const timed = await redraws(page, changes, think);
      const times = timed.map((t) => t.ms);
      const slowest = [...timed].sort((a, b) => b.ms - a.ms).slice(0, 5).map((t) => `${t.kind} ${String(round(t.ms))}`);
      const parts = await page.evaluate(() =>
        Object.fromEntries(
          ['explorer:queries', 'explorer:draw', 'explorer:update'].map((name) => {
            const d = performance.getEntriesByName(name).map((e) => e.duration).sort((a, b) => a - b);
            return [name.replace('explorer:', ''), Math.round((d[Math.floor((d.length - 1) / 2)] ?? NaN) * 10) / 10];
          }),
        ),
      );
      await page.close();
      const result = {
        bench: 'explorer',
        first_visit: { ...FIRST_VISIT, metric },
        first_visit_answer_ms: round(first.ms),
        first_visit_runs: visits.map((v) => ({ answer_ms: round(v.ms), bytes: v.bytes, blocking_ms: round(v.blockingMs) })),
        first_visit_bytes: first.bytes,
        first_visit_blocking_ms: round(first.blockingMs),
        first_visit_requests: first.requests,
        first_visit_phases_ms: first.phases,
        first_visit_long_tasks_ms: first.longTasks,
        first_answer_cold_ms: round(cold.ms),
        first_answer_warm_ms: round(quantile(warm, 0.5)),
        first_answer_warm_runs_ms: warm.map(round),
        redraw_think_ms: think,
        redraw_n: times.length,
        redraw_median_ms: round(quantile(times, 0.5)),
        redraw_p95_ms: round(quantile(times, 0.95)),
        redraw_max_ms: round(Math.max(...times)),
        redraw_slowest_ms: slowest,
        redraw_median_parts_ms: parts,
        budget: EXPLORER_BUDGET,
        ok:
          first.ms <= EXPLORER_BUDGET.firstVisitAnswerMs &&
          first.bytes <= EXPLORER_BUDGET.firstVisitBytes &&
          first.blockingMs <= EXPLORER_BUDGET.firstVisitBlockingMs &&
          quantile(warm, 0.5) <= EXPLORER_BUDGET.warmFirstAnswerMs &&
          quantile(times, 0.5) <= EXPLORER_BUDGET.redrawMedianMs &&
          quantile(times, 0.95) <= EXPLORER_BUDGET.redrawP95Ms,
      };
      process.stdout.write(`${JSON.stringify(result)}\n`);
    } finally {
      await browser.close();
    }
  } finally {
    await server.close();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`bench-explorer: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
