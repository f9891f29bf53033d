/**
 * The explorer in the browser: state in the URL, the form, the three linked views, the
 * table and its downloads, the SQL panel. Loaded by boot.ts on the reader's intent.
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
import { regionLevels } from '../lib/contract/published-vocabulary.ts';
import { ipcStreamToFile } from '../lib/explorer/arrow.ts';
import { OTHER, indexCatalog, message, type Catalog, type CatalogIndex, type Dimension } from '../lib/explorer/catalog.ts';
import { targetLines } from '../lib/status/target-level.ts';
import { toCsv, type CsvCell } from '../lib/explorer/csv.ts';
import { unavailableText, viewSummary, viewTitle } from '../lib/explorer/describe.ts';
import { viewFile } from '../lib/explorer/export.ts';
import { downloadName, MIME, type DownloadFormat } from '../lib/explorer/files.ts';
import { viewQueries, type ViewKind, type ViewQuery } from '../lib/explorer/query.ts';
import { toViewRows, type ViewRow } from '../lib/explorer/rows.ts';
import { guardQuery, SQL_ROW_LIMIT } from '../lib/explorer/sql-guard.ts';
import {
  defaultState,
  normalizeState,
  parseState,
  sameState,
  serializeState,
  stateForTarget,
  type ExplorerState,
  type StateProblem,
  type TableView,
} from '../lib/explorer/state.ts';
import { tableModel, type TableModel } from '../lib/explorer/table.ts';
import { formatBytes, formatNumber } from '../lib/format.ts';
import type { BootQueue, EngineStarting, Intent } from './boot.ts';
import { categoryChart, periodChart, regionChart } from './charts.ts';
import { nextStates } from '../lib/explorer/next-states.ts';
import { ResultCache } from '../lib/explorer/result-cache.ts';
import { saveFile } from '../lib/save-file.ts';
import { EngineError, openEngine, type Engine, type UserResult } from './engine.ts';

const VIEWS: readonly ViewKind[] = ['region', 'period', 'category'];

/** Elements of one view's figure. */
interface ViewElements {
  readonly figure: HTMLElement;
  readonly title: HTMLElement;
  readonly body: HTMLElement;
  readonly summary: HTMLElement;
  readonly sql: HTMLElement;
}

function required<T extends Element>(root: ParentNode, selector: string): T {
  const element = root.querySelector<T>(selector);
  if (element === null) throw new Error(`explorer: ${selector} is missing from the page`);
  return element;
}

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
  /** The last result of each view, by its SQL. */
  /** Results of the views' queries (and of the likely next views', run in the background), by SQL. */
  private readonly cache = new ResultCache<Record<string, unknown>[]>(400);
  /** What each view and the table were last drawn from, to redraw only what changed. */
  private readonly drawn = new Map<ViewKind, string>();
  private drawnTable = '';
  private firstViewDrawn = false;
  /** The rows the table shows (what the downloads hold). */
  private tableRows: ViewRow[] = [];
  private userResult: { text: string; result: UserResult; truncated: boolean } | null = null;

  private readonly form: HTMLFormElement;
  private readonly status: HTMLElement;
  private readonly errorBox: HTMLElement;
  private readonly views: Record<ViewKind, ViewElements>;
  private readonly table: HTMLTableElement;
  private readonly sqlForm: HTMLFormElement;
  private readonly sqlText: HTMLTextAreaElement;
  private readonly sqlStatus: HTMLElement;
  private readonly sqlResult: HTMLElement;
  private readonly sqlTable: HTMLElement;

  private readonly root: HTMLElement;
  private readonly index: CatalogIndex;

  constructor(root: HTMLElement, index: CatalogIndex) {
    this.ready = new Promise((resolve) => (this.markReady = resolve));
    this.root = root;
    this.index = index;
    this.catalog = index.catalog;
    this.state = defaultState(index);
    this.form = required(root, '[data-controls]');
    this.status = required(root, '[data-status]');
    this.errorBox = required(root, '[data-error]');
    const viewElements = (view: ViewKind): ViewElements => {
      const figure = required<HTMLElement>(root, `[data-view="${view}"]`);
      return {
        figure,
        title: required(figure, '[data-title]'),
        body: required(figure, '[data-body]'),
        summary: required(figure, '[data-summary]'),
        sql: required(figure, '[data-sql]'),
      };
    };
    this.views = { region: viewElements('region'), period: viewElements('period'), category: viewElements('category') };
    this.table = required(root, '[data-table]');
    this.sqlForm = required(root, '[data-sql-form]');
    this.sqlText = required(root, '[data-sql-text]');
    this.sqlStatus = required(root, '[data-sql-status]');
    this.sqlResult = required(root, '[data-sql-result]');
    this.sqlTable = required(root, '[data-sql-table]');
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
    for (const change of changes) state = this.fromControl(state, change.target);
    this.reportProblems(parsed.problems);
    if (state.sql !== null) {
      this.sqlText.value = state.sql;
      this.sqlStatus.textContent = this.m('explorer.sql.from_link');
    }
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
      if (event.type === 'submit') this.sqlForm.requestSubmit();
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
      void this.apply(this.fromControl(this.state, event.target), 'push', event.timeStamp);
    });
    this.form.addEventListener('submit', (event) => event.preventDefault());
    this.root.addEventListener('click', (event) => this.onClick(event));
    this.sqlForm.addEventListener('submit', (event) => {
      event.preventDefault();
      void this.runSql();
    });
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
        if (view !== undefined) void this.copy(this.views[view].sql.textContent ?? '', this.m('explorer.status.sql_copied'));
        break;
      case 'edit-sql':
        if (view !== undefined) {
          this.sqlText.value = this.views[view].sql.textContent ?? '';
          this.sqlText.focus();
          this.sqlText.scrollIntoView({ block: 'center' });
        }
        break;
      case 'download': {
        // What is on screen once the first view is drawn: a click while the explorer loads waits for it.
        const format = (element.dataset.format ?? 'csv') as DownloadFormat;
        void this.ready.then(() => this.downloadView(format));
        break;
      }
      case 'download-sql':
        void this.downloadSql((element.dataset.format ?? 'csv') as 'csv' | 'arrow');
        break;
      case 'cancel-sql':
        void this.engine?.cancelUser();
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

  /** The state after a form control changed. */
  private fromControl(state: ExplorerState, target: EventTarget | null): ExplorerState {
    if (!(target instanceof HTMLInputElement || target instanceof HTMLSelectElement)) return state;
    const value = target.value;
    switch (target.name) {
      case 'm':
        return { ...state, metric: value, target: null, dimension: null, categories: [] };
      case 'target':
        return value === '' ? { ...state, target: null } : stateForTarget(this.index, state, value);
      case 'from':
        return { ...state, from: value, to: value > state.to ? value : state.to };
      case 'to':
        return { ...state, to: value, from: value < state.from ? value : state.from };
      case 'in':
        return { ...state, scope: value === '' ? null : value, selected: null };
      case 'level':
        return { ...state, level: value as ExplorerState['level'], selected: null };
      case 'by':
        return { ...state, dimension: value === '' ? null : (value as Dimension), categories: [] };
      case 'only': {
        const checked = [...this.form.querySelectorAll<HTMLInputElement>('input[name="only"]:checked')].map((i) => i.value);
        return { ...state, categories: checked };
      }
      case 'table':
        return { ...state, table: value as TableView };
      default:
        return state;
    }
  }

  // ---- Applying a state -------------------------------------------------------------------

  private async apply(next: ExplorerState, history: 'push' | 'replace' | 'none', time: number): Promise<void> {
    const state = normalizeState(this.index, next);
    const changed = !sameState(state, this.state);
    this.state = state;
    // Widths are read before anything on the page changes: read later, they would force a layout.
    const widths = VIEWS.map((view) => Math.max(320, Math.min(1100, Math.round(this.views[view].body.clientWidth || 720))));
    const search = serializeState(this.index, state);
    const url = `${location.pathname}${search === '' ? '' : `?${search}`}${location.hash}`;
    /** The address (and the language switch) follow the state. */
    const record = () => {
      if (history === 'push' && changed && url !== `${location.pathname}${location.search}${location.hash}`) window.history.pushState(null, '', url);
      else if (history !== 'none') window.history.replaceState(null, '', url);
      this.keepLanguage();
    };
    this.syncForm(state);
    const queries = viewQueries(this.index, state);
    for (const view of VIEWS) {
      const query = queries[view];
      this.views[view].sql.textContent = query.kind === 'query' ? query.sql : '';
    }
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
        this.renderView(state, view, queries[view], outcome, widths[i] ?? 720);
        if (view === state.table) {
          this.tableRows = Array.isArray(outcome) ? outcome : [];
          const model = tableModel(this.index, state, state.table, this.tableRows);
          const modelKey = JSON.stringify(model);
          if (modelKey !== this.drawnTable) {
            this.renderTable(model);
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

  private renderView(state: ExplorerState, view: ViewKind, query: ViewQuery, outcome: ViewRow[] | Error | null, width: number): void {
    const el = this.views[view];
    el.title.textContent = viewTitle(this.index, state, view);
    // Redraw only what changed: the rows (same SQL, same rows), what is highlighted, the target, the width.
    const highlight = view === 'region' ? state.selected : view === 'period' ? `${state.from}|${state.to}` : state.categories.join(',');
    const key = JSON.stringify([
      query.kind === 'query' ? query.sql : query.reason,
      outcome instanceof Error ? outcome.message : outcome === null ? null : outcome.length,
      highlight,
      state.target,
      width,
    ]);
    if (this.drawn.get(view) === key) return;
    this.drawn.set(view, key);
    const note = (text: string, error = false) => {
      const p = document.createElement('p');
      p.className = error ? 'explorer-view__message explorer-view__message--error' : 'explorer-view__message';
      if (error) p.setAttribute('role', 'alert');
      p.textContent = text;
      el.body.replaceChildren(p);
      el.summary.textContent = text;
      el.figure.dataset.state = error ? 'error' : 'message';
    };
    if (query.kind === 'unavailable') return note(unavailableText(this.index, query.reason));
    if (outcome instanceof Error) return note(this.m('explorer.error.query', { detail: outcome.message }), true);
    if (outcome === null || outcome.length === 0) return note(this.m('explorer.summary.empty'));
    const metric = this.index.metric(state.metric);
    const target = state.target === null ? undefined : this.index.target(state.target);
    const options = {
      document,
      catalog: this.catalog,
      unit: metric?.unit ?? 'rate',
      targets: target === undefined ? [] : targetLines(target.comparator, metric?.unit ?? 'rate'),
      labelledBy: el.title.id,
      describedBy: el.summary.id,
      width,
    } as const;
    let svg: SVGSVGElement;
    try {
      if (view === 'region') svg = regionChart(outcome, { ...options, selected: state.selected });
      else if (view === 'period') svg = periodChart(outcome, { ...options, from: state.from, to: state.to, deadline: target?.deadline ?? null });
      else svg = categoryChart(outcome, { ...options, kept: state.categories });
    } catch (error) {
      this.drawn.delete(view);
      return note(this.m('explorer.error.draw', { detail: error instanceof Error ? error.message : String(error) }), true);
    }
    el.body.replaceChildren(svg);
    el.summary.textContent = viewSummary(this.index, state, view, outcome);
    el.figure.dataset.state = 'chart';
  }

  private renderTable(model: TableModel): void {
    const caption = document.createElement('caption');
    caption.id = 'explorer-table-caption';
    caption.dataset.caption = '';
    caption.textContent = model.caption;
    const head = document.createElement('thead');
    const headRow = head.insertRow();
    for (const column of model.columns) {
      const th = document.createElement('th');
      th.scope = 'col';
      if (column.numeric) th.className = 'num';
      th.textContent = column.label;
      headRow.append(th);
    }
    const body = document.createElement('tbody');
    const pickKey = `explorer.table.pick.${model.view}`;
    for (const row of model.rows) {
      const tr = body.insertRow();
      tr.dataset.key = row.key;
      if (row.suppressed) tr.className = 'explorer-row--suppressed';
      const th = document.createElement('th');
      th.scope = 'row';
      if (row.pickable) {
        const button = document.createElement('button');
        button.type = 'button';
        button.className = 'explorer-pick';
        button.dataset.action = 'pick';
        button.dataset.view = model.view;
        button.dataset.key = row.key;
        button.setAttribute('aria-pressed', row.pressed ? 'true' : 'false');
        button.title = this.m(pickKey, { name: row.label });
        button.textContent = row.label;
        th.append(button);
      } else {
        th.textContent = row.label;
      }
      tr.append(th);
      for (const cell of row.cells) {
        const td = document.createElement('td');
        td.className = 'num';
        td.textContent = cell;
        tr.append(td);
      }
    }
    this.table.replaceChildren(caption, head, body);
  }

  // ---- The form -------------------------------------------------------------------------

  private syncForm(state: ExplorerState): void {
    const select = (name: string) => this.form.querySelector<HTMLSelectElement>(`select[name="${name}"]`);
    const set = (name: string, value: string) => {
      const el = select(name);
      if (el !== null && el.value !== value) el.value = value;
    };
    set('m', state.metric);
    set('target', state.target ?? '');
    set('from', state.from);
    set('to', state.to);
    set('in', state.scope ?? '');
    set('table', state.table);
    // Levels below the scope only.
    const level = select('level');
    if (level !== null) {
      const scopeLevel = state.scope === null ? null : (this.index.region(state.scope)?.level ?? null);
      for (const option of level.options) {
        const l = option.value as ExplorerState['level'];
        option.disabled = (scopeLevel !== null && regionLevels.indexOf(l) <= regionLevels.indexOf(scopeLevel)) || this.index.regionsAt(l, state.scope).length === 0;
      }
      level.value = state.level;
    }
    // The metric's breakdowns.
    const by = select('by');
    const metric = this.index.metric(state.metric);
    const breakdowns = metric?.breakdowns ?? [];
    if (by !== null) {
      const wanted = breakdowns.length === 0 ? [''] : breakdowns;
      const current = [...by.options].map((o) => o.value);
      if (current.join(',') !== wanted.join(',')) {
        by.replaceChildren(
          ...wanted.map((d) => {
            const option = document.createElement('option');
            option.value = d;
            option.textContent = d === '' ? this.m('explorer.controls.by.none') : this.catalog.dimensions[d as Dimension].label;
            return option;
          }),
        );
      }
      by.value = state.dimension ?? '';
    }
    // The categories of the breakdown.
    const options = required<HTMLElement>(this.form, '[data-only-options]');
    const dimension = state.dimension;
    const codes = dimension === null ? [] : this.catalog.dimensions[dimension].categories.map((c) => c.code);
    const shown = [...options.querySelectorAll<HTMLInputElement>('input[name="only"]')].map((i) => i.value);
    if (shown.join(',') !== codes.join(',') || dimension === null) {
      if (dimension === null) {
        const p = document.createElement('p');
        p.className = 'explorer-only__none';
        p.textContent = this.m('explorer.controls.only.none');
        options.replaceChildren(p);
      } else {
        options.replaceChildren(
          ...this.catalog.dimensions[dimension].categories.map((c) => {
            const label = document.createElement('label');
            label.className = 'explorer-check';
            const input = document.createElement('input');
            input.type = 'checkbox';
            input.name = 'only';
            input.value = c.code;
            const span = document.createElement('span');
            span.textContent = c.label;
            label.append(input, span);
            return label;
          }),
        );
      }
    }
    for (const input of options.querySelectorAll<HTMLInputElement>('input[name="only"]')) input.checked = state.categories.includes(input.value);
    // The selected region.
    const selected = required<HTMLElement>(this.form, '[data-selected]');
    selected.hidden = state.selected === null;
    required<HTMLElement>(selected, '[data-selected-name]').textContent =
      state.selected === null ? '' : this.m('explorer.controls.selected', { name: this.index.regionName(state.selected) });
  }

  /** The language switch goes to the same view in the other language. */
  private keepLanguage(): void {
    const link = document.querySelector<HTMLAnchorElement>('[data-testid="lang-switch"]');
    if (link !== null) link.search = location.search;
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

  private save(name: string, data: string | Uint8Array, type: string): void {
    saveFile(name, new Blob([data as BlobPart], { type }));
    this.setStatus(this.m('explorer.status.downloaded', { file: name }));
  }

  private downloadView(format: DownloadFormat): void {
    const view = this.state.table;
    const subject = { metric: this.state.metric, view: view === 'region' ? 'regions' : view === 'period' ? 'periods' : 'categories' } as const;
    this.save(downloadName(subject, this.catalog.vintage, format), viewFile(this.tableRows, format), MIME[format]);
  }

  // ---- The SQL panel --------------------------------------------------------------------

  private async runSql(): Promise<void> {
    const text = this.sqlText.value;
    const guarded = guardQuery(text);
    if (!guarded.ok) {
      this.sqlStatus.textContent = this.m(guarded.reason === 'empty' ? 'explorer.sql.empty' : 'explorer.sql.too_long');
      return;
    }
    const engine = this.engine;
    if (engine === null) return;
    void this.apply({ ...this.state, sql: text }, 'push', performance.now());
    const run = required<HTMLButtonElement>(this.sqlForm, '[data-action="run-sql"]');
    const stop = required<HTMLButtonElement>(this.sqlForm, '[data-action="cancel-sql"]');
    run.disabled = true;
    stop.disabled = false;
    this.sqlStatus.textContent = this.m('explorer.sql.running');
    this.root.dataset.sql = 'running';
    const started = performance.now();
    try {
      const result = await engine.runUser(guarded.sql);
      const truncated = result.rows.length > SQL_ROW_LIMIT;
      this.userResult = { text, result, truncated };
      this.renderSqlResult(result, truncated);
      const ms = String(Math.round(performance.now() - started));
      const rows = formatNumber(this.catalog.locale, Math.min(result.rows.length, SQL_ROW_LIMIT));
      this.sqlStatus.textContent = [this.m('explorer.sql.done', { rows, ms }), truncated ? this.m('explorer.sql.truncated', { limit: formatNumber(this.catalog.locale, SQL_ROW_LIMIT) }) : '']
        .filter(Boolean)
        .join(' ');
      this.root.dataset.sql = 'done';
    } catch (error) {
      const detail = error instanceof Error ? error.message : String(error);
      this.sqlStatus.textContent = /cancel|interrupt/i.test(detail) ? this.m('explorer.sql.cancelled') : this.m('explorer.sql.error', { detail });
      this.root.dataset.sql = 'error';
    } finally {
      run.disabled = false;
      stop.disabled = true;
    }
  }

  private renderSqlResult(result: UserResult, truncated: boolean): void {
    const table = document.createElement('table');
    const head = table.createTHead().insertRow();
    for (const column of result.columns) {
      const th = document.createElement('th');
      th.scope = 'col';
      th.textContent = column.name;
      head.append(th);
    }
    const body = table.createTBody();
    const rows = truncated ? result.rows.slice(0, SQL_ROW_LIMIT) : result.rows;
    for (const row of rows) {
      const tr = body.insertRow();
      for (const column of result.columns) {
        const td = tr.insertCell();
        const value = row[column.name];
        td.textContent = cellText(value);
        if (typeof value === 'number' || typeof value === 'bigint') td.className = 'num';
      }
    }
    this.sqlTable.replaceChildren(table);
    this.sqlResult.hidden = false;
  }

  private async downloadSql(format: 'csv' | 'arrow'): Promise<void> {
    const last = this.userResult;
    if (last === null) return;
    const name = downloadName({ sql: true }, this.catalog.vintage, format);
    if (format === 'csv') {
      const rows = (last.truncated ? last.result.rows.slice(0, SQL_ROW_LIMIT) : last.result.rows).map((row) =>
        last.result.columns.map((c): CsvCell => csvValue(row[c.name])),
      );
      this.save(name, toCsv(last.result.columns.map((c) => c.name), rows), MIME.csv);
      return;
    }
    let ipc = last.result.ipc;
    if (last.truncated && this.engine !== null) {
      // Exactly the rows shown: run it again with the shown limit.
      const guarded = guardQuery(last.text, SQL_ROW_LIMIT - 1);
      if (guarded.ok) ipc = (await this.engine.runUser(guarded.sql)).ipc;
    }
    this.save(name, ipcStreamToFile(ipc), MIME.arrow);
  }
}

/** A result value as table text. */
function cellText(value: unknown): string {
  if (value === null || value === undefined) return 'NULL';
  if (value instanceof Date) return value.toISOString().replace('T00:00:00.000Z', '');
  if (typeof value === 'object') return JSON.stringify(value, (_k, v: unknown) => (typeof v === 'bigint' ? v.toString() : v));
  return String(value);
}

/** A result value as a CSV cell (numbers stay numbers). */
function csvValue(value: unknown): CsvCell {
  if (value === null || value === undefined) return null;
  if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'string') return value;
  if (typeof value === 'bigint') return value.toString();
  return cellText(value);
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
