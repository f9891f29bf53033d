/**
 * The SQL panel: a reader's own query over the published tables, guarded
 * (src/lib/explorer/sql-guard.ts: one read-only statement, at most SQL_ROW_LIMIT rows shown),
 * run on DuckDB-WASM with a stop button, its result as a table and as CSV or Arrow files.
 *
 * The panel is the only part of the explorer that needs DuckDB-WASM (the views are
 * computed from the metric slices), so it starts the engine itself, the first time the
 * reader comes to it (`prepare`): the engine's code, its 27 MB module (sent compressed)
 * and the whole cube load then, with their progress in the panel's status line.
 */
import { message, type Catalog } from '../lib/explorer/catalog.ts';
import { cellText } from '../lib/explorer/result-values.ts';
import { guardQuery, SQL_ROW_LIMIT } from '../lib/explorer/sql-guard.ts';
import { formatBytes, formatNumber } from '../lib/format.ts';
import { save, sqlArrowDownload, sqlCsvDownload, type Download } from './downloads.ts';
import type { Engine, UserResult } from './engine.ts';
import { EngineError } from './engine-error.ts';
import { requiredElement } from './required-element.ts';

/** What the panel needs from the explorer around it. */
export interface SqlPanelHost {
  /** The query is about to run: keep it in the view's state (and so in the address). */
  remember(text: string): void;
  /** A file was handed to the reader. */
  saved(download: Download): void;
}

/** The last result, and what the reader asked. */
interface LastResult {
  readonly text: string;
  readonly result: UserResult;
  readonly truncated: boolean;
}

/** The SQL panel of the explorer (`[data-sql-form]` and its result). */
export class SqlPanel {
  readonly form: HTMLFormElement;
  private readonly text: HTMLTextAreaElement;
  private readonly status: HTMLElement;
  private readonly result: HTMLElement;
  private readonly table: HTMLElement;
  private readonly root: HTMLElement;
  private readonly catalog: Catalog;
  private readonly host: SqlPanelHost;
  private last: LastResult | null = null;
  /** DuckDB-WASM, once asked for. */
  private engine: Promise<Engine> | null = null;
  private started: Engine | null = null;

  constructor(root: HTMLElement, catalog: Catalog, host: SqlPanelHost) {
    this.root = root;
    this.catalog = catalog;
    this.host = host;
    this.form = requiredElement(root, '[data-sql-form]');
    this.text = requiredElement(root, '[data-sql-text]');
    this.status = requiredElement(root, '[data-sql-status]');
    this.result = requiredElement(root, '[data-sql-result]');
    this.table = requiredElement(root, '[data-sql-table]');
    this.form.addEventListener('submit', (event) => {
      event.preventDefault();
      void this.run();
    });
    // The engine starts when the reader comes to the panel, before they run anything.
    const section = requiredElement(root, '[data-sql-section]');
    const come = () => void this.prepare().catch(() => undefined);
    section.addEventListener('focusin', come);
    section.addEventListener('pointerdown', come);
  }

  private m(key: string, params: Readonly<Record<string, string | number>> = {}): string {
    return message(this.catalog, key, params);
  }

  /** Put a query from a shared link in the box (it runs when the reader asks; the engine starts now). */
  fromLink(sql: string): void {
    this.text.value = sql;
    this.status.textContent = this.m('explorer.sql.from_link');
    void this.prepare().catch(() => undefined);
  }

  /**
   * Start DuckDB-WASM and load the published tables (once; again after a failure), with
   * the progress in the panel's status line and `data-engine` on the explorer
   * (`loading`, `ready`, `error`).
   */
  prepare(): Promise<Engine> {
    this.engine ??= this.open().catch((error: unknown) => {
      this.engine = null;
      this.root.dataset.engine = 'error';
      const detail = error instanceof Error ? error.message : String(error);
      this.status.textContent =
        error instanceof EngineError && error.stage === 'data'
          ? this.m('explorer.error.data', { file: error.file ?? this.catalog.cube.path, detail })
          : this.m('explorer.sql.engine_failed', { detail });
      throw error;
    });
    return this.engine;
  }

  private async open(): Promise<Engine> {
    const locale = this.catalog.locale;
    this.root.dataset.engine = 'loading';
    this.status.textContent = this.m('explorer.sql.engine_loading');
    const started = performance.now();
    const [{ startDuckdbWorker }, { startEngine, openEngine }] = await Promise.all([import('./duckdb-worker-start.ts'), import('./engine.ts')]);
    const start = startEngine(this.catalog, startDuckdbWorker(), (loaded, total) => {
      if (this.started !== null) return;
      // A server that adds its own compression hands over more bytes than it says it sends.
      this.status.textContent =
        total > 0 && loaded <= total
          ? this.m('explorer.sql.engine_progress', { loaded: formatBytes(locale, loaded), total: formatBytes(locale, total), percent: Math.floor((loaded / total) * 100) })
          : this.m('explorer.sql.engine_bytes', { loaded: formatBytes(locale, loaded) });
    });
    void start.ready.then(() => {
      if (this.started === null) this.status.textContent = this.m('explorer.sql.engine_cube', { size: formatBytes(locale, Object.values(this.catalog.cube.slices).reduce((n, f) => n + f.bytes, 0)) });
    });
    const engine = await openEngine(this.catalog, start);
    const cells = engine.rows;
    this.started = engine;
    performance.measure('explorer:engine', { start: started, end: performance.now() });
    this.root.dataset.engine = 'ready';
    if (this.root.dataset.sql !== 'running') {
      this.status.textContent = this.m('explorer.sql.engine_ready', {
        cells: formatNumber(locale, cells),
        seconds: ((performance.now() - started) / 1000).toFixed(1),
      });
    }
    return engine;
  }

  /** Put a view's query in the box to edit. */
  edit(sql: string): void {
    this.text.value = sql;
    void this.prepare().catch(() => undefined);
    this.text.focus();
    this.text.scrollIntoView({ block: 'center' });
  }

  /** Run the query in the box. */
  async run(): Promise<void> {
    const text = this.text.value;
    const guarded = guardQuery(text);
    if (!guarded.ok) {
      this.status.textContent =
        guarded.reason === 'not_query'
          ? this.m('explorer.sql.not_query', { keyword: guarded.keyword })
          : this.m(guarded.reason === 'empty' ? 'explorer.sql.empty' : guarded.reason === 'several' ? 'explorer.sql.several' : 'explorer.sql.too_long');
      if (guarded.reason !== 'empty') this.root.dataset.sql = 'error';
      return;
    }
    this.host.remember(text);
    const run = requiredElement<HTMLButtonElement>(this.form, '[data-action="run-sql"]');
    const stop = requiredElement<HTMLButtonElement>(this.form, '[data-action="cancel-sql"]');
    let engine: Engine;
    try {
      engine = await this.prepare();
    } catch {
      // prepare() said why.
      this.root.dataset.sql = 'error';
      return;
    }
    run.disabled = true;
    stop.disabled = false;
    this.status.textContent = this.m('explorer.sql.running');
    this.root.dataset.sql = 'running';
    const started = performance.now();
    try {
      const result = await engine.runUser(guarded.sql);
      const truncated = result.rows.length > SQL_ROW_LIMIT;
      this.last = { text, result, truncated };
      this.render(result, truncated);
      const ms = String(Math.round(performance.now() - started));
      const rows = formatNumber(this.catalog.locale, Math.min(result.rows.length, SQL_ROW_LIMIT));
      this.status.textContent = [this.m('explorer.sql.done', { rows, ms }), truncated ? this.m('explorer.sql.truncated', { limit: formatNumber(this.catalog.locale, SQL_ROW_LIMIT) }) : '']
        .filter(Boolean)
        .join(' ');
      this.root.dataset.sql = 'done';
    } catch (error) {
      const detail = error instanceof Error ? error.message : String(error);
      this.status.textContent = /cancel|interrupt/i.test(detail) ? this.m('explorer.sql.cancelled') : this.m('explorer.sql.error', { detail });
      this.root.dataset.sql = 'error';
    } finally {
      run.disabled = false;
      stop.disabled = true;
    }
  }

  /** Stop the query that is running. */
  cancel(): void {
    void this.started?.cancelUser();
  }

  private render(result: UserResult, truncated: boolean): void {
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
    this.table.replaceChildren(table);
    this.result.hidden = false;
  }

  /** The rows shown, as a file. */
  async download(format: 'csv' | 'arrow'): Promise<void> {
    const last = this.last;
    if (last === null) return;
    let file: Download;
    if (format === 'csv') {
      file = sqlCsvDownload(this.catalog, last.result, last.truncated ? SQL_ROW_LIMIT : last.result.rows.length);
    } else {
      let ipc = last.result.ipc;
      const engine = this.started;
      if (last.truncated && engine !== null) {
        // Exactly the rows shown: run it again with the shown limit.
        const guarded = guardQuery(last.text, SQL_ROW_LIMIT - 1);
        if (guarded.ok) ipc = (await engine.runUser(guarded.sql)).ipc;
      }
      file = sqlArrowDownload(this.catalog, ipc);
    }
    save(file);
    this.host.saved(file);
  }
}
