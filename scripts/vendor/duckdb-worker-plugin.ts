/**
 * A Vite plugin that serves the explorer a patched copy of DuckDB-WASM's browser worker
 * (see patch-duckdb-worker.ts): imports of
 * `@duckdb/duckdb-wasm/dist/duckdb-browser-eh.worker.js?url` resolve to the patched copy,
 * written at the start of each build (and dev server) under node_modules/.cache/, so the
 * package itself is never modified and the copy always matches the installed version.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { patchDuckdbWorker } from './patch-duckdb-worker.ts';

/** The worker's import specifier (without the `?url` query). */
export const DUCKDB_WORKER = '@duckdb/duckdb-wasm/dist/duckdb-browser-eh.worker.js';

/** A minimal Vite plugin shape (the project does not depend on Vite's types directly). */
export interface WorkerPatchPlugin {
  readonly name: string;
  readonly enforce: 'pre';
  buildStart(): void;
  resolveId(id: string): string | null;
}

/** The plugin; `root` is the project folder (its node_modules/.cache receives the copy). */
export function duckdbWorkerPlugin(root: string = process.cwd()): WorkerPatchPlugin {
  const out = join(root, 'node_modules', '.cache', 'duckdb-worker', 'duckdb-browser-eh.worker.js');
  const write = () => {
    const source = readFileSync(createRequire(join(root, 'package.json')).resolve(DUCKDB_WORKER), 'utf8');
    mkdirSync(join(out, '..'), { recursive: true });
    writeFileSync(out, patchDuckdbWorker(source));
  };
  let written = false;
  return {
    name: 'duckdb-worker-patch',
    enforce: 'pre',
    buildStart() {
      write();
      written = true;
    },
    resolveId(id) {
      const [path, query] = id.split('?');
      if (path !== DUCKDB_WORKER) return null;
      if (!written) {
        write();
        written = true;
      }
      return `${out}${query === undefined ? '' : `?${query}`}`;
    },
  };
}
