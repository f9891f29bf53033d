/*
 * The explorer's DuckDB-WASM worker: the package's own exception-handling ("eh") worker,
 * loaded from this site, with one change to its environment.
 *
 * DuckDB-WASM reports download progress by piping the wasm response through a
 * TransformStream, which hands WebAssembly.instantiateStreaming a synthetic Response that
 * the browser cannot match to its cache of compiled code; every visit would compile the
 * 34 MB module again. Without TransformStream it streams the fetched response itself, so a
 * returning visitor's browser reuses the compiled module (about half a second faster).
 *
 * The worker script to load is passed as `?w=<path>`; only a script of this site is loaded.
 */
/* global importScripts */
self.TransformStream = undefined;
const path = new URL(self.location.href).searchParams.get('w');
const target = new URL(path ?? '', self.location.href);
if (path === null || !path.startsWith('/') || target.origin !== self.location.origin || target.pathname === self.location.pathname) {
  throw new Error('duckdb-worker: ?w= must name the DuckDB worker script of this site');
}
importScripts(target.href);
