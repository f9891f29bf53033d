/**
 * Browser tests of the explorer (/explore/ and /en/explore/) in the built site (dist/),
 * in Chromium, under its Content Security Policy: the page's meta tag, and the headers of
 * public/_headers that the static server sends with every page and script response (so the
 * DuckDB-WASM worker runs under it too), with every request to another host refused and
 * recorded.
 *
 * In both languages: loads only on intent; changing filters and cross-filtering redraw the
 * views with exactly the numbers of the published cube (checked against the JavaScript
 * reference of src/lib/explorer/reference.ts); a copied link and the language switch
 * reopen the same view; the CSV download matches metrics.json (Parquet and Arrow hold the
 * same rows); a custom query runs and a writing one is refused in words; a suppressed cell
 * stays suppressed, alone and combined; a data file that does not load is said in words.
 * Every page: zero CSP violations, zero requests to other hosts, no console errors.
 */
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { tableFromIPC } from '@uwdata/flechette';
import type { Download, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildCatalog, loadCubeCells } from '../../src/site/explorer-build-data.ts';
import { loadMetricsFile } from '../../src/site/site-published.ts';
import type { PublishedCell } from '../../src/lib/contract/published.ts';
import { indexCatalog, message, type CatalogIndex } from '../../src/lib/explorer/catalog.ts';
import { BOM, parseCsv } from '../../src/lib/explorer/csv.ts';
import { downloadName, viewSubject } from '../../src/lib/explorer/files.ts';
import { referenceRows } from '../../src/lib/explorer/reference.ts';
import { ROW_COLUMNS } from '../../src/lib/explorer/rows.ts';
import { parseState, type ExplorerState } from '../../src/lib/explorer/state.ts';
import { viewTarget } from '../../src/lib/explorer/view-target.ts';
import { CHART_COLORS } from '../../src/explorer/charts.ts';
import { tableModel } from '../../src/lib/explorer/table.ts';
import { localePath, type Locale } from '../../src/lib/i18n.ts';
import { COMPILE_HINT } from '../../scripts/site/compile-hint-plugin.ts';
import { checkBrowser, launchBrowser, type LaunchedBrowser } from '../../tools/browser.ts';
import { startStaticServer, type StaticServer } from '../../tools/static-server.ts';
import { headersFor, parseHeaders, type HeaderRule } from '../../tools/static-headers.ts';

const DIST = join(process.cwd(), 'dist');
const built = existsSync(join(DIST, 'explore', 'index.html')) && existsSync(join(DIST, 'en', 'explore', 'index.html'));
const browser = checkBrowser();
const LOCALES: readonly Locale[] = ['zh-CN', 'en'];

const require = createRequire(import.meta.url);
const AXE_SOURCE = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

/** The rules of dist/_headers, read as the static hosts (and the test server) read them. */
function headerRules(): HeaderRule[] {
  const file = join(DIST, '_headers');
  return existsSync(file) ? parseHeaders(readFileSync(file, 'utf8')) : [];
}

/** The headers that apply to a path, with lower-case names (as HTTP compares them). */
function headersAt(path: string, rules: readonly HeaderRule[]): Record<string, string> {
  return Object.fromEntries(Object.entries(headersFor(rules, path)).map(([name, value]) => [name.toLowerCase(), value]));
}

/** An open explorer page and what happened on it. */
interface Session {
  readonly page: Page;
  /** Console errors, page errors, failed requests (each as text). */
  readonly errors: string[];
  /** URLs of requests to other hosts. */
  readonly foreign: string[];
  /** Every request's path, in order. */
  readonly requests: string[];
  /** CSP violations reported in the page, and CSP messages of the page or its workers. */
  violations(): Promise<string[]>;
}

describe.skipIf(!browser.available || !built)('explorer in Chromium, under its CSP', () => {
  let server: StaticServer;
  let chromium: LaunchedBrowser;
  const rules = headerRules();
  const indexes = new Map<Locale, CatalogIndex>();
  let cellsByMetric: Map<string, PublishedCell[]>;
  const cspMessages: string[] = [];

  beforeAll(async () => {
    server = await startStaticServer({ root: DIST, idleTimeoutMs: 600_000 });
    chromium = await launchBrowser();
    await chromium.context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: server.origin });
    for (const locale of LOCALES) indexes.set(locale, indexCatalog(buildCatalog(locale)));
    cellsByMetric = Map.groupBy(loadCubeCells(), (c) => c.metric);
    expect(rules.some((r) => Object.keys(r.headers).some((h) => h.toLowerCase() === 'content-security-policy')), 'dist/_headers has the CSP').toBe(true);
    // The server answers with those headers, as a static host does.
    for (const path of ['/explore/', '/en/explore/']) {
      const response = await fetch(server.url(path));
      expect(response.headers.get('content-security-policy'), path).toBe(headersAt(path, rules)['content-security-policy']);
    }
  }, 300_000);

  afterAll(async () => {
    await chromium?.close();
    await server?.close();
  });

  /** Open a page of the site with the CSP headers of _headers, recording everything. */
  async function open(path: string, setup?: (page: Page) => Promise<unknown>): Promise<Session> {
    const page = await chromium.context.newPage();
    const errors: string[] = [];
    const foreign: string[] = [];
    const requests: string[] = [];
    await page.addInitScript(() => {
      const found: string[] = [];
      (window as unknown as { __cspViolations: string[] }).__cspViolations = found;
      document.addEventListener('securitypolicyviolation', (e) => found.push(`${e.violatedDirective} ${e.blockedURI} ${e.sourceFile}:${String(e.lineNumber)}`));
    });
    const consoleMessage = (where: string) => (msg: { type(): string; text(): string }) => {
      if (/Content[- ]Security[- ]Policy|Refused to/i.test(msg.text())) cspMessages.push(`${where}: ${msg.text()}`);
      if (msg.type() === 'error') errors.push(`${where} console: ${msg.text()}`);
    };
    page.on('console', consoleMessage('page'));
    page.on('worker', (worker) => worker.on('console', consoleMessage(`worker ${worker.url()}`)));
    page.on('pageerror', (error) => errors.push(`pageerror: ${error.message}`));
    page.on('requestfailed', (request) => errors.push(`requestfailed: ${request.url()} ${request.failure()?.errorText ?? ''}`));
    page.on('response', (response) => {
      if (response.status() >= 400) errors.push(`HTTP ${String(response.status())}: ${response.url()}`);
    });
    await page.route('**/*', async (route) => {
      const url = new URL(route.request().url());
      if (url.protocol.startsWith('http') && url.hostname !== '127.0.0.1') {
        foreign.push(url.href);
        return route.abort('blockedbyclient');
      }
      requests.push(url.pathname);
      return route.fallback();
    });
    if (setup !== undefined) await setup(page);
    await page.goto(server.url(path), { waitUntil: 'load' });
    return {
      page,
      errors,
      foreign,
      requests,
      violations: async () => [...(await page.evaluate(() => (window as unknown as { __cspViolations: string[] }).__cspViolations)), ...cspMessages],
    };
  }

  /** Close a page after checking it stayed clean. */
  async function closeClean(session: Session, allowErrors: RegExp | null = null): Promise<void> {
    try {
      expect(await session.violations(), 'CSP violations').toEqual([]);
      expect(session.foreign, 'requests to other hosts').toEqual([]);
      const errors = allowErrors === null ? session.errors : session.errors.filter((e) => !allowErrors.test(e));
      expect(errors, 'errors').toEqual([]);
    } finally {
      await session.page.close();
    }
  }

  /** Number of times the explorer has drawn its views. */
  const renders = async (page: Page) => Number((await page.getAttribute('[data-explorer]', 'data-renders')) ?? '0');

  /** Wait until the explorer has drawn more than `before` times and is not busy. */
  async function redrawn(page: Page, before: number): Promise<void> {
    await page.waitForFunction(
      (n) => {
        const root = document.querySelector('[data-explorer]');
        return Number(root?.getAttribute('data-renders') ?? '0') > n && root?.getAttribute('data-busy') === 'false';
      },
      before,
      { timeout: 60_000 },
    );
  }

  /** Show intent (focus a control) and wait for the first drawing. */
  async function start(page: Page): Promise<void> {
    await page.locator('select[name="m"]').focus();
    await page.waitForSelector('[data-explorer][data-phase="ready"]', { timeout: 90_000 });
    await redrawn(page, 0);
  }

  /** The state in the page's URL. */
  function stateOf(page: Page, locale: Locale): ExplorerState {
    const { state, problems } = parseState(indexes.get(locale)!, new URL(page.url()).search);
    expect(problems).toEqual([]);
    return state;
  }

  /** The table as text, and as the reference says it must be. */
  async function expectTableMatchesReference(page: Page, locale: Locale): Promise<void> {
    const index = indexes.get(locale)!;
    const state = stateOf(page, locale);
    const rows = referenceRows(index, state, state.table, cellsByMetric.get(state.metric) ?? []) ?? [];
    const model = tableModel(index, state, state.table, rows);
    const actual = await page.$$eval('[data-table] tbody tr', (trs) => trs.map((tr) => [...tr.children].map((c) => (c.textContent ?? '').trim())));
    expect(actual).toEqual([...model.rows.map((r) => [r.label, ...r.cells]), ...(model.note === null ? [] : [[model.note]])]);
    expect((await page.locator('[data-table] caption').textContent())?.trim()).toBe(model.caption);
  }

  async function downloaded(page: Page, selector: string): Promise<{ download: Download; bytes: Buffer }> {
    const [download] = await Promise.all([page.waitForEvent('download'), page.click(selector)]);
    const path = await download.path();
    return { download, bytes: readFileSync(path) };
  }

  describe.for(LOCALES)('%s', (locale) => {
    const path = localePath(locale, '/explore/');

    it('shows the build-time view, fetches only its code and first slice ahead, and loads DuckDB-WASM only for the SQL panel', async () => {
      const session = await open(path);
      const { page } = session;
      await page.waitForLoadState('networkidle');
      expect(await page.getAttribute('[data-explorer]', 'data-phase')).toBeNull();
      // Ahead of intent, once the page is idle: the explorer's code, the default metric's slice and the
      // worker that loads the number formats (src/explorer/warm-intl.ts), nothing else.
      const metric = await page.getAttribute('[data-explorer]', 'data-metric');
      const heavy = (r: string) => /\.wasm|worker|cube\.arrow|\/data\/cube\/|\/app\.|\/engine\./.test(r);
      const ahead = session.requests.filter(heavy);
      expect(ahead.map((r) => r.replace(/[.-][\w-]{8}\.js$/, '.js')).sort()).toEqual(['/_astro/app.js', '/_astro/warm-intl.worker.js', `/data/cube/${metric ?? ''}.arrow.gz`]);
      // The explorer's code carries V8's eager-compilation hint as its first line (scripts/site/compile-hint-plugin.ts).
      const app = ahead.find((r) => r.startsWith('/_astro/app.'))!;
      expect(readFileSync(join(DIST, app), 'utf8').split('\n', 1)[0]).toBe(COMPILE_HINT);
      // The controls are enabled by the script (disabled in the HTML, for a reader without JavaScript).
      expect(await page.locator('fieldset[data-needs-script]').isDisabled()).toBe(false);
      expect(await page.locator('noscript').count()).toBe(1);
      expect(await page.locator('[data-view="region"] svg.chart-svg:visible').count()).toBe(1);
      expect(await page.locator('[data-view="period"] svg.chart-svg:visible').count()).toBe(1);
      expect(await page.locator('[data-view="category"] svg.chart-svg:visible').count()).toBe(1);
      // No inline script (only the catalog as JSON data) and no inline style anywhere.
      const inline = await page.$$eval('script:not([src])', (scripts) => scripts.map((s) => s.getAttribute('type')));
      expect(inline).toEqual(['application/json']);
      expect(await page.locator('[style], style').count()).toBe(0);
      // The table before loading is the one the browser computes from the cube.
      await expectTableMatchesReference(page, locale);
      const before = await page.$$eval('[data-table] tbody tr', (trs) => trs.map((tr) => tr.textContent));
      await start(page);
      expect(await page.$$eval('[data-table] tbody tr', (trs) => trs.map((tr) => tr.textContent))).toEqual(before);
      // The views never needed the engine.
      expect(session.requests.filter((r) => /\.wasm|duckdb|cube\.arrow|\/engine\./.test(r))).toEqual([]);
      // Coming to the SQL panel starts it: the module travels gzip-compressed, and the panel says how far it is.
      await page.locator('[data-sql-text]').focus();
      await page.waitForSelector('[data-explorer][data-engine="ready"]', { timeout: 90_000 });
      expect(session.requests.filter((r) => /\.wasm/.test(r))).toEqual([expect.stringMatching(/^\/_astro\/duckdb-eh\.wasm\.[\w-]+\.gz$/)]);
      const ready = message(indexes.get(locale)!.catalog, 'explorer.sql.engine_ready', { cells: '', seconds: '' }).split('{')[0]!.slice(0, 6);
      expect(await page.locator('[data-sql-status]').innerText()).toContain(ready);
      await closeClean(session);
    });

    it('starts on a scroll to the table, and on a first click, which is not lost', async () => {
      const scrolled = await open(path);
      await scrolled.page.waitForLoadState('networkidle');
      await scrolled.page.mouse.move(200, 400);
      await scrolled.page.mouse.wheel(0, 2500);
      await scrolled.page.waitForSelector('[data-explorer][data-phase="ready"]', { timeout: 90_000 });
      await closeClean(scrolled);

      const clicked = await open(path);
      await clicked.page.waitForLoadState('networkidle');
      expect(await clicked.page.getAttribute('[data-explorer]', 'data-phase')).toBeNull();
      const csv = await downloaded(clicked.page, '[data-action="download"][data-format="csv"]');
      expect(csv.download.suggestedFilename()).toMatch(/^explorer_coverage_all_regions_all_prefecture_([a-z_]+_)?\d{4}-\d{2}-\d{2}_\d{4}-\d{2}-\d{2}\.csv$/);
      expect(parseCsv(csv.bytes.toString('utf8')).length - 1).toBe(await clicked.page.locator('[data-table] tbody tr').count());
      await closeClean(clicked);
    });

    it('changes filters, cross-filters, and keeps the whole state in the URL', async () => {
      const session = await open(path);
      const { page } = session;
      const index = indexes.get(locale)!;
      await start(page);

      // Provinces, then one province by clicking its bar.
      let n = await renders(page);
      await page.selectOption('select[name="level"]', 'province');
      await redrawn(page, n);
      expect(stateOf(page, locale).level).toBe('province');
      await expectTableMatchesReference(page, locale);
      n = await renders(page);
      await page.locator('[data-view="region"] svg [data-key="130000"]').first().click();
      await redrawn(page, n);
      expect(stateOf(page, locale).selected).toBe('130000');
      expect(await page.locator('[data-view="period"] [data-title]').textContent()).toContain(index.regionName('130000'));
      expect(await page.locator('[data-view="category"] [data-title]').textContent()).toContain(index.regionName('130000'));

      // A category of the breakdown: tick it, then drop another by clicking its bar.
      n = await renders(page);
      await page.locator('input[name="only"][value="private"]').check();
      await redrawn(page, n);
      expect(stateOf(page, locale).categories).toEqual(['private']);
      await expectTableMatchesReference(page, locale);
      n = await renders(page);
      await page.locator('[data-view="category"] svg [data-key="foreign"]').first().click();
      await redrawn(page, n);
      expect(stateOf(page, locale).categories).toEqual(['private', 'foreign']);
      expect(await page.locator('input[name="only"][value="foreign"]').isChecked()).toBe(true);

      // The table by period, a click on a period point, industry as the breakdown.
      n = await renders(page);
      await page.selectOption('select[name="table"]', 'period');
      await redrawn(page, n);
      await expectTableMatchesReference(page, locale);
      const period = index.catalog.periods.at(-3) ?? '';
      n = await renders(page);
      await page.locator(`[data-view="period"] svg [data-key="${period}"]`).first().click();
      await redrawn(page, n);
      expect(stateOf(page, locale).to).toBe(period);
      n = await renders(page);
      await page.selectOption('select[name="by"]', 'industry');
      await redrawn(page, n);
      expect(stateOf(page, locale).dimension).toBe('industry');
      expect(stateOf(page, locale).categories).toEqual([]);
      n = await renders(page);
      await page.selectOption('select[name="table"]', 'category');
      await redrawn(page, n);
      await expectTableMatchesReference(page, locale);

      // A county-level view of one prefecture, and a metric with a target.
      n = await renders(page);
      await page.selectOption('select[name="in"]', '130100');
      await redrawn(page, n);
      expect(stateOf(page, locale).level).toBe('county');
      n = await renders(page);
      await page.selectOption('select[name="table"]', 'region');
      await redrawn(page, n);
      await expectTableMatchesReference(page, locale);
      const target = index.catalog.targets.find((t) => t.id === 'ningxia-2020-coverage-50plus') ?? index.catalog.targets[0]!;
      n = await renders(page);
      await page.selectOption('select[name="target"]', target.id);
      await redrawn(page, n);
      const withTarget = stateOf(page, locale);
      expect([withTarget.target, withTarget.metric, withTarget.scope]).toEqual([target.id, target.metric, target.scope]);
      await expectTableMatchesReference(page, locale);
      // Back in history is the view before.
      n = await renders(page);
      await page.goBack();
      await redrawn(page, n);
      expect(stateOf(page, locale).target).toBeNull();

      // The dynamic page stays accessible (axe-core; injected by the debugger, which CSP does not govern).
      await page.evaluate(AXE_SOURCE);
      const violations = await page.evaluate(async () => {
        const axe = (window as unknown as { axe: { run(ctx: Element, o: object): Promise<{ violations: { id: string; impact: string | null; nodes: { target: unknown; html: string }[] }[] }> } }).axe;
        const result = await axe.run(document.querySelector('main') ?? document.body, { runOnly: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'] });
        return result.violations.map((v) => `${v.impact ?? '?'} ${v.id} ${JSON.stringify(v.nodes.slice(0, 3))}`);
      });
      expect(violations).toEqual([]);
      await closeClean(session);
    });

    it('reopens a copied link, in both languages, with the same numbers', async () => {
      const session = await open(`${path}?m=member_rate&level=province&by=size_band&only=100-199,200-999&table=category&sel=130000`);
      const { page } = session;
      // A link that names a view loads at once.
      await page.waitForSelector('[data-explorer][data-phase="ready"]', { timeout: 90_000 });
      await redrawn(page, 0);
      await expectTableMatchesReference(page, locale);
      await page.click('[data-action="copy-link"]');
      const link = await page.evaluate(() => navigator.clipboard.readText());
      expect(link).toBe(page.url());

      const copy = await open(new URL(link).pathname + new URL(link).search);
      await copy.page.waitForSelector('[data-explorer][data-phase="ready"]', { timeout: 90_000 });
      await redrawn(copy.page, 0);
      expect(stateOf(copy.page, locale)).toEqual(stateOf(page, locale));
      expect(await copy.page.locator('select[name="m"]').inputValue()).toBe('member_rate');
      expect(await copy.page.locator('select[name="by"]').inputValue()).toBe('size_band');
      const table = await page.$$eval('[data-table] tbody tr', (trs) => trs.map((tr) => tr.textContent));
      expect(await copy.page.$$eval('[data-table] tbody tr', (trs) => trs.map((tr) => tr.textContent))).toEqual(table);

      // The language switch keeps the view.
      const other: Locale = locale === 'en' ? 'zh-CN' : 'en';
      await Promise.all([copy.page.waitForURL((url) => url.pathname === localePath(other, '/explore/')), copy.page.getByTestId('lang-switch').click()]);
      await copy.page.waitForSelector('[data-explorer][data-phase="ready"]', { timeout: 90_000 });
      await redrawn(copy.page, 0);
      expect(new URL(copy.page.url()).search).toBe(new URL(link).search);
      expect(await copy.page.getAttribute('html', 'lang')).toBe(other);
      await expectTableMatchesReference(copy.page, other);
      await closeClean(copy);
      await closeClean(session);
    });

    it('says once, in the view itself, why a view is not published at a level', async () => {
      // Prefectures (the default level) with two size bands kept: size bands are published for provinces only.
      const session = await open(`${path}?m=member_rate&by=size_band&only=100-199,200-999&table=region`);
      const { page } = session;
      await page.waitForSelector('[data-explorer][data-phase="ready"]', { timeout: 90_000 });
      await redrawn(page, 0);
      const text = message(indexes.get(locale)!.catalog, 'explorer.unavailable.totals_only');
      const views = await page.$$eval('figure[data-view]', (figures) => figures.map((f) => ({
        message: f.querySelector('[data-body] .explorer-view__message')?.textContent ?? null,
        summary: f.querySelector('[data-summary]')?.textContent ?? '',
        shown: (f.querySelector('[data-summary]') as HTMLElement | null)?.offsetHeight ?? 0,
      })));
      expect(views.filter((v) => v.message === text).length).toBeGreaterThan(0);
      for (const v of views.filter((w) => w.message !== null)) {
        expect(v.summary).toBe('');
        expect(v.shown).toBe(0);
      }
      await expectTableMatchesReference(page, locale);
      await closeClean(session);
    });

    it('downloads exactly what the table shows: CSV checked against metrics.json, Parquet and Arrow alike', async () => {
      const session = await open(`${path}?level=province&to=2020-12-31`);
      const { page } = session;
      const index = indexes.get(locale)!;
      await page.waitForSelector('[data-explorer][data-phase="ready"]', { timeout: 90_000 });
      await redrawn(page, 0);
      const state = stateOf(page, locale);

      const csv = await downloaded(page, '[data-action="download"][data-format="csv"]');
      expect(csv.download.suggestedFilename()).toBe(downloadName(viewSubject(state), index.catalog.vintage, 'csv'));
      const text = csv.bytes.toString('utf8');
      expect(text.startsWith(BOM)).toBe(true);
      const [header, ...lines] = parseCsv(text);
      expect(header).toEqual([...ROW_COLUMNS]);
      const shown = await page.locator('[data-table] tbody tr').count();
      expect(lines.length).toBe(shown);
      const published = loadMetricsFile().metrics.filter((r) => r.metric === state.metric && r.period === state.to && r.level === 'province' && (r.group ?? null) === null);
      expect(lines.length).toBe(published.length);
      const col = (name: (typeof ROW_COLUMNS)[number]) => ROW_COLUMNS.indexOf(name);
      const num = (s: string | undefined) => (s === undefined || s === '' ? null : Number(s));
      for (const line of lines) {
        const cell = published.find((p) => p.region === line[col('region')]);
        expect(cell, line.join(',')).toBeDefined();
        expect([line[col('metric')], line[col('period')], line[col('level')]]).toEqual([state.metric, state.to, 'province']);
        expect(line[col('region_name')]).toBe(index.regionName(cell?.region ?? ''));
        expect([num(line[col('numerator')]), num(line[col('denominator')]), num(line[col('population')]), num(line[col('value')]), line[col('suppressed')]]).toEqual([
          cell?.numerator, cell?.denominator, cell?.population, cell?.value, String(cell?.suppressed),
        ]);
      }

      const parquet = await downloaded(page, '[data-action="download"][data-format="parquet"]');
      expect(parquet.download.suggestedFilename()).toBe(downloadName(viewSubject(state), index.catalog.vintage, 'parquet'));
      const instance = await DuckDBInstance.create(':memory:');
      const connection = await instance.connect();
      try {
        const parquetPath = await parquet.download.path();
        const back = (await connection.runAndReadAll(`SELECT * FROM read_parquet('${parquetPath}')`)).getRowObjectsJS();
        expect(back.map((r) => [r.region, r.value, r.suppressed])).toEqual(lines.map((l) => [l[col('region')], num(l[col('value')]), l[col('suppressed')] === 'true']));
      } finally {
        connection.closeSync();
        instance.closeSync();
      }
      const arrow = await downloaded(page, '[data-action="download"][data-format="arrow"]');
      expect(arrow.download.suggestedFilename()).toBe(downloadName(viewSubject(state), index.catalog.vintage, 'arrow'));
      const table = tableFromIPC(new Uint8Array(arrow.bytes)).toArray();
      expect(table.map((r) => [r.region, r.value, r.suppressed])).toEqual(lines.map((l) => [l[col('region')], num(l[col('value')]), l[col('suppressed')] === 'true']));
      await closeClean(session);
    });

    it('runs a custom read-only query, and says why a writing one does not run', async () => {
      const session = await open(path);
      const { page } = session;
      await start(page);
      await page.fill('[data-sql-text]', 'SELECT count(*) AS cells FROM cube;');
      await page.click('[data-action="run-sql"]');
      await page.waitForSelector('[data-explorer][data-sql="done"]');
      const cells = await page.locator('[data-sql-table] tbody td').first().innerText();
      expect(Number(cells)).toBe(indexes.get(locale)!.catalog.cube.rows);
      expect(new URL(page.url()).searchParams.get('sql')).toBe('SELECT count(*) AS cells FROM cube;');
      const csv = await downloaded(page, '[data-action="download-sql"][data-format="csv"]');
      expect(parseCsv(csv.bytes.toString('utf8'))).toEqual([['cells'], [String(indexes.get(locale)!.catalog.cube.rows)]]);

      await page.fill('[data-sql-text]', 'DROP TABLE cube');
      await page.click('[data-action="run-sql"]');
      await page.waitForSelector('[data-explorer][data-sql="error"]');
      // Refused in words, before it reaches the engine.
      expect(await page.locator('[data-sql-status]').innerText()).toBe(message(indexes.get(locale)!.catalog, 'explorer.sql.not_query', { keyword: 'DROP' }));
      // A query the engine refuses: its own words, after the site's.
      await page.fill('[data-sql-text]', "SELECT * FROM query('DROP TABLE cube')");
      await page.click('[data-action="run-sql"]');
      const failed = message(indexes.get(locale)!.catalog, 'explorer.sql.error', { detail: '' }).trim().replace(/[:：]$/, '');
      await page.waitForFunction((words) => document.querySelector('[data-sql-status]')?.textContent?.includes(words) === true, failed);
      expect(await page.getAttribute('[data-explorer]', 'data-sql')).toBe('error');
      await page.fill('[data-sql-text]', "SELECT * FROM read_csv('https://example.com/x.csv')");
      await page.click('[data-action="run-sql"]');
      await page.waitForSelector('[data-explorer][data-sql="error"]');
      // The cube is intact, and the views still work.
      await page.fill('[data-sql-text]', 'SELECT count(*) AS cells FROM cube');
      await page.click('[data-action="run-sql"]');
      await page.waitForSelector('[data-explorer][data-sql="done"]');
      expect(Number(await page.locator('[data-sql-table] tbody td').first().innerText())).toBe(indexes.get(locale)!.catalog.cube.rows);
      const n = await renders(page);
      await page.selectOption('select[name="level"]', 'county');
      await redrawn(page, n);
      await expectTableMatchesReference(page, locale);
      await closeClean(session);
    });

    it('keeps a suppressed cell suppressed, alone and combined with published ones', async () => {
      const index = indexes.get(locale)!;
      // A prefecture whose total is suppressed while its province's is published.
      const rows = loadMetricsFile().metrics;
      const cell = rows.find((r) => r.suppressed && r.level === 'prefecture' && r.region !== 'other' && (r.group ?? null) === null && index.metric(r.metric)?.unit === 'rate');
      expect(cell).toBeDefined();
      const parent = index.region(cell!.region)?.parent ?? '';
      const session = await open(`${path}?m=${cell!.metric}&to=${cell!.period}&in=${parent}&level=prefecture`);
      const { page } = session;
      await page.waitForSelector('[data-explorer][data-phase="ready"]', { timeout: 90_000 });
      await redrawn(page, 0);
      const suppressedWord = message(index.catalog, 'explorer.suppressed');
      const row = page.locator(`[data-table] tbody tr[data-key="${cell!.region}"]`);
      const cells = await row.locator('td').allInnerTexts();
      expect(cells[0]).toBe(suppressedWord);
      expect(cells.slice(1).every((c) => !/\d/.test(c))).toBe(true);
      expect(await page.locator(`[data-view="region"] svg [data-key="${cell!.region}"]`).first().textContent()).toContain(suppressedWord);
      const csv = parseCsv((await downloaded(page, '[data-action="download"][data-format="csv"]')).bytes.toString('utf8'));
      const line = csv.find((l) => l[3] === cell!.region);
      expect(line?.slice(9)).toEqual(['', '', '', '', 'true']);

      // A published category combined with a suppressed one is suppressed.
      const cube = loadCubeCells().filter((c) => c.level === 'province' && c.breakdown === 'ownership' && c.category !== 'other');
      const where = (c: PublishedCell) => `${c.metric}|${c.period}|${c.region}`;
      const published = new Map(cube.filter((c) => !c.suppressed).map((c) => [where(c), c]));
      const hidden = cube.find((c) => c.suppressed && published.has(where(c)));
      const shownSibling = hidden === undefined ? undefined : published.get(where(hidden));
      expect(hidden !== undefined && shownSibling !== undefined).toBe(true);
      const combined = await open(`${path}?m=${hidden!.metric}&to=${hidden!.period}&level=province&by=ownership&only=${shownSibling!.category},${hidden!.category}`);
      await combined.page.waitForSelector('[data-explorer][data-phase="ready"]', { timeout: 90_000 });
      await redrawn(combined.page, 0);
      const combinedCells = await combined.page.locator(`[data-table] tbody tr[data-key="${hidden!.region}"] td`).allInnerTexts();
      expect(combinedCells[0]).toBe(suppressedWord);
      expect(combinedCells.slice(1).every((c) => !/\d/.test(c))).toBe(true);
      // …while the published category alone has its number.
      const alone = await open(`${path}?m=${hidden!.metric}&to=${hidden!.period}&level=province&by=ownership&only=${shownSibling!.category}`);
      await alone.page.waitForSelector('[data-explorer][data-phase="ready"]', { timeout: 90_000 });
      await redrawn(alone.page, 0);
      expect((await alone.page.locator(`[data-table] tbody tr[data-key="${hidden!.region}"] td`).allInnerTexts())[0]).toMatch(/\d/);
      await closeClean(alone);
      await closeClean(combined);
      await closeClean(session);
    });

    it('says in words when the data file does not load, and keeps the published view', async () => {
      const session = await open(path, (page) => page.route('**/data/cube/*.arrow.gz', (route) => route.fulfill({ status: 404, body: 'not here' })));
      const { page } = session;
      const metric = await page.getAttribute('[data-explorer]', 'data-metric');
      await page.locator('select[name="m"]').focus();
      await page.waitForSelector('[data-explorer][data-phase="error"]', { timeout: 90_000 });
      const said = await page.locator('[data-error]').innerText();
      expect(said).toContain(`/data/cube/${metric ?? ''}.arrow.gz`);
      expect(said).toContain('404');
      expect(await page.locator('[data-error]').isVisible()).toBe(true);
      expect(await page.locator('[data-view="region"] svg.chart-svg:visible').count()).toBe(1);
      await closeClean(session, /\/data\/cube\/|404/);
    });

    it('answers an analyst’s questions from the slices alone (the engine blocked): a target at its deadline, a trend by category, two regions side by side, two breakdowns at once', async () => {
      const index = indexes.get(locale)!;
      const session = await open(`${path}?target=ningxia-2020-migrant-enrollment`, (page) =>
        page.route('**/_astro/duckdb-*', (route) => route.fulfill({ status: 404, body: 'not here' })),
      );
      const { page } = session;
      await page.waitForSelector('[data-explorer][data-phase="ready"]', { timeout: 90_000 });
      await redrawn(page, 0);
      // "Which Ningxia counties were below 55% at the end of 2020?": the target opens at its deadline, in Ningxia.
      let state = stateOf(page, locale);
      expect([state.target, state.scope, state.to]).toEqual(['ningxia-2020-migrant-enrollment', '640000', '2020-12-31']);
      let n = await renders(page);
      await page.selectOption('select[name="level"]', 'county');
      await redrawn(page, n);
      state = stateOf(page, locale);
      expect([state.level, state.to]).toEqual(['county', '2020-12-31']);
      await expectTableMatchesReference(page, locale);
      const region = page.locator('[data-view="region"]');
      const target = viewTarget(index, state)!;
      expect(await region.locator('svg text', { hasText: target.label(0.55) }).count()).toBe(1);
      const rows = referenceRows(index, state, 'region', cellsByMetric.get(state.metric) ?? []) ?? [];
      const judged = rows.filter((r) => r.region !== 'other' && r.value !== null);
      expect(judged.length).toBeGreaterThan(3);
      for (const row of judged) {
        const fill = await region.locator(`svg rect[data-key="${row.key}"]`).getAttribute('fill').catch(() => null);
        // Ranked charts show the top and bottom of long lists: every bar drawn has its verdict's colour.
        if (fill !== null) expect(fill, row.key).toBe((row.value ?? 0) >= 0.55 ? CHART_COLORS.met : CHART_COLORS.missed);
      }
      const met = judged.filter((r) => (r.value ?? 0) >= 0.55).length;
      expect(await region.locator('[data-summary]').innerText()).toContain(message(index.catalog, 'explorer.summary.target.region', { count: met, total: judged.length, target: target.level! }));

      // "Hebei 100+ coverage by ownership over the autumn 2018 campaign": one line per ownership.
      n = await renders(page);
      await page.selectOption('select[name="target"]', 'hebei-2018-coverage-100plus-nonpublic');
      await redrawn(page, n);
      n = await renders(page);
      await page.selectOption('select[name="by"]', 'ownership');
      await redrawn(page, n);
      n = await renders(page);
      await page.check('input[name="lines"]');
      await redrawn(page, n);
      state = stateOf(page, locale);
      expect([state.metric, state.scope, state.dimension, state.split, state.to]).toEqual(['coverage_100plus_nonpublic', '130000', 'ownership', true, index.catalog.periods.filter((p) => p <= '2018-11-30').at(-1)]);
      const trend = referenceRows(index, { ...state, table: 'period' }, 'period', cellsByMetric.get(state.metric) ?? []) ?? [];
      const lines = new Set(trend.map((r) => r.categoryName));
      expect(lines.size).toBeGreaterThan(2);
      const legend = await page.locator('[data-view="period"] .explorer-legend text').allTextContents();
      expect(legend.length).toBe(lines.size);
      n = await renders(page);
      await page.selectOption('select[name="table"]', 'period');
      await redrawn(page, n);
      await expectTableMatchesReference(page, locale);

      // "Two regions side by side": Hebei's first two prefectures compared in the trend, a line each.
      const pair = index.regionsAt('prefecture', '130000').slice(0, 2).map((r) => r.code);
      n = await renders(page);
      await page.selectOption('select[name="level"]', 'prefecture');
      await redrawn(page, n);
      n = await renders(page);
      await page.selectOption('select[name="cmp"]', pair);
      await redrawn(page, n);
      state = stateOf(page, locale);
      expect(state.compare).toEqual(pair);
      expect(state.split).toBe(false);
      expect(await page.locator('[data-view="period"] .explorer-legend text').allTextContents()).toEqual(pair.map((code) => index.regionName(code)));
      await expectTableMatchesReference(page, locale);
      const compared = referenceRows(index, state, 'period', cellsByMetric.get(state.metric) ?? []) ?? [];
      expect(new Set(compared.map((r) => r.region))).toEqual(new Set(pair));

      // "Two breakdowns at once": the provinces by ownership, a column per ownership (the
      // breakdowns are published for provinces only), at the latest period, which every
      // province has (the campaign's quarters are Hebei's alone).
      n = await renders(page);
      await page.selectOption('select[name="in"]', '');
      await redrawn(page, n);
      n = await renders(page);
      await page.selectOption('select[name="to"]', index.catalog.periods.at(-1)!);
      await redrawn(page, n);
      n = await renders(page);
      await page.selectOption('select[name="level"]', 'province');
      await redrawn(page, n);
      n = await renders(page);
      await page.selectOption('select[name="table"]', 'matrix');
      await redrawn(page, n);
      state = stateOf(page, locale);
      expect(state.table).toBe('matrix');
      await expectTableMatchesReference(page, locale);
      const heads = await page.locator('[data-table] thead th').allTextContents();
      const ownership = index.catalog.dimensions.ownership.categories.map((c) => c.label);
      expect(heads.filter((h) => ownership.includes(h.trim())).length).toBeGreaterThan(3);
      expect(await page.locator('[data-table] tbody tr').count()).toBeGreaterThanOrEqual(index.regionsAt('province', null).length);
      expect(session.requests.filter((r) => /\.wasm|duckdb/.test(r))).toEqual([]);
      await closeClean(session);
    });

    it('answers every view without DuckDB-WASM, and says in words when the SQL engine does not load', async () => {
      const session = await open(path, (page) => page.route('**/_astro/duckdb-eh*', (route) => route.fulfill({ status: 404, body: 'not here' })));
      const { page } = session;
      await start(page);
      for (const [name, value] of [['level', 'county'], ['m', 'member_rate'], ['level', 'province']] as const) {
        const n = await renders(page);
        await page.selectOption(`select[name="${name}"]`, value);
        await redrawn(page, n);
        await expectTableMatchesReference(page, locale);
      }
      await page.fill('[data-sql-text]', 'SELECT 1');
      await page.click('[data-action="run-sql"]');
      await page.waitForSelector('[data-explorer][data-engine="error"]', { timeout: 90_000 });
      const failed = message(indexes.get(locale)!.catalog, 'explorer.sql.engine_failed', { detail: '' }).split('(')[0]!.split('（')[0]!;
      const said = await page.locator('[data-sql-status]').innerText();
      expect(said).toContain(failed);
      expect(said).toContain('404');
      expect(await page.getAttribute('[data-explorer]', 'data-sql')).toBe('error');
      // The views go on working.
      const n = await renders(page);
      await page.selectOption('select[name="level"]', 'prefecture');
      await redrawn(page, n);
      await expectTableMatchesReference(page, locale);
      await closeClean(session, /duckdb-eh|404|worker|ErrorEvent/i);
    });
  });
});
