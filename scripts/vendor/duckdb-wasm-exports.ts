/**
 * Which exports of DuckDB-WASM's module the explorer's worker needs, so that the others can
 * be removed at build time (strip-wasm-exports.ts).
 *
 * Why: the "eh" module is linked as an Emscripten MAIN_MODULE, a program that could load
 * shared libraries, so it exports every symbol it has: 75,011 exports, 7.4 MB of its 34 MB.
 * Chromium decodes them, builds an exports object of 75,011 properties, and the worker's
 * glue loops over all of them, on every start; together about 0.3–0.5 s of the explorer's
 * first result on this project's machine. Only a library loaded by `dlopen` could use the
 * rest, and the explorer loads none: DuckDB's extensions are the only ones, and loading
 * them is switched off before any query (src/lib/explorer/engine-sql.ts).
 *
 * The worker's JavaScript reaches the module's exports by name only: `wasmExports.malloc`,
 * `Module._duckdb_web_query_run`, `ccall("duckdb_web_open", ...)` (which looks up
 * `Module["_" + name]`), and `dynCall_<signature>` (looked up by signature). So an export
 * is kept when its name, or its name with a leading underscore, appears in the worker's
 * source as an identifier or inside a string, and every `dynCall_` export is kept. Names
 * are matched as whole tokens, so the rule keeps more than is used, never less: 281 of
 * 75,011 exports in @duckdb/duckdb-wasm 1.32.0. The browser tests (test/e2e/explorer.test.ts)
 * run the explorer on the stripped module: start, views, the SQL panel and the downloads.
 */

/** A test of export names: true for the exports the worker's source can reach. */
export function duckdbExportsToKeep(workerSource: string): (name: string) => boolean {
  const tokens = new Set(workerSource.match(/[A-Za-z_$][\w$]*/g));
  return (name) => tokens.has(name) || tokens.has(`_${name}`) || name.startsWith('dynCall_');
}
