/**
 * The explorer's connection to DuckDB-WASM, which runs in a Web Worker.
 *
 * Self-hosted: the worker and the wasm are the package's exception-handling ("eh") bundle,
 * emitted into the site by Vite (`?url` imports: hashed files under /_astro/), loaded from
 * this site only. No bundle selection, no CDN, no DuckDB extension: extension loading and
 * installing are switched off before any query, and after the published tables are loaded
 * the database is locked (no file or network access, configuration frozen), so a reader's
 * own query in the SQL panel can only read the published tables.
 *
 * The worker and the wasm are build-time copies that start faster (scripts/vendor/): among
 * other things the worker hands the fetched wasm response straight to the compiler, so that
 * the browser can reuse the compiled module on a later visit.
 *
 * Tables: `cube` (the published cube.arrow, Arrow IPC stream), `regions` and `metrics`
 * (the names and labels the page shows, from the catalog). The metric of the first view is
 * loaded first, the whole cube right after the first view is drawn (see openEngine).
 */
import { AsyncDuckDB, VoidLogger } from '@duckdb/duckdb-wasm';
import ehWasm from '@duckdb/duckdb-wasm/dist/duckdb-eh.wasm?url';
import { tableFromIPC } from '@uwdata/flechette';
import { startDuckdbWorker, type StartedWorker } from './duckdb-worker-start.ts';
import { ident } from '../lib/sql/quote.ts';
import { catalogTablesSql, LOCK_SETTINGS, SAFE_SETTINGS } from '../lib/explorer/engine-sql.ts';
import type { Catalog, CatalogFile } from '../lib/explorer/catalog.ts';
import { CUBE_TABLE } from '../lib/explorer/query.ts';

/** What failed: starting the engine, loading a data file, or a query. */
export type EngineStage = 'start' | 'data' | 'query';

/** An engine failure, with what to tell the reader. */
export class EngineError extends Error {
  override name = 'EngineError';
  readonly stage: EngineStage;
  /** The file that did not load, for stage `data`. */
  readonly file: string | null;

  constructor(stage: EngineStage, detail: string, file: string | null = null) {
    super(detail);
    this.stage = stage;
    this.file = file;
  }
}

/** A result of the SQL panel. */
export interface UserResult {
  readonly columns: readonly { readonly name: string; readonly type: string }[];
  readonly rows: readonly Record<string, unknown>[];
  /** The result as an Arrow IPC stream, as DuckDB returned it. */
  readonly ipc: Uint8Array;
}

/** A running engine. */
export interface Engine {
  /**
   * Load all of the published cube (if only the first metric is loaded yet); resolves with
   * its number of rows. Started by the explorer once its first view is drawn, so that the
   * first queries do not wait behind it; queries that need it start it themselves.
   */
  loadAll(): Promise<number>;
  /** Run one of the explorer's view queries (of `metric`); rows as plain objects. */
  query(sql: string, metric: string): Promise<Record<string, unknown>[]>;
  /** Run a reader's query (already wrapped by guardQuery), one statement only, cancellable. */
  runUser(sql: string): Promise<UserResult>;
  /** Cancel the reader's query, if one is running. */
  cancelUser(): Promise<void>;
  /** Stop the worker. */
  terminate(): Promise<void>;
}

/** End-of-stream marker of the Arrow IPC format. */
const EOS = new Uint8Array([0xff, 0xff, 0xff, 0xff, 0, 0, 0, 0]);

function concat(parts: readonly Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let offset = 0;
  for (const p of parts) {
    out.set(p, offset);
    offset += p.length;
  }
  return out;
}

/** Plain objects from an Arrow IPC stream. */
export function ipcRows(ipc: Uint8Array): { rows: Record<string, unknown>[]; columns: { name: string; type: string }[] } {
  const table = tableFromIPC(ipc, { useDate: true });
  return {
    rows: table.toArray() as Record<string, unknown>[],
    columns: table.schema.fields.map((f) => ({ name: f.name, type: typeName(f.type.typeId) })),
  };
}

/** A readable name of an Arrow type id (flechette's Type enum). */
function typeName(id: number): string {
  const names: Record<string, string> = { '1': 'null', '2': 'integer', '3': 'float', '4': 'binary', '5': 'text', '6': 'boolean', '7': 'decimal', '8': 'date', '9': 'time', '10': 'timestamp', '11': 'interval', '12': 'list', '13': 'struct', '14': 'union', '15': 'binary', '16': 'list', '17': 'map', '18': 'duration', '19': 'binary', '20': 'text', '21': 'list', '-1': 'dictionary' };
  return names[String(id)] ?? 'value';
}

/** SHA-256 of bytes, hex (null where the browser offers no digest, e.g. on plain http). */
async function sha256(bytes: Uint8Array): Promise<string | null> {
  if (globalThis.crypto?.subtle === undefined) return null;
  const digest = await globalThis.crypto.subtle.digest('SHA-256', bytes as Uint8Array<ArrayBuffer>);
  return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, '0')).join('');
}

/** Fetch a data file of the site and check it against the catalog. */
async function fetchChecked(file: CatalogFile): Promise<Uint8Array> {
  let response: Response;
  try {
    response = await fetch(file.path, { credentials: 'same-origin' });
  } catch (error) {
    throw new EngineError('data', error instanceof Error ? error.message : String(error), file.path);
  }
  if (!response.ok) throw new EngineError('data', `HTTP ${String(response.status)} ${response.statusText}`.trim(), file.path);
  const bytes = new Uint8Array(await response.arrayBuffer());
  const digest = await sha256(bytes);
  if (digest !== null && file.sha256 !== '' && digest !== file.sha256) {
    throw new EngineError('data', `SHA-256 ${digest.slice(0, 12)}… ≠ manifest ${file.sha256.slice(0, 12)}…`, file.path);
  }
  return bytes;
}

/** A DuckDB-WASM being started, and the cube being fetched, before anything is loaded. */
export interface EngineStart {
  readonly cube: Promise<Uint8Array>;
  readonly ready: Promise<{ readonly db: AsyncDuckDB; readonly viewConn: number; readonly userConn: number }>;
}

/**
 * Start DuckDB-WASM in its worker and fetch the cube, both at once. Called as soon as the
 * reader shows intent (src/explorer/boot.ts), while the explorer's own code still loads;
 * `started` is the worker the entry script started already (a new one if not given).
 */
export function startEngine(catalog: Catalog, started: StartedWorker = startDuckdbWorker()): EngineStart {
  const cube = fetchChecked(catalog.cube);
  const ready = (async () => {
    try {
      const { worker, failed } = started;
      const db = new AsyncDuckDB(new VoidLogger(), worker);
      await Promise.race([db.instantiate(new URL(ehWasm, location.href).href), failed]);
      performance.mark('explorer:engine-instantiated');
      await db.open({ path: ':memory:', query: { castBigIntToDouble: true, castDecimalToDouble: true } });
      performance.mark('explorer:engine-opened');
      const viewConn = await db.connectInternal();
      const userConn = await db.connectInternal();
      for (const s of SAFE_SETTINGS) await db.runQuery(viewConn, s);
      return { db, viewConn, userConn };
    } catch (error) {
      throw new EngineError('start', error instanceof Error ? error.message : String(error));
    }
  })();
  // Awaited later; not an unhandled rejection meanwhile.
  cube.catch(() => undefined);
  ready.catch(() => undefined);
  return { cube, ready };
}

/**
 * Load the published tables into a started DuckDB-WASM (starting it if need be).
 *
 * The rows of `firstMetric` (the metric of the view to draw first) are loaded first, as
 * table `cube`, and the engine is returned then; the whole cube follows when `loadAll()` is
 * called and replaces it in one statement. Until it has, only queries of `firstMetric` run;
 * the others, and the SQL panel's, wait for it (and start it).
 */
export async function openEngine(catalog: Catalog, firstMetric: string | null = null, start: EngineStart = startEngine(catalog)): Promise<Engine> {
  // The first metric's rows (cut out of the cube at build time) load while the worker starts.
  const cube = start.cube;
  const sliceFile = firstMetric === null ? undefined : catalog.cube.slices[firstMetric];
  const slice = sliceFile === undefined ? Promise.resolve(null) : fetchChecked(sliceFile).catch(() => null);
  const { db, viewConn, userConn } = await start.ready;
  const bytes = await cube;
  performance.mark('explorer:cube-fetched');
  const first = await slice;
  const dataError = (error: unknown) => new EngineError('data', error instanceof Error ? error.message : String(error), catalog.cube.path);

  /** Load the whole cube as `table`, the catalog tables, lock, and check the rows. */
  const loadAll = async (table: string): Promise<number> => {
    await db.insertArrowFromIPCStream(viewConn, bytes, { name: table });
    if (table !== CUBE_TABLE) await db.runQuery(viewConn, `DROP TABLE ${ident(CUBE_TABLE)}; ALTER TABLE ${ident(table)} RENAME TO ${ident(CUBE_TABLE)}`);
    performance.mark('explorer:cube-inserted');
    for (const s of LOCK_SETTINGS) await db.runQuery(viewConn, s);
    const n = Number(ipcRows(await db.runQuery(viewConn, `SELECT count(*) AS n FROM ${ident(CUBE_TABLE)}`)).rows[0]?.n);
    if (catalog.cube.rows > 0 && n !== catalog.cube.rows) throw new Error(`${String(n)} rows ≠ manifest ${String(catalog.cube.rows)}`);
    return n;
  };

  let complete: Promise<number> | null = null;
  let partial = false;
  try {
    if (first !== null) {
      await db.insertArrowFromIPCStream(viewConn, first, { name: CUBE_TABLE });
      performance.mark('explorer:metric-inserted');
      partial = true;
    } else {
      for (const s of catalogTablesSql(catalog)) await db.runQuery(viewConn, s);
      complete = Promise.resolve(await loadAll(CUBE_TABLE));
    }
  } catch (error) {
    throw dataError(error);
  }
  /** Load the rest (once): the catalog tables and the whole cube, which replaces the first metric's rows. */
  const whole = (): Promise<number> => {
    complete ??= (async () => {
      for (const s of catalogTablesSql(catalog)) await db.runQuery(viewConn, s);
      return loadAll(`${CUBE_TABLE}_all`);
    })()
      .catch((error: unknown) => Promise.reject(dataError(error)))
      .finally(() => {
        partial = false;
      });
    return complete;
  };

  let userRunning = false;
  return {
    loadAll: whole,
    async query(sql, metric) {
      if (partial && metric !== firstMetric) await whole();
      try {
        return ipcRows(await db.runQuery(viewConn, sql)).rows;
      } catch (error) {
        throw new EngineError('query', error instanceof Error ? error.message : String(error));
      }
    },
    async runUser(sql) {
      await whole();
      try {
        // Preparing refuses a second statement; then run it as a pending query, which can be cancelled.
        const statement = await db.createPrepared(userConn, sql);
        await db.closePrepared(userConn, statement);
        userRunning = true;
        let header = await db.startPendingQuery(userConn, sql, false);
        while (header === null) header = await db.pollPendingQuery(userConn);
        const parts: Uint8Array[] = [header];
        for (;;) {
          const chunk = await db.fetchQueryResults(userConn);
          if (chunk === null) continue;
          if (chunk.length === 0) break;
          parts.push(chunk);
        }
        const ipc = concat([...parts, EOS]);
        return { ...ipcRows(ipc), ipc };
      } catch (error) {
        throw new EngineError('query', error instanceof Error ? error.message : String(error));
      } finally {
        userRunning = false;
      }
    },
    async cancelUser() {
      if (userRunning) await db.cancelPendingQuery(userConn);
    },
    async terminate() {
      await db.terminate();
    },
  };
}
