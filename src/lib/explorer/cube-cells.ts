/**
 * The cells of the published cube, or of one metric's slice of it, decoded from an Arrow
 * IPC stream (as cube.arrow and the slices of src/pages/data/cube/[slice].arrow.gz.ts hold them) into
 * plain objects. The build reads cube.arrow with it, and the explorer reads each metric's
 * slice with it in the reader's browser; both then compute views with the same code
 * (src/lib/explorer/reference.ts); the browser reads a slice's columns and makes cells of
 * only the rows a view reads.
 *
 * Pure TypeScript: no DOM, no Node APIs, no schema library.
 */
import { tableFromIPC } from '@uwdata/flechette';
import type { PublishedCell, RegionLevel } from '../contract/published.ts';
import type { CellColumns } from './cell-index.ts';
import { publishedColumns } from '../contract/published-vocabulary.ts';

/**
 * The columns of an Arrow IPC stream of the published cube, with each row made into a cell
 * only when asked for ({@link CellColumns}). Throws when the stream does not have the
 * contract's columns, in order (`file` names it in the message).
 */
export function cubeColumns(bytes: Uint8Array, file: string): CellColumns {
  const table = tableFromIPC(bytes);
  const names = table.schema.fields.map((f) => f.name);
  const expected = publishedColumns.map(([name]) => name);
  if (names.join() !== expected.join()) {
    throw new Error(`explorer: ${file} has the columns ${names.join(', ')}, the published contract ${expected.join(', ')}`);
  }
  const column = (name: string) => table.getChild(name);
  const [metric, period, level, region, parent, breakdown, category, numerator, denominator, population, value, suppressed] = expected.map(column);
  const num = (v: unknown) => (v === null || v === undefined ? null : Number(v));
  const text = (v: unknown) => (v === null || v === undefined ? null : String(v));
  const periods = period!.toArray() as ArrayLike<unknown>;
  const levels = level!.toArray() as ArrayLike<unknown>;
  const regions = region!.toArray() as ArrayLike<unknown>;
  return {
    length: table.numRows,
    period: periods,
    level: levels,
    region: regions,
    cell: (i) => ({
      metric: String(metric!.at(i)),
      period: String(periods[i]),
      level: String(levels[i]) as RegionLevel,
      region: String(regions[i]),
      parent: text(parent!.at(i)),
      breakdown: String(breakdown!.at(i)),
      category: String(category!.at(i)),
      numerator: num(numerator!.at(i)),
      denominator: num(denominator!.at(i)),
      population: num(population!.at(i)),
      value: num(value!.at(i)),
      suppressed: suppressed!.at(i) === true,
    }),
  };
}

/**
 * Every cell of an Arrow IPC stream of the published cube. Throws when the stream does
 * not have the contract's columns, in order (`file` names it in the message).
 */
export function cubeCells(bytes: Uint8Array, file: string): PublishedCell[] {
  const columns = cubeColumns(bytes, file);
  return Array.from({ length: columns.length }, (_, i) => columns.cell(i));
}
