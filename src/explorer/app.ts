/**
 * The explorer in the browser: the controller that keeps the view's state and puts it
 * everywhere it shows. Loaded by boot.ts on the reader's intent. Its parts, one file each:
 * the form (form-controls.ts), the three views (view-figures.ts) and the table
 * (view-table.ts), the SQL panel (sql-panel.ts), the downloads (downloads.ts), the engine
 * (engine.ts); the state itself, its URL form and its queries are pure code in
 * src/lib/explorer/.
 *
 * Every change goes through `apply`: the state is normalized, written to the URL (so a
 * copied link and the language switch keep it), the form follows, the views whose SQL
 * changed are queried again on DuckDB-WASM, and the charts and the table are redrawn.
 * `performance.measure('explorer:update')` times each redraw from the event that caused
 * it, and `explorer:ready` the first one from the intent (scripts/bench-explorer.ts).
 *
 * Errors are shown in words: a data file that did not load, an engine that did not start,
 * a query that failed. A view never silently shows an empty chart.
 */
import { OTHER, indexCatalog, message, type Catalog, type CatalogIndex } from '../lib/explorer/catalog.ts';
import { viewSummary } from '../lib/explorer/describe.ts';
import type { DownloadFormat } from '../lib/explorer/files.ts';
import { nextStates } from '../lib/explorer/next-states.ts';
import { viewQueries, type ViewKind, type ViewQuery } from '../lib/explorer/query.ts';
import { ResultCache } from '../lib/explorer/result-cache.ts';
import { toViewRows, type ViewRow } from '../lib/explorer/rows.ts';
import { defaultState, normalizeState, parseState, sameState, serializeState, type ExplorerState, type StateProblem } from '../lib/explorer/state.ts';
import { tableModel } from '../lib/explorer/table.ts';
import { formatBytes, formatNumber } from '../lib/format.ts';
import { categoryChart, periodChart, regionChart } from './charts.ts';
import { save, viewDownload, type Download } from './downloads.ts';
import { EngineError, openEngine, type Engine } from './engine.ts';
import { stateFromControl, syncForm } from './form-controls.ts';
import type { BootQueue, EngineStarting, Intent } from './hand-over.ts';
import { keepLanguage } from './language-link.ts';
import { requiredElement } from './required-element.ts';
import { SqlPanel } from './sql-panel.ts';
import { VIEWS, ViewFigures } from './view-figures.ts';
import { renderTable } from './view-table.ts';

/** Start the explorer on `root` (the page's `[data-explorer]` element). */
export async function start(root: HTMLElement, intent: Intent, queue: BootQueue, catalog: Catalog, engine: EngineStarting): Promise<void> {
  const app = new Explorer(root, indexCatalog(catalog));
  await app.run(intent, queue, engine);
}

class Explorer {
  private readonly catalog: Catalog;
  private state: ExplorerState;
  private engine: Engine | null = null;
  private generation = 0;
  /** Resolves once the first view drawn by DuckDB-WASM is on screen. */
  private readonly ready: Promise<void>;
  private markReady: () => void = () => undefined;
  private renders = 0;
  private drawnCount = 0;
  /** Results of the views' queries (and of the likely next views', run in the background), by SQL. */
  private readonly cache = new ResultCache<Record<string, unknown>[]>(400);
  /** What the table was last drawn from, to redraw it only when it changed. */
  private drawnTable = '';
  private firstViewDrawn = false;
  /** The rows the table shows (what the downloads hold). */
  private tableRows: ViewRow[] = [];

  private readonly form: HTMLFormElement;
  private readonly status: HTMLElement;
  private readonly errorBox: HTMLElement;
  private readonly views: ViewFigures;
  private readonly table: HTMLTableElement;
  private readonly sql: SqlPanel;

  private readonly root: HTMLElement;
  private readonly index: CatalogIndex;

  constructor(root: HTMLElement, index: CatalogIndex) {
    this.ready = new Promise((resolve) => (this.markReady = resolve));
    this.root = root;
    this.index = index;
    this.catalog = index.catalog;
    this.state = defaultState(index);
    this.form = requiredElement(root, '[data-controls]');
    this.status = requiredElement(root, '[data-status]');
    this.errorBox = requiredElement(root, '[data-error]');
    this.views = new ViewFigures(root, index);
    this.table = requiredElement(root, '[data-table]');
    this.sql = new SqlPanel(root, this.catalog, {
      engine: () => this.engine,
      remember: (text) => void this.apply({ ...this.state, sql: text }, 'push', performance.now()),
      saved: (file) => this.saved(file),
    });
  }

  private m(key: string, params: Readonly<Record<string, string | number>> = {}): string {
    return message(this.catalog, key, params);
  }

  // ---- Start ----------------------------------------------------------------------------

  async run(intent: Intent, queue: BootQueue, starting: EngineStarting): Promise<void> {
    this.bind();
    queue.release();
    const parsed = parseState(this.index, location.search);
    let state = parsed.state;
    // A control changed before the explorer took over: the form says what the reader wants.
    const changes = queue.events.filter((e) => e.type === 'change');
    for (const change of changes) state = stateFromControl(this.form, this.index, state, change.target);
    this.reportProblems(parsed.problems);
    if (state.sql !== null) this.sql.fromLink(state.sql);
    this.setStatus(this.m('explorer.status.loading', { size: formatBytes(this.catalog.locale, this.catalog.cube.bytes) }), 'loading');
    // The view is applied (form, URL, SQL text) at once; it is drawn when the engine is ready.
    void this.apply(state, changes.length > 0 ? 'push' : 'replace', intent.time);
    const loadStart = intent.time;
    let engine: Engine;
    const opening = starting.then((start) => openEngine(this.catalog, this.state.metric, start));
    // While the worker starts (the page has nothing else to do), draw each kind of chart once
    // off screen, so that the first real drawing does not pay for compiling the drawing code.
    setTimeout(() => this.warmUp(), 0);
    try {
      engine = await opening;
    } catch (error) {
      this.fail(error);
      return;
    }
    this.engine = engine;
    await this.apply(this.state, 'none', intent.time);
    performance.measure('explorer:ready', { start: intent.time, end: performance.now() });
    this.root.dataset.phase = 'ready';
    this.markReady();
    // A click that started the explorer (a download, a copy, a run) happens now.
    for (const event of queue.events) {
      if (event.type === 'click' && event.target instanceof HTMLElement) event.target.click();
      if (event.type === 'submit') this.sql.form.requestSubmit();
    }
    try {
      const cells = await engine.loadAll();
      const seconds = ((performance.now() - loadStart) / 1000).toFixed(1);
      this.setStatus(this.m('explorer.status.ready', { cells: formatNumber(this.catalog.locale, cells), seconds }));
      this.root.dataset.complete = 'true';
      void this.prefetch(this.state, engine, this.generation);
    } catch (error) {
      this.fail(error);
    }
  }

  /** Draw every kind of chart and the table once, off screen, and throw them away. */
  private warmUp(): void {
    try {
      const state = this.state;
      const raw = [
        { region: '1', parent: null, period: state.to, category: 'a', suppressed: false, numerator: 1, denominator: 2, population: 2, value: 0.5 },
        { region: '2', parent: null, period: state.from, category: 'b', suppressed: true, numerator: null, denominator: null, population: null, value: null },
      ];
      const options = { document, catalog: this.catalog, unit: 'rate', targets: [0.5], labelledBy: 'x', describedBy: 'y', width: 600 } as const;
      const rows = (view: ViewKind) => toViewRows(this.index, state, view, raw);
      regionChart(rows('region'), { ...options, selected: '1' });
      periodChart(rows('period'), { ...options, from: state.from, to: state.to, deadline: null });
      categoryChart(rows('category'), { ...options, kept: ['a'] });
      tableModel(this.index, state, 'region', rows('region'));
      viewSummary(this.index, state, 'region', rows('region'));
    } catch {
      // Only a warm-up.
    }
  }

  /** Show why the engine did not start or the data did not load. */
  private fail(error: unknown): void {
    let text: string;
    if (error instanceof EngineError && error.stage === 'data') {
      text = this.m('explorer.error.data', { file: error.file ?? this.catalog.cube.path, detail: error.message });
    } else {
      text = this.m('explorer.error.start', { detail: error instanceof Error ? error.message : String(error) });
    }
    this.errorBox.hidden = false;
    this.errorBox.textContent = text;
    this.setStatus(text, 'error');
  }

  private setStatus(text: string, phase?: string): void {
    this.status.textContent = text;
    if (phase !== undefined) this.root.dataset.phase = phase;
  }

  private reportProblems(problems: readonly StateProblem[]): void {
    if (problems.length === 0) return;
    this.errorBox.hidden = false;
    this.errorBox.textContent = problems.map((p) => this.m('explorer.status.link_problem', { param: p.param, value: p.value })).join(' ');
  }

  // ---- Events ---------------------------------------------------------------------------

  private bind(): void {
    this.form.addEventListener('change', (event) => {
      void this.apply(stateFromControl(this.form, this.index, this.state, event.target), 'push', event.timeStamp);
    });
    this.form.addEventListener('submit', (event) => event.preventDefault());
    this.root.addEventListener('click', (event) => this.onClick(event));
    window.addEventListener('popstate', () => {
      const parsed = parseState(this.index, location.search);
      void this.apply(parsed.state, 'none', performance.now());
    });
  }

  private onClick(event: MouseEvent): void {
    const target = event.target instanceof Element ? event.target : null;
    if (target === null) return;
    const action = target.closest<HTMLElement>('[data-action]');
    if (action !== null) {
      this.onAction(action, event);
      return;
    }
    // A bar or a point of a chart.
    const mark = target.closest('[data-key]');
    const figure = mark?.closest<HTMLElement>('[data-view]');
    if (mark !== null && mark !== undefined && figure !== null && figure !== undefined && figure.contains(mark) && mark.closest('svg') !== null) {
      this.pick(figure.dataset.view as ViewKind, mark.getAttribute('data-key') ?? '', event.timeStamp);
    }
  }

  private onAction(element: HTMLElement, event: MouseEvent): void {
    const view = element.dataset.view as ViewKind | undefined;
    switch (element.dataset.action) {
      case 'pick':
        this.pick(view ?? 'region', element.dataset.key ?? '', event.timeStamp);
        break;
      case 'clear-selection':
        void this.apply({ ...this.state, selected: null }, 'push', event.timeStamp);
        break;
      case 'reset':
        void this.apply({ ...defaultState(this.index), sql: this.state.sql }, 'push', event.timeStamp);
        break;
      case 'copy-link':
        void this.copy(location.href, this.m('explorer.status.copied'));
        break;
      case 'copy-sql':
        if (view !== undefined) void this.copy(this.views.sql(view), this.m('explorer.status.sql_copied'));
        break;
      case 'edit-sql':
        if (view !== undefined) this.sql.edit(this.views.sql(view));
        break;
      case 'download': {
        // What is on screen once the first view is drawn: a click while the explorer loads waits for it.
        const format = (element.dataset.format ?? 'csv') as DownloadFormat;
        void this.ready.then(() => this.downloadView(format));
        break;
      }
      case 'download-sql':
        void this.sql.download((element.dataset.format ?? 'csv') as 'csv' | 'arrow');
        break;
      case 'cancel-sql':
        this.sql.cancel();
        break;
      case 'run-sql':
        // The form's submit event runs it.
        break;
      default:
        break;
    }
  }

  /** A click on a bar, a point or a table row: the cross-filter. */
  private pick(view: ViewKind, key: string, time: number): void {
    const state = this.state;
    if (key === '') return;
    if (view === 'region') {
      if (key.startsWith(`${OTHER}:`)) {
        this.setStatus(this.m('explorer.status.other_row'));
        return;
      }
      void this.apply({ ...state, selected: state.selected === key ? null : key }, 'push', time);
    } else if (view === 'period') {
      void this.apply({ ...state, to: key, from: key < state.from ? key : state.from }, 'push', time);
    } else {
      if (key === OTHER) {
        this.setStatus(this.m('explorer.status.other_row'));
        return;
      }
      const categories = state.categories.includes(key) ? state.categories.filter((c) => c !== key) : [...state.categories, key];
      void this.apply({ ...state, categories }, 'push', time);
    }
  }

  // ---- Applying a state -------------------------------------------------------------------

  private async apply(next: ExplorerState, history: 'push' | 'replace' | 'none', time: number): Promise<void> {
    const state = normalizeState(this.index, next);
    const changed = !sameState(state, this.state);
    this.state = state;
    // Widths are read before anything on the page changes: read later, they would force a layout.
    const widths = this.views.widths();
    const search = serializeState(this.index, state);
    const url = `${location.pathname}${search === '' ? '' : `?${search}`}${location.hash}`;
    /** The address (and the language switch) follow the state. */
    const record = () => {
      if (history === 'push' && changed && url !== `${location.pathname}${location.search}${location.hash}`) window.history.pushState(null, '', url);
      else if (history !== 'none') window.history.replaceState(null, '', url);
      keepLanguage();
    };
    syncForm(this.form, this.index, state);
    const queries = viewQueries(this.index, state);
    this.views.showSql(queries);
    const engine = this.engine;
    if (engine === null) {
      record();
      return;
    }
    const generation = ++this.generation;
    this.root.dataset.busy = 'true';
    try {
      await this.draw(state, queries, engine, generation, time, widths, record);
    } finally {
      if (generation === this.generation) this.root.dataset.busy = 'false';
    }
  }

  /**
   * Query the views whose SQL changed, and redraw what changed, each view as soon as its
   * rows are there (the worker answers them one after the other). Then, once the frame
   * with the new views is on screen, `record` the state in the address: writing history
   * costs the browser a few milliseconds the reader need not wait for.
   *
   * `data-drawn` counts the redraws on screen, `data-renders` the redraws done (address
   * updated, nothing left to do).
   */
  private async draw(
    state: ExplorerState,
    queries: Readonly<Record<ViewKind, ViewQuery>>,
    engine: Engine,
    generation: number,
    time: number,
    widths: readonly number[],
    record: () => void,
  ): Promise<void> {
    const started = performance.now();
    let drawing = 0;
    await Promise.all(
      VIEWS.map(async (view, i) => {
        const outcome = await this.runView(engine, state, view, queries[view]);
        if (generation !== this.generation) return;
        const t = performance.now();
        this.views.render(state, view, queries[view], outcome, widths[i] ?? 720);
        if (view === state.table) {
          this.tableRows = Array.isArray(outcome) ? outcome : [];
          const model = tableModel(this.index, state, state.table, this.tableRows);
          const modelKey = JSON.stringify(model);
          if (modelKey !== this.drawnTable) {
            renderTable(this.table, model, this.catalog);
            this.drawnTable = modelKey;
          }
        }
        drawing += performance.now() - t;
        if (this.renders === 0 && !this.firstViewDrawn) {
          this.firstViewDrawn = true;
          performance.measure('explorer:first-view', { start: time, end: performance.now() });
        }
      }),
    );
    if (generation !== this.generation) return;
    performance.measure('explorer:queries', { start: started, duration: performance.now() - started - drawing });
    performance.measure('explorer:draw', { start: started, duration: drawing });
    performance.measure('explorer:update', { start: time, end: performance.now() });
    this.drawnCount += 1;
    this.root.dataset.drawn = String(this.drawnCount);
    await afterPaint();
    if (generation !== this.generation) return;
    record();
    this.renders += 1;
    this.root.dataset.renders = String(this.renders);
    this.root.dataset.busy = 'false';
    void this.prefetch(state, engine, generation);
  }

  /** A view's rows (from memory when the same SQL ran before), or the error. */
  private async runView(engine: Engine, state: ExplorerState, view: ViewKind, query: ViewQuery): Promise<ViewRow[] | Error | null> {
    if (query.kind !== 'query') return null;
    try {
      let raw = this.cache.get(query.sql);
      if (raw === undefined) {
        const started = performance.now();
        raw = await engine.query(query.sql, state.metric);
        performance.measure(`explorer:query:${view}`, { start: started, end: performance.now() });
        this.cache.set(query.sql, raw);
      }
      return toViewRows(this.index, state, view, raw);
    } catch (error) {
      return error instanceof Error ? error : new Error(String(error));
    }
  }

  /**
   * While the reader looks at this view, run the queries of the views one change away
   * (src/lib/explorer/next-states.ts), one at a time, so that the next change is usually
   * answered from memory. Stops as soon as the view changes; a query of the reader's then
   * waits for at most the one query in flight. Only once the whole cube is loaded.
   */
  private async prefetch(state: ExplorerState, engine: Engine, generation: number): Promise<void> {
    if (this.root.dataset.complete !== 'true') return;
    for (const next of nextStates(this.index, state)) {
      const queries = viewQueries(this.index, next);
      for (const view of VIEWS) {
        if (generation !== this.generation) return;
        const query = queries[view];
        if (query.kind !== 'query' || this.cache.has(query.sql)) continue;
        try {
          this.cache.set(query.sql, await engine.query(query.sql, next.metric));
        } catch {
          // Not kept: the reader sees the error if they ask for this view.
        }
      }
    }
  }

  // ---- Copy and download ----------------------------------------------------------------

  private async copy(text: string, done: string): Promise<void> {
    try {
      await navigator.clipboard.writeText(text);
      this.setStatus(done);
    } catch {
      this.setStatus(`${this.m('explorer.status.copy_failed')} ${text}`);
    }
  }

  /** Say that a file was handed to the reader. */
  private saved(file: Download): void {
    this.setStatus(this.m('explorer.status.downloaded', { file: file.name }));
  }

  /** The rows the table shows, as a file. */
  private downloadView(format: DownloadFormat): void {
    const file = viewDownload(this.catalog, this.state, this.tableRows, format);
    save(file);
    this.saved(file);
  }
}

/**
 * Resolves once the next frame has been painted (a task after the next animation frame),
 * or after 100 ms in a tab that paints no frames (hidden).
 */
function afterPaint(): Promise<void> {
  return new Promise((resolve) => {
    const done = () => resolve();
    requestAnimationFrame(() => setTimeout(done, 0));
    setTimeout(done, 100);
  });
}
