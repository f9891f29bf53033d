/**
 * Removing exports from a wasm module keeps a valid module that behaves the same through
 * the exports left, on a tiny module assembled here; and on the installed DuckDB-WASM
 * module, the build's copy keeps every export its worker names and changes no other byte.
 * The stripped DuckDB module itself runs in the browser tests (test/e2e/explorer.test.ts).
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { duckdbExportsToKeep } from '../../scripts/vendor/duckdb-wasm-exports.ts';
import { DUCKDB_WASM, DUCKDB_WORKER, duckdbVendorFiles } from '../../scripts/vendor/duckdb-vendor-plugin.ts';
import { stripWasmExports, wasmExports } from '../../scripts/vendor/strip-wasm-exports.ts';

/** A module of three functions returning 1, 2 and 3, exported as one, two and three, and a global. */
function tinyModule(): Uint8Array {
  const name = (s: string) => [s.length, ...new TextEncoder().encode(s)];
  const section = (id: number, body: number[]) => [id, body.length, ...body];
  const body = (n: number) => [4, 0, 0x41, n, 0x0b];
  return Uint8Array.from([
    0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00,
    ...section(1, [1, 0x60, 0, 1, 0x7f]),
    ...section(3, [3, 0, 0, 0]),
    ...section(6, [1, 0x7f, 0, 0x41, 7, 0x0b]),
    ...section(7, [4, ...name('one'), 0, 0, ...name('two'), 0, 1, ...name('three'), 0, 2, ...name('seven'), 3, 0]),
    ...section(0, [...name('note'), 1, 2, 3]),
    ...section(10, [3, ...body(1), ...body(2), ...body(3)]),
  ]);
}

describe('stripWasmExports', () => {
  it('keeps the exports asked for, and they still work', async () => {
    const module = tinyModule();
    expect(wasmExports(module).map((e) => e.name)).toEqual(['one', 'two', 'three', 'seven']);
    const { bytes, before, after } = stripWasmExports(module, (n) => n === 'three' || n === 'seven');
    expect([before, after]).toEqual([4, 2]);
    expect(WebAssembly.validate(bytes)).toBe(true);
    const { instance } = (await WebAssembly.instantiate(bytes)) as unknown as WebAssembly.WebAssemblyInstantiatedSource;
    expect(Object.keys(instance.exports)).toEqual(['three', 'seven']);
    expect((instance.exports.three as () => number)()).toBe(3);
    expect((instance.exports.seven as WebAssembly.Global).value).toBe(7);
  });

  it('keeps every other section as it was', () => {
    const module = tinyModule();
    const { bytes } = stripWasmExports(module, () => true);
    expect([...bytes]).toEqual([...module]);
    const none = stripWasmExports(module, () => false).bytes;
    expect(WebAssembly.validate(none)).toBe(true);
    expect(wasmExports(none)).toEqual([]);
  });

  it('refuses what is not a module, or a cut one', () => {
    expect(() => stripWasmExports(new TextEncoder().encode('not wasm at all'), () => true)).toThrow(/not a WebAssembly binary/);
    expect(() => stripWasmExports(tinyModule().subarray(0, 30), () => true)).toThrow(/runs past the end|unexpected end/);
  });
});

describe('the DuckDB-WASM module the site ships', () => {
  const resolve = createRequire(import.meta.url).resolve;
  const original = readFileSync(resolve(DUCKDB_WASM));
  const { worker, wasm } = duckdbVendorFiles();
  const keep = duckdbExportsToKeep(worker);

  it('keeps the exports the worker names, and only those', () => {
    const before = wasmExports(original);
    const after = wasmExports(wasm);
    expect(after).toEqual(before.filter((e) => keep(e.name)));
    expect(after.length).toBeLessThan(before.length / 100);
    const names = new Set(after.map((e) => e.name));
    // What the worker calls by name: DuckDB's web API, the allocator, the constructors, dynCall_.
    for (const api of new Set(worker.match(/duckdb_web_\w+/g))) if (before.some((e) => e.name === api)) expect(names).toContain(api);
    for (const name of ['malloc', 'free', '__wasm_call_ctors', '__wasm_apply_data_relocs']) expect(names).toContain(name);
    expect(after.filter((e) => e.name.startsWith('dynCall_')).length).toBe(before.filter((e) => e.name.startsWith('dynCall_')).length);
  });

  it('changes no byte outside the export section', () => {
    const keepAll = stripWasmExports(original, () => true).bytes;
    expect(Buffer.compare(Buffer.from(keepAll), original)).toBe(0);
    expect(wasm.length).toBeLessThan(original.length);
  });

  it('uses the patched worker of the same package', () => {
    expect(worker).not.toBe(readFileSync(resolve(DUCKDB_WORKER), 'utf8'));
  });
});
