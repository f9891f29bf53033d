/**
 * Each metric's published cells in the reader's browser: its core slice of the cube, and
 * its detail slice when a view needs it (src/lib/explorer/cube-slice.ts), each fetched once,
 * checked against the manifest, decoded and indexed (cube-cells.ts, cell-index.ts). The
 * explorer's views are computed from these (src/lib/explorer/reference.ts) without
 * DuckDB-WASM.
 */
import type { Catalog } from '../lib/explorer/catalog.ts';
import { CellIndex, type CellColumns } from '../lib/explorer/cell-index.ts';
import { cubeColumns } from '../lib/explorer/cube-cells.ts';
import { sliceName, type SlicePart } from '../lib/explorer/cube-slice.ts';
import { EngineError } from './engine-error.ts';
import { fetchChecked } from './fetch-checked.ts';

/** The slices fetched so far (and being fetched), decoded, and the indexes made of them. */
export class MetricSlices {
  private readonly catalog: Catalog;
  /** Decoded slices, by slice name. */
  private readonly cells = new Map<string, Promise<CellColumns | null>>();
  /** Slices the entry script fetched, decoded only when a view asks for them. */
  private readonly started: Map<string, Promise<Uint8Array>>;
  /** Indexes ready, by `<metric>|<part>` (core alone, or core and detail). */
  private readonly ready = new Map<string, CellIndex>();

  /** `started`: slices whose bytes are already being fetched (by the entry script), by slice name. */
  constructor(catalog: Catalog, started: ReadonlyMap<string, Promise<Uint8Array>> = new Map()) {
    this.catalog = catalog;
    this.started = new Map(started);
  }

  /** The metric's cells (with its detail slice when `detail`), fetched if need be. */
  async get(metric: string, detail: boolean): Promise<CellIndex> {
    const key = `${metric}|${detail ? 'detail' : 'core'}`;
    const ready = this.ready.get(key);
    if (ready !== undefined) return ready;
    const parts: SlicePart[] = detail ? ['core', 'detail'] : ['core'];
    const slices = await Promise.all(parts.map((part) => this.slice(metric, part)));
    // Indexing in a task of its own: the page answers input between decoding and indexing.
    await new Promise((resolve) => setTimeout(resolve, 0));
    const index = new CellIndex(slices.filter((s) => s !== null));
    performance.mark('explorer:slice-indexed');
    this.ready.set(key, index);
    return index;
  }

  /** The metric's cells if they are loaded and indexed already. */
  loaded(metric: string, detail: boolean): CellIndex | undefined {
    return this.ready.get(`${metric}|${detail ? 'detail' : 'core'}`);
  }

  /** The bytes still to download for the metric (with its detail slice when `detail`). */
  bytes(metric: string, detail: boolean): number {
    const parts: SlicePart[] = detail ? ['core', 'detail'] : ['core'];
    return parts
      .map((part) => sliceName(metric, part))
      .filter((name) => !this.cells.has(name) && !this.started.has(name))
      .reduce((n, name) => n + (this.catalog.cube.slices[name]?.bytes ?? 0), 0);
  }

  private slice(metric: string, part: SlicePart): Promise<CellColumns | null> {
    const name = sliceName(metric, part);
    let cells = this.cells.get(name);
    if (cells === undefined) {
      const file = this.catalog.cube.slices[name];
      // A metric with no breakdown rows below the provinces has no detail slice.
      if (file === undefined) return part === 'detail' ? Promise.resolve(null) : Promise.reject(new EngineError('data', `no slice ${name}`, this.catalog.cube.path));
      const bytes = this.started.get(name);
      this.started.delete(name);
      cells = this.decode(name, bytes ?? fetchChecked(file));
      this.cells.set(name, cells);
    }
    return cells;
  }

  private decode(name: string, bytes: Promise<Uint8Array>): Promise<CellColumns | null> {
    const path = this.catalog.cube.slices[name]?.path ?? name;
    const cells = bytes.then((b) => {
      try {
        performance.mark('explorer:slice-fetched');
        return cubeColumns(b, path);
      } catch (error) {
        throw new EngineError('data', error instanceof Error ? error.message : String(error), path);
      }
    });
    // A slice that failed is fetched again when next asked for.
    cells.catch(() => this.cells.delete(name));
    return cells;
  }
}
