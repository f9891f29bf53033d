/**
 * The explorer in the browser: the controller that keeps the view's state and puts it
 * everywhere it shows. Loaded by boot.ts on the reader's intent. Its parts, one file each:
 * the form (form-controls.ts), the three views (view-figures.ts) and the table
 * (view-table.ts), the metric slices (metric-slices.ts), the SQL panel with its engine
 * (sql-panel.ts, engine.ts), the downloads (downloads.ts); the state itself, its URL form,
 * its queries and its rows are pure code in src/lib/explorer/.
 *
 * Every change goes through `apply`: the state is normalized, written to the URL (so a
 * copied link and the language switch keep it), the form follows, and the three views and
 * the table are computed from the metric's published slice (src/lib/explorer/reference.ts,
 * tested to give what each view's SQL gives on DuckDB-WASM) and redrawn. Only a change of
 * metric waits, for that metric's slice; until it is there, the views are marked as not
 * yet showing the controls' choice (`data-stale`, dimmed, `aria-busy`), so that controls
 * and charts never silently disagree. DuckDB-WASM is loaded only for the SQL panel.
 * `performance.measure('explorer:update')` times each redraw from the event that caused
 * it, and `explorer:ready` the first one from the intent (scripts/bench-explorer.ts).
 *
 * Errors are shown in words: a data file that did not load, a view that could not be
 * drawn. A view never silently shows an empty chart.
 */
import { OTHER, indexCatalog, message, type Catalog, type CatalogIndex } from '../lib/explorer/catalog.ts';
import type { CellIndex } from '../lib/explorer/cell-index.ts';
import { needsDetail } from '../lib/explorer/cube-slice.ts';
import type { DownloadFormat } from '../lib/explorer/files.ts';
import { viewQueries, type ViewKind, type ViewQuery } from '../lib/explorer/query.ts';
import { referenceRows } from '../lib/explorer/reference.ts';
import { keyParts, type ViewRow } from '../lib/explorer/rows.ts';
import { defaultState, normalizeState, parseState, sameState, serializeState, type ExplorerState, type StateProblem } from '../lib/explorer/state.ts';
import { tableModel, type TableModel } from '../lib/explorer/table.ts';
import { formatBytes, formatNumber } from '../lib/format.ts';
import { save, viewDownload, type Download } from './downloads.ts';
import type { ElementWidths } from './element-widths.ts';
import { EngineError } from './engine-error.ts';
import { stateFromControl, syncForm } from './form-controls.ts';
import type { BootQueue, Intent } from './hand-over.ts';
import { keepLanguage } from './language-link.ts';
import { MetricSlices } from './metric-slices.ts';
import { requiredElement } from './required-element.ts';
import { SqlPanel } from './sql-panel.ts';
import { VIEWS, ViewFigures } from './view-figures.ts';
import { renderTable } from './view-table.ts';

/**
 * Start the explorer on `root` (the page's `[data-explorer]` element); `fetching` holds the
 * metric slices the entry script started to fetch already, by metric; `widths` the widths
 * of the views as laid out.
 */
export async function start(
  root: HTMLElement,
  intent: Intent,
  queue: BootQueue,
  catalog: Catalog,
  fetching: ReadonlyMap<string, Promise<Uint8Array>>,
  widths: ElementWidths,
): Promise<void> {
  performance.mark('explorer:app-started');
  const app = new Explorer(root, indexCatalog(catalog), new MetricSlices(catalog, fetching), widths);
  await app.run(intent, queue);
}

class Explorer {
  private readonly catalog: Catalog;
  private state: ExplorerState;
  private readonly slices: MetricSlices;
  private generation = 0;
  /** Resolves once the first view drawn in the browser is on screen. */
  private readonly ready: Promise<void>;
  private markReady: () => void = () => undefined;
  private renders = 0;
  private drawnCount = 0;
  /** What the table was last drawn from, to redraw it only when it changed. */
  private drawnTable = '';
  private firstViewDrawn = false;
  /** Whether any of the table's section is in the viewport (until told otherwise, it is). */
  private tableOnScreen = true;
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

  constructor(root: HTMLElement, index: CatalogIndex, slices: MetricSlices, widths: ElementWidths) {
    this.ready = new Promise((resolve) => (this.markReady = resolve));
    this.slices = slices;
    this.root = root;
    this.index = index;
    this.catalog = index.catalog;
    this.state = defaultState(index);
    this.form = requiredElement(root, '[data-controls]');
    this.status = requiredElement(root, '[data-status]');
    this.errorBox = requiredElement(root, '[data-error]');
    this.views = new ViewFigures(root, index, widths);
    this.table = requiredElement(root, '[data-table]');
    if (typeof IntersectionObserver !== 'undefined') {
      new IntersectionObserver((entries) => {
        for (const entry of entries) this.tableOnScreen = entry.isIntersecting;
      }).observe(this.table.closest('[data-table-section]') ?? this.table);
    }
    this.sql = new SqlPanel(root, this.catalog, {
      remember: (text) => void this.apply({ ...this.state, sql: text }, 'push', performance.now()),
      saved: (file) => this.saved(file),
    });
  }

  private m(key: string, params: Readonly<Record<string, string | number>> = {}): string {
    return message(this.catalog, key, params);
  }

  // ---- Start ----------------------------------------------------------------------------

  async run(intent: Intent, queue: BootQueue): Promise<void> {
    this.bind();
    queue.release();
    const parsed = parseState(this.index, location.search);
    let state = parsed.state;
    // A control changed before the explorer took over: the form says what the reader wants.
    const changes = queue.events.filter((e) => e.type === 'change');
    for (const change of changes) state = stateFromControl(this.form, this.index, state, change.target);
    this.reportProblems(parsed.problems);
    if (state.sql !== null) this.sql.fromLink(state.sql);
    this.root.dataset.phase = 'loading';
    const drawn = await this.apply(state, changes.length > 0 ? 'push' : 'replace', intent.time, true);
    if (!drawn) return;
    performance.measure('explorer:ready', { start: intent.time, end: performance.now() });
    this.root.dataset.phase = 'ready';
    this.markReady();
    // A click that started the explorer (a download, a copy, a run) happens now.
    for (const event of queue.events) {
      if (event.type === 'click' && event.target instanceof HTMLElement) event.target.click();
      if (event.type === 'submit') this.sql.form.requestSubmit();
    }
  }

  /** Show why the data did not load. */
  private fail(error: unknown): void {
    let text: string;
    if (error instanceof EngineError && error.stage === 'data') {
      text = this.m('explorer.error.data', { file: error.file ?? this.catalog.cube.path, detail: error.message });
    } else {
      text = this.m('explorer.error.view', { detail: error instanceof Error ? error.message : String(error) });
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
        if (view !== undefined && view !== 'matrix') void this.copy(this.views.sql(view), this.m('explorer.status.sql_copied'));
        break;
      case 'edit-sql':
        if (view !== undefined && view !== 'matrix') this.sql.edit(this.views.sql(view));
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
    // A row of the regions-by-category table picks its region.
    if (view === 'matrix') return this.pick('region', keyParts(key)[0], time);
    if (view === 'region') {
      if (key.startsWith(`${OTHER}:`)) {
        this.setStatus(this.m('explorer.status.other_row'));
        return;
      }
      void this.apply({ ...state, selected: state.selected === key ? null : key }, 'push', time);
    } else if (view === 'period') {
      // A point of a trend split by category is keyed `period|category`: the period is the choice.
      const period = keyParts(key)[0];
      void this.apply({ ...state, to: period, from: period < state.from ? period : state.from }, 'push', time);
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

  /**
   * Make `next` the view: normalized, in the form and the views' SQL at once, then drawn
   * from its metric's slice (fetched first if need be). Resolves true once drawn, false if
   * a later change took over or the slice did not load.
   */
  private async apply(next: ExplorerState, history: 'push' | 'replace' | 'none', time: number, first = false): Promise<boolean> {
    const state = normalizeState(this.index, next);
    const changed = !sameState(state, this.state);
    this.state = state;
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
    const generation = ++this.generation;
    this.root.dataset.busy = 'true';
    const detail = needsDetail(this.index, state);
    let slice = this.slices.loaded(state.metric, detail);
    if (slice === undefined) {
      // The controls show the new choice already: say that the views do not, yet.
      this.setStale(true);
      const metric = this.index.metric(state.metric);
      this.setStatus(this.m('explorer.status.loading', { metric: metric?.label ?? state.metric, size: formatBytes(this.catalog.locale, this.slices.bytes(state.metric, detail)) }));
      try {
        slice = await this.slices.get(state.metric, detail);
      } catch (error) {
        if (generation === this.generation) {
          this.fail(error);
          this.root.dataset.busy = 'false';
          if (first) this.root.dataset.phase = 'error';
        }
        return false;
      }
      if (generation !== this.generation) return false;
      this.setStatus(this.m('explorer.status.ready', { cells: formatNumber(this.catalog.locale, slice.size), metric: metric?.label ?? state.metric }));
      // The views are drawn in tasks of their own, after the one that indexed the slice.
      await nextTask();
      if (generation !== this.generation) return false;
    }
    try {
      return await this.draw(state, queries, slice, generation, time, widths, record);
    } finally {
      if (generation === this.generation) this.root.dataset.busy = 'false';
    }
  }

  /** Mark the views as showing (or no longer showing) an earlier choice than the controls'. */
  private setStale(stale: boolean): void {
    if (stale) this.root.dataset.stale = 'true';
    else delete this.root.dataset.stale;
    this.views.setBusy(stale);
  }

  /**
   * Compute the views from the slice and redraw what changed, yielding between views once
   * a task has run {@link TASK_SLICE_MS} (so that the page answers input between them); a
   * long table off screen comes after the charts' frame. Then, once the frame with the new
   * views is on screen, `record` the state in the address: writing history costs the
   * browser a few milliseconds the reader need not wait for.
   *
   * `data-drawn` counts the redraws on screen, `data-renders` the redraws done (address
   * updated, nothing left to do).
   */
  private async draw(
    state: ExplorerState,
    queries: Readonly<Record<ViewKind, ViewQuery>>,
    slice: CellIndex,
    generation: number,
    time: number,
    widths: readonly number[],
    record: () => void,
  ): Promise<boolean> {
    const started = performance.now();
    let computing = 0;
    let taskStarted = started;
    let tableOutcome: ViewRow[] | Error | null | undefined;
    /** Yield to input (and let a frame be drawn) once this task has run long enough. */
    const yieldIfLong = async () => {
      if (performance.now() - taskStarted < TASK_SLICE_MS) return;
      await nextTask();
      taskStarted = performance.now();
    };
    for (const [i, view] of VIEWS.entries()) {
      await yieldIfLong();
      if (generation !== this.generation) return false;
      const t0 = performance.now();
      const outcome = this.viewRows(state, view, queries[view], slice);
      const t1 = performance.now();
      computing += t1 - t0;
      this.views.render(state, view, queries[view], outcome, widths[i] ?? 720);
      if (view === state.table) tableOutcome = outcome;
      if (i === 0) this.setStale(false);
      if (this.renders === 0 && !this.firstViewDrawn) {
        this.firstViewDrawn = true;
        performance.measure('explorer:first-view', { start: time, end: performance.now() });
      }
    }
    if (state.table === 'matrix') {
      await yieldIfLong();
      if (generation !== this.generation) return false;
      tableOutcome = this.viewRows(state, 'matrix', queries.matrix, slice);
    }
    const table = this.tableChange(state, tableOutcome ?? null);
    if (table !== null) {
      // A long table off screen is drawn after the frame that shows the charts: by then the
      // browser knows it is off screen and skips laying it out (content-visibility: auto in
      // explorer.css), where drawn with the charts it would be laid out in their frame (a
      // table of 322 counties took about 40 ms).
      if (table.model.rows.length > LONG_TABLE_ROWS && !this.tableOnScreen) {
        await afterPaint();
        if (generation !== this.generation) return false;
      }
      renderTable(this.table, table.model, this.catalog);
      this.drawnTable = table.key;
    }
    performance.measure('explorer:queries', { start: started, duration: computing });
    performance.measure('explorer:draw', { start: started, duration: performance.now() - started - computing });
    performance.measure('explorer:update', { start: time, end: performance.now() });
    this.drawnCount += 1;
    this.root.dataset.drawn = String(this.drawnCount);
    await afterPaint();
    if (generation !== this.generation) return true;
    record();
    this.renders += 1;
    this.root.dataset.renders = String(this.renders);
    this.root.dataset.busy = 'false';
    this.fetchDetailAhead(state.metric);
    return true;
  }

  /**
   * Once the page is idle, fetch and index the metric's detail slice, so that keeping a
   * category or choosing a prefecture is answered without a wait. Only for a metric with
   * breakdowns, and a slice the catalog lists.
   */
  private fetchDetailAhead(metric: string): void {
    if (this.slices.loaded(metric, true) !== undefined || (this.index.metric(metric)?.breakdowns.length ?? 0) === 0) return;
    const fetch = () => {
      if (this.state.metric === metric) void this.slices.get(metric, true).catch(() => undefined);
    };
    if ('requestIdleCallback' in window) window.requestIdleCallback(fetch, { timeout: 2000 });
    else setTimeout(fetch, 200);
  }

  /**
   * Take a view's rows as the table's (what the downloads then hold), and return the
   * table to draw, or null when it is the one drawn already.
   */
  private tableChange(state: ExplorerState, outcome: ViewRow[] | Error | null): { model: TableModel; key: string } | null {
    this.tableRows = Array.isArray(outcome) ? outcome : [];
    const model = tableModel(this.index, state, state.table, this.tableRows);
    const key = JSON.stringify(model);
    return key === this.drawnTable ? null : { model, key };
  }

  /** A view's rows, computed from the metric's slice, or the error (null: the view has no query). */
  private viewRows(state: ExplorerState, view: ViewKind, query: ViewQuery, slice: CellIndex): ViewRow[] | Error | null {
    if (query.kind !== 'query') return null;
    try {
      return referenceRows(this.index, state, view, slice) ?? [];
    } catch (error) {
      return error instanceof Error ? error : new Error(String(error));
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
 * How long the views are drawn in one task before the page yields to input: a warm redraw
 * (all views in about 10–20 ms) stays one task, and so one layout; a cold one (a view can
 * take 100 ms on a slow phone's first visit) yields after each view.
 */
const TASK_SLICE_MS = 16;

/** Tables longer than this, when off screen, are drawn after the charts' frame (see `draw`). */
const LONG_TABLE_ROWS = 100;

/** Resolves in a task of its own, after input waiting to be handled. */
function nextTask(): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, 0));
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
