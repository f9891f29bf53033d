/**
 * The cells of the published cube, or of one metric's slice of it, decoded from an Arrow
 * IPC stream (as src/pages/data/cube/[metric].arrow.ts and cube.arrow hold them) into
 * plain objects. The build reads cube.arrow with it, and the explorer reads each metric's
 * slice with it in the reader's browser; both then compute views with the same code
 * (src/lib/explorer/reference.ts).
 *
 * Pure TypeScript: no DOM, no Node APIs, no schema library.
 */
import { tableFromIPC } from '@uwdata/flechette';
import type { PublishedCell, RegionLevel } from '../contract/published.ts';
import { publishedColumns } from '../contract/published-vocabulary.ts';

/**
 * Every cell of an Arrow IPC stream of the published cube. Throws when the stream does
 * not have the contract's columns, in order (`file` names it in the message).
 */
export function cubeCells(bytes: Uint8Array, file: string): PublishedCell[] {
  const table = tableFromIPC(bytes);
  const names = table.schema.fields.map((f) => f.name);
  const expected = publishedColumns.map(([name]) => name);
  if (names.join() !== expected.join()) {
    throw new Error(`explorer: ${file} has the columns ${names.join(', ')}, the published contract ${expected.join(', ')}`);
  }
  const column = (name: string) => table.getChild(name).toArray() as ArrayLike<unknown>;
  const [metric, period, level, region, parent, breakdown, category, numerator, denominator, population, value, suppressed] = expected.map(column) as ArrayLike<unknown>[] as [
    ArrayLike<unknown>, ArrayLike<unknown>, ArrayLike<unknown>, ArrayLike<unknown>, ArrayLike<unknown>, ArrayLike<unknown>,
    ArrayLike<unknown>, ArrayLike<unknown>, ArrayLike<unknown>, ArrayLike<unknown>, ArrayLike<unknown>, ArrayLike<unknown>,
  ];
  const num = (v: unknown) => (v === null || v === undefined ? null : Number(v));
  const cells: PublishedCell[] = new Array<PublishedCell>(table.numRows);
  for (let i = 0; i < table.numRows; i += 1) {
    cells[i] = {
      metric: String(metric[i]),
      period: String(period[i]),
      level: String(level[i]) as RegionLevel,
      region: String(region[i]),
      parent: parent[i] === null || parent[i] === undefined ? null : String(parent[i]),
      breakdown: String(breakdown[i]),
      category: String(category[i]),
      numerator: num(numerator[i]),
      denominator: num(denominator[i]),
      population: num(population[i]),
      value: num(value[i]),
      suppressed: suppressed[i] === true,
    };
  }
  return cells;
}
