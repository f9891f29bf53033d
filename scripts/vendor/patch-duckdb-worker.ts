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
 * The module is served gzip-compressed (duckdb-vendor-plugin.ts), so `instantiateWasm`
 * decompresses it: in DuckDB-WASM's own streaming branch, which counts the bytes for the
 * SQL panel's progress line, the counted stream goes through a `DecompressionStream` when
 * it starts with gzip's magic bytes (not when a server already decoded it, having sent the
 * file with its own `Content-Encoding`), and reaches `WebAssembly.instantiateStreaming` as
 * an `application/wasm` response. That synthetic response cannot be matched to the
 * browser's cache of compiled code (about half a second more on a returning visit to the
 * SQL panel, which alone needs the engine). Its progress reports are throttled to one per
 * 100 ms (the original fired only when chunks were more than 20 ms apart, so never on a
 * fast connection). A module that does not load (an HTTP error) or does not compile is
 * thrown as an uncaught error of the worker, which the page hears as the worker's `error`
 * event (src/explorer/duckdb-worker-start.ts); the original left the start waiting forever.
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
    name: 'progress reported at most every 100 ms',
    find: 'if(y.getTime()-p.updatedAt.getTime()<20){p.updatedAt=y,h.enqueue(v);return}for(let S of r)S(p);h.enqueue(v)',
    replace: 'if(y.getTime()-p.updatedAt.getTime()<100){h.enqueue(v);return}p.updatedAt=y;for(let S of r)S(p);h.enqueue(v)',
  },
  {
    name: 'a gzip-compressed module is decompressed as it streams to the compiler',
    find: 'return new Response((g=c.body)==null?void 0:g.pipeThrough(m),c)',
    replace:
      'if(!c.ok)throw new Error("HTTP "+c.status+" "+this.mainModuleURL);' +
      'let R=c.body.pipeThrough(m).getReader(),F=await R.read(),V=F.value,B=new ReadableStream({start(k){F.done?k.close():k.enqueue(V)},async pull(k){let n=await R.read();n.done?k.close():k.enqueue(n.value)},cancel(e){return R.cancel(e)}});' +
      'return new Response(V&&V[0]===31&&V[1]===139?B.pipeThrough(new DecompressionStream("gzip")):B,{headers:{"Content-Type":"application/wasm"}})',
  },
  {
    name: 'a module that does not load or compile fails the worker',
    find: 'WebAssembly.instantiateStreaming(a,e).then(l=>{t(l.instance,l.module)})',
    replace: 'WebAssembly.instantiateStreaming(a,e).then(l=>{t(l.instance,l.module)},l=>{setTimeout(()=>{throw l})})',
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
