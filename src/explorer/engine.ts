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
 * The wasm module is sent gzip-compressed whatever serves it (no file of the site over
 * 25 MiB, and no waiting on a host that does not compress): the patched worker
 * decompresses it as it streams to the compiler (scripts/vendor/patch-duckdb-worker.ts).
 *
 * Tables: `cube` (the published cube.arrow, Arrow IPC stream), `regions` and `metrics`
 * (the names and labels the page shows, from the catalog). Only the SQL panel uses the
 * engine (src/explorer/sql-panel.ts); the views are computed without it.
 */
import { AsyncDuckDB, VoidLogger } from '@duckdb/duckdb-wasm';
import ehWasm from '@duckdb/duckdb-wasm/dist/duckdb-eh.wasm?url';
import { tableFromIPC } from '@uwdata/flechette';
import { startDuckdbWorker, type StartedWorker } from './duckdb-worker-start.ts';
import { ident } from '../lib/sql/quote.ts';
import { catalogTablesSql, LOCK_SETTINGS, SAFE_SETTINGS } from '../lib/explorer/engine-sql.ts';
import { EngineError } from './engine-error.ts';
import { fetchChecked } from './fetch-checked.ts';
import type { Catalog } from '../lib/explorer/catalog.ts';
import { CUBE_TABLE } from '../lib/explorer/query.ts';

/** A result of the SQL panel. */
export interface UserResult {
  readonly columns: readonly { readonly name: string; readonly type: string }[];
  readonly rows: readonly Record<string, unknown>[];
  /** The result as an Arrow IPC stream, as DuckDB returned it. */
  readonly ipc: Uint8Array;
}

/** A running engine. */
export interface Engine {
  /** The cube's number of rows (as the manifest says). */
  readonly rows: number;
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

/** A DuckDB-WASM being started, and the cube's slices being fetched, before anything is loaded. */
export interface EngineStart {
  /** Every slice of the cube (Arrow IPC streams), in catalog order. */
  readonly cube: Promise<Uint8Array[]>;
  readonly ready: Promise<{ readonly db: AsyncDuckDB; readonly viewConn: number; readonly userConn: number }>;
}

/**
 * Start DuckDB-WASM in its worker and fetch the cube's slices (which travel compressed,
 * 1.7 MB in all for the demo's 12.5 MB cube), both at once; `started` is a worker
 * started already (a new one if not given), `progress` hears how many bytes of the wasm
 * module arrived (and how many the server said it sends, 0 when it did not say).
 */
export function startEngine(
  catalog: Catalog,
  started: StartedWorker = startDuckdbWorker(),
  progress: (loaded: number, total: number) => void = () => undefined,
): EngineStart {
  const cube = Promise.all(Object.values(catalog.cube.slices).map((file) => fetchChecked(file)));
  const ready = (async () => {
    try {
      const { worker, failed } = started;
      const db = new AsyncDuckDB(new VoidLogger(), worker);
      await Promise.race([db.instantiate(new URL(ehWasm, location.href).href, null, (p) => progress(p.bytesLoaded, p.bytesTotal)), failed]);
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
 * Load the published tables into a started DuckDB-WASM (starting it if need be): the
 * catalog tables and the whole cube (its slices, one after the other, into the table
 * `cube`), then lock the database and check the cube's rows against the manifest.
 */
export async function openEngine(catalog: Catalog, start: EngineStart = startEngine(catalog)): Promise<Engine> {
  const { db, viewConn, userConn } = await start.ready;
  const slices = await start.cube;
  performance.mark('explorer:cube-fetched');
  let rows: number;
  try {
    for (const s of catalogTablesSql(catalog)) await db.runQuery(viewConn, s);
    for (const [i, bytes] of slices.entries()) await db.insertArrowFromIPCStream(viewConn, bytes, { name: CUBE_TABLE, create: i === 0 });
    performance.mark('explorer:cube-inserted');
    for (const s of LOCK_SETTINGS) await db.runQuery(viewConn, s);
    rows = Number(ipcRows(await db.runQuery(viewConn, `SELECT count(*) AS n FROM ${ident(CUBE_TABLE)}`)).rows[0]?.n);
  } catch (error) {
    throw new EngineError('data', error instanceof Error ? error.message : String(error), catalog.cube.path);
  }
  if (catalog.cube.rows > 0 && rows !== catalog.cube.rows) {
    throw new EngineError('data', `${String(rows)} rows ≠ manifest ${String(catalog.cube.rows)}`, catalog.cube.path);
  }

  let userRunning = false;
  return {
    rows,
    async runUser(sql) {
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
