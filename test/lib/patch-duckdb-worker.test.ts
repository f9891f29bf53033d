/**
 * The build-time patch of DuckDB-WASM's worker applies to the installed package exactly,
 * and refuses any other code (a new package version) with a message saying what to do.
 * The patched worker itself runs in the browser tests (test/e2e/explorer.test.ts).
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { patchDuckdbWorker, WORKER_PATCHES } from '../../scripts/vendor/patch-duckdb-worker.ts';
import { DUCKDB_WORKER } from '../../scripts/vendor/duckdb-vendor-plugin.ts';

describe('patchDuckdbWorker', () => {
  const source = readFileSync(createRequire(import.meta.url).resolve(DUCKDB_WORKER), 'utf8');

  it('replaces each piece of the installed worker once, and nothing else', () => {
    const patched = patchDuckdbWorker(source);
    for (const patch of WORKER_PATCHES) {
      expect(patched).not.toContain(patch.find);
      expect(patched).toContain(patch.replace);
    }
    const removed = WORKER_PATCHES.reduce((n, p) => n + p.find.length - p.replace.length, 0);
    expect(source.length - patched.length).toBe(removed);
  });

  it('refuses a worker it does not know', () => {
    expect(() => patchDuckdbWorker('var x=1;')).toThrow(/found it 0 times; the package version changed/);
    const twice = `${source}\n${WORKER_PATCHES[0]!.find}`;
    expect(() => patchDuckdbWorker(twice)).toThrow(/found it 2 times/);
  });
});
