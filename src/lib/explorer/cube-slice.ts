/**
 * The published cube cut into slices the explorer loads one at a time: for each metric, its
 * `core` (every total row, at every level, and the provinces' breakdown rows) and its
 * `detail` (the breakdown rows below the provinces, two thirds of a metric's rows). Each
 * slice is an Arrow IPC stream with the cube's columns and types. The site build writes them
 * gzip-compressed (src/pages/data/cube/[slice].arrow.gz.ts); the explorer computes a view
 * from the core alone unless the view needs the detail ({@link needsDetail}), and the SQL
 * panel loads them all as the table `cube`.
 *
 * Pure TypeScript: no DOM, no Node APIs.
 */
import { tableFromArrays, tableFromIPC, tableToIPC } from '@uwdata/flechette';
import type { RegionLevel } from '../contract/published-vocabulary.ts';
import { ALL, type CatalogIndex } from './catalog.ts';
import { focusRegion, type ExplorerState } from './state.ts';

/** The two slices of a metric. */
export type SlicePart = 'core' | 'detail';

/** The slice a cube row belongs to. */
export function slicePart(level: RegionLevel, breakdown: string): SlicePart {
  return breakdown === ALL || level === 'province' ? 'core' : 'detail';
}

/**
 * Whether a view of `state` reads rows of the metric's detail slice: breakdown rows of
 * prefectures or counties (the categories kept, at a level below the provinces, or the
 * categories of a focus region below the provinces, or the regions-by-category table).
 */
export function needsDetail(index: CatalogIndex, state: ExplorerState): boolean {
  if (state.dimension === null) return false;
  // The regions-by-category table, below the provinces.
  if (state.table === 'matrix' && state.level !== 'province') return true;
  // Compared regions of a level below the provinces, with categories kept.
  if (state.compare.length > 0 && state.categories.length > 0 && state.level !== 'province') return true;
  const focus = focusRegion(state);
  const focusLevel = focus === null ? 'province' : (index.region(focus)?.level ?? 'province');
  if (focusLevel !== 'province') return true;
  return state.categories.length > 0 && state.level !== 'province';
}

/** The name of a slice: the metric's id for its core, `<metric>.detail` for its detail. */
export function sliceName(metric: string, part: SlicePart): string {
  return part === 'core' ? metric : `${metric}.detail`;
}

/** The slices of every metric in the cube (Arrow IPC streams), by slice name, in cube order. */
export function cubeSlices(cube: Uint8Array): Map<string, Uint8Array> {
  const table = tableFromIPC(cube);
  const metricColumn = table.getChild('metric').toArray() as ArrayLike<unknown>;
  const levelColumn = table.getChild('level').toArray() as ArrayLike<unknown>;
  const breakdownColumn = table.getChild('breakdown').toArray() as ArrayLike<unknown>;
  const rowsOf = new Map<string, number[]>();
  for (let i = 0; i < table.numRows; i += 1) {
    const name = sliceName(String(metricColumn[i]), slicePart(String(levelColumn[i]) as RegionLevel, String(breakdownColumn[i])));
    let rows = rowsOf.get(name);
    if (rows === undefined) rowsOf.set(name, (rows = []));
    rows.push(i);
  }
  const fields = table.schema.fields.map((field) => ({ field, values: table.getChild(field.name).toArray() as ArrayLike<unknown> }));
  const out = new Map<string, Uint8Array>();
  for (const [name, rows] of rowsOf) {
    const data: Record<string, unknown[]> = {};
    const types: Record<string, (typeof table.schema.fields)[number]['type']> = {};
    for (const { field, values } of fields) {
      data[field.name] = rows.map((i) => values[i]);
      types[field.name] = field.type;
    }
    const bytes = tableToIPC(tableFromArrays(data as Parameters<typeof tableFromArrays>[0], { types }), { format: 'stream' });
    if (bytes !== null) out.set(name, bytes);
  }
  return out;
}
