/**
 * A build-time patch of DuckDB-WASM's browser worker (the "eh" bundle of the pinned
 * @duckdb/duckdb-wasm 1.32.0) that removes about half of the time its glue code spends
 * starting up.
 *
 * Why: the wasm module is linked as an Emscripten MAIN_MODULE (a program that could load
 * shared libraries) and exports 75,011 symbols. When it starts, Emscripten's glue
 *
 * 1. `updateGOT`: creates a `WebAssembly.Global` for every export and adds every exported
 *    function to the function table, so that a library loaded later by `dlopen` could
 *    find it;
 * 2. `mergeLibSymbols`: copies every export into the table of symbols such libraries
 *    link against;
 * 3. `convertJsFunctionToWasm`: puts each of the 263 JavaScript functions whose address the
 *    module takes into the function table through a tiny wasm module of its own, compiled
 *    anew for each function although it depends only on the signature (Chromium no longer
 *    offers `WebAssembly.Function`, which would make them unnecessary).
 *
 * And to report download progress, DuckDB-WASM's own `instantiateWasm` pipes the wasm
 * response through a TransformStream, which hands `WebAssembly.instantiateStreaming` a
 * synthetic Response that the browser cannot match to its cache of compiled code: every
 * visit would compile the module again. The explorer shows no such progress, so the patch
 * takes the branch that streams the fetched response itself (about half a second on a
 * returning visit).
 *
 * The explorer never loads a library: DuckDB's extensions are the only ones, and loading
 * them is switched off before any query (src/lib/explorer/engine-sql.ts). The 268 entries
 * the module itself imports (`GOT.func`, `GOT.mem`) already exist when `updateGOT` runs
 * (made by the import proxy at instantiation) and are still filled; symbols the module
 * needs from JavaScript are in that table from the start. So the patch fills the existing
 * entries only, skips the copy (keeping `dynCall_*` registration), and compiles each
 * signature's adapter module once (instantiating it once per function, as before).
 *
 * Measured in Chromium on this project's machine (scripts/bench-explorer.ts, and
 * timings inside the worker): the glue's start-up from ~700 ms to ~250 ms.
 *
 * Each replacement must match exactly once; any other version of the worker fails the
 * build with a message saying so (then re-measure, and update or drop the patch). The
 * browser tests (test/e2e/explorer.test.ts) run the patched worker.
 */

/** One exact replacement. */
export interface WorkerPatch {
  readonly name: string;
  readonly find: string;
  readonly replace: string;
}

/** The replacements, as shipped minified in 1.32.0. */
export const WORKER_PATCHES: readonly WorkerPatch[] = [
  {
    name: 'updateGOT fills existing entries only',
    find: 'GOT[r]||(GOT[r]=new WebAssembly.Global({value:"i32",mutable:!0})),(t||GOT[r].value==0)&&',
    replace: 'GOT[r]&&(t||GOT[r].value==0)&&',
  },
  {
    name: 'the wasm response streams to the compiler as fetched',
    find: 'if(WebAssembly.instantiateStreaming)if(typeof TransformStream=="function"){',
    replace: 'if(WebAssembly.instantiateStreaming)if(!1){',
  },
  {
    name: 'one compiled adapter module per signature',
    find: 'var a=new WebAssembly.Module(new Uint8Array(n)),l=new WebAssembly.Instance(a,{e:{f:e}}),c=l.exports.f;return c}',
    replace:
      'var k=n.join(),m=convertJsFunctionToWasm.modules??=new Map,a=m.get(k);a||m.set(k,a=new WebAssembly.Module(new Uint8Array(n)));var l=new WebAssembly.Instance(a,{e:{f:e}}),c=l.exports.f;return c}',
  },
  {
    name: 'mergeLibSymbols registers dynCall_ only',
    find: 'mergeLibSymbols=(e,t)=>{registerDynCallSymbols(e);for(var[r,n]of Object.entries(e))(l=>{isSymbolDefined(l)||(wasmImports[l]=n)})(r)}',
    replace: 'mergeLibSymbols=(e,t)=>{registerDynCallSymbols(e)}',
  },
];

/** The patched worker source; throws when a replacement does not match exactly once. */
export function patchDuckdbWorker(source: string, patches: readonly WorkerPatch[] = WORKER_PATCHES): string {
  let out = source;
  for (const patch of patches) {
    const count = out.split(patch.find).length - 1;
    if (count !== 1) {
      throw new Error(
        `patch-duckdb-worker: "${patch.name}" expected its code once in the DuckDB-WASM worker, found it ${String(count)} times; ` +
          'the package version changed: re-measure the start-up and update or drop scripts/vendor/patch-duckdb-worker.ts',
      );
    }
    out = out.replace(patch.find, () => patch.replace);
  }
  return out;
}
