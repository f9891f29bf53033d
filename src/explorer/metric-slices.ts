/**
 * Each metric's published cells in the reader's browser: its Arrow slice of the cube
 * (src/pages/data/cube/[metric].arrow.ts), fetched once, checked against the manifest,
 * decoded and indexed (src/lib/explorer/cube-cells.ts, cell-index.ts). The explorer's
 * views are computed from these (src/lib/explorer/reference.ts) without DuckDB-WASM.
 */
import type { Catalog } from '../lib/explorer/catalog.ts';
import { CellIndex } from '../lib/explorer/cell-index.ts';
import { cubeCells } from '../lib/explorer/cube-cells.ts';
import { EngineError } from './engine-error.ts';
import { fetchChecked } from './fetch-checked.ts';

/** The metric slices fetched so far (and being fetched), by metric. */
export class MetricSlices {
  private readonly catalog: Catalog;
  private readonly slices = new Map<string, Promise<CellIndex>>();
  private readonly ready = new Map<string, CellIndex>();

  /** `started`: slices whose bytes are already being fetched (by the entry script), by metric. */
  constructor(catalog: Catalog, started: ReadonlyMap<string, Promise<Uint8Array>> = new Map()) {
    this.catalog = catalog;
    for (const [metric, bytes] of started) this.slices.set(metric, this.decode(metric, bytes));
  }

  /** The metric's cells, fetched if need be. */
  get(metric: string): Promise<CellIndex> {
    let slice = this.slices.get(metric);
    if (slice === undefined) {
      const file = this.catalog.cube.slices[metric];
      slice = file === undefined ? Promise.reject(new EngineError('data', `no slice of metric ${metric}`, this.catalog.cube.path)) : this.decode(metric, fetchChecked(file));
      this.slices.set(metric, slice);
    }
    return slice;
  }

  /** The metric's cells if they are loaded already. */
  loaded(metric: string): CellIndex | undefined {
    return this.ready.get(metric);
  }

  /** The compressed size a reader downloads for the metric's slice (bytes), if known. */
  bytes(metric: string): number {
    const file = this.catalog.cube.slices[metric];
    return file?.bytes ?? 0;
  }

  private decode(metric: string, bytes: Promise<Uint8Array>): Promise<CellIndex> {
    const path = this.catalog.cube.slices[metric]?.path ?? metric;
    const slice = bytes.then((b) => {
      let index: CellIndex;
      try {
        index = new CellIndex(cubeCells(b, path));
      } catch (error) {
        throw new EngineError('data', error instanceof Error ? error.message : String(error), path);
      }
      this.ready.set(metric, index);
      return index;
    });
    // A slice that failed is fetched again when next asked for.
    slice.catch(() => this.slices.delete(metric));
    return slice;
  }
}
