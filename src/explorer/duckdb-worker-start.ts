/**
 * Start DuckDB-WASM's worker: the package's "eh" worker, served from /_astro/ as the build
 * patched it (scripts/vendor/duckdb-vendor-plugin.ts). Kept apart from engine.ts so that the entry script can start
 * the worker the moment the reader shows intent, while engine.ts (DuckDB-WASM's client and
 * Arrow) is still loading: the worker's script and the wasm then load in parallel with it.
 */
import ehWorker from '@duckdb/duckdb-wasm/dist/duckdb-browser-eh.worker.js?url';

/** A started worker, and its failure to load (reported only as an event, so listened to at once). */
export interface StartedWorker {
  readonly worker: Worker;
  /** Rejects if the worker reports an error before it is handed over; never resolves. */
  readonly failed: Promise<never>;
}

/** A new DuckDB-WASM worker of this site. */
export function startDuckdbWorker(): StartedWorker {
  const worker = new Worker(new URL(ehWorker, location.href));
  performance.mark('explorer:worker-created');
  const failed = new Promise<never>((_resolve, reject) => {
    worker.addEventListener('error', (event) => reject(new Error(event.message || 'the DuckDB worker did not start')), { once: true });
  });
  failed.catch(() => undefined);
  return { worker, failed };
}
