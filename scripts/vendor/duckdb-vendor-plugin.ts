/**
 * A Vite plugin that serves the explorer build-time copies of two DuckDB-WASM files, made
 * faster to start:
 *
 * - the browser worker, patched (patch-duckdb-worker.ts): imports of
 *   `@duckdb/duckdb-wasm/dist/duckdb-browser-eh.worker.js?url` resolve to the copy;
 * - the "eh" wasm module without the exports the worker cannot reach
 *   (duckdb-wasm-exports.ts, strip-wasm-exports.ts), gzip-compressed: imports of
 *   `@duckdb/duckdb-wasm/dist/duckdb-eh.wasm?url` resolve to `duckdb-eh.wasm.gz`, which the
 *   patched worker decompresses as it streams to the compiler. So the module travels
 *   compressed (6.4 MB instead of 26.8 MB) whatever serves the site, and no file of the
 *   site is over the 25 MiB that common static hosts accept.
 *
 * The copies are written at the start of each build (and dev server) under
 * node_modules/.cache/, so the package itself is never modified and the copies always
 * match the installed version.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { constants, gzipSync } from 'node:zlib';
import { duckdbExportsToKeep } from './duckdb-wasm-exports.ts';
import { patchDuckdbWorker } from './patch-duckdb-worker.ts';
import { stripWasmExports } from './strip-wasm-exports.ts';

/** The worker's import specifier (without the `?url` query). */
export const DUCKDB_WORKER = '@duckdb/duckdb-wasm/dist/duckdb-browser-eh.worker.js';

/** The wasm module's import specifier (without the `?url` query). */
export const DUCKDB_WASM = '@duckdb/duckdb-wasm/dist/duckdb-eh.wasm';

/** A minimal Vite plugin shape (the project does not depend on Vite's types directly). */
export interface VendorPlugin {
  readonly name: string;
  readonly enforce: 'pre';
  buildStart(): void;
  resolveId(id: string): string | null;
}

/** The build-time copies: the patched worker's source, and the stripped module's bytes (raw and gzip). */
export function duckdbVendorFiles(root: string = process.cwd()): { worker: string; wasm: Uint8Array; wasmGzip: Uint8Array } {
  const resolve = createRequire(join(root, 'package.json')).resolve;
  const worker = patchDuckdbWorker(readFileSync(resolve(DUCKDB_WORKER), 'utf8'));
  const { bytes } = stripWasmExports(readFileSync(resolve(DUCKDB_WASM)), duckdbExportsToKeep(worker));
  return { worker, wasm: bytes, wasmGzip: gzipSync(bytes, { level: constants.Z_BEST_COMPRESSION }) };
}

/** The plugin; `root` is the project folder (its node_modules/.cache receives the copies). */
export function duckdbVendorPlugin(root: string = process.cwd()): VendorPlugin {
  const cache = join(root, 'node_modules', '.cache', 'duckdb-wasm');
  const copies: Record<string, string> = {
    [DUCKDB_WORKER]: join(cache, 'duckdb-browser-eh.worker.js'),
    [DUCKDB_WASM]: join(cache, 'duckdb-eh.wasm.gz'),
  };
  let written = false;
  const write = () => {
    if (written) return;
    const { worker, wasmGzip } = duckdbVendorFiles(root);
    mkdirSync(cache, { recursive: true });
    writeFileSync(copies[DUCKDB_WORKER]!, worker);
    writeFileSync(copies[DUCKDB_WASM]!, wasmGzip);
    written = true;
  };
  return {
    name: 'duckdb-vendor',
    enforce: 'pre',
    buildStart: write,
    resolveId(id) {
      const [path, query] = id.split('?');
      const copy = path === undefined ? undefined : copies[path];
      if (copy === undefined) return null;
      write();
      return `${copy}${query === undefined ? '' : `?${query}`}`;
    },
  };
}
