import type { MetricSource } from '../../src/lib/metrics/sources.ts';
import type { BlockCells } from './block-cells.ts';

/**
 * The inner cells of a block and, after them, every cell one coordinate away from one of them
 * that holds nothing: the same county, prefecture and categories but one (another category of
 * the source's list), or another county of the same prefecture. The attacker does not know
 * which inner cells hold an enterprise (docs/disclosure.md), so each of these is a variable of
 * the attacker's system whose true value is 0; a point that moves values into them is a point
 * the attacker cannot rule out.
 */
export function withNeighbourCells(cells: BlockCells, source: MetricSource): { cells: BlockCells; real: number } {
  const dims = Object.keys(source.dims);
  const n = cells.length;
  const key = (county: string | null, prefecture: string | null, categories: readonly string[]) => `${county}\u0001${prefecture}\u0001${categories.join('\u0001')}`;
  const seen = new Set<string>();
  const countiesOf = new Map<string, Set<string>>();
  for (let i = 0; i < n; i++) {
    const c = cells.county[i] ?? null;
    const p = cells.prefecture[i] ?? null;
    seen.add(key(c, p, dims.map((d) => cells.dims[d]![i]!)));
    if (c !== null && p !== null) {
      const set = countiesOf.get(p) ?? new Set();
      set.add(c);
      countiesOf.set(p, set);
    }
  }
  const county = [...cells.county];
  const prefecture = [...cells.prefecture];
  const columns = dims.map((d) => [...cells.dims[d]!]);
  const add = (c: string | null, p: string | null, categories: string[]) => {
    const id = key(c, p, categories);
    if (seen.has(id)) return;
    seen.add(id);
    county.push(c);
    prefecture.push(p);
    categories.forEach((v, j) => columns[j]!.push(v));
  };
  for (let i = 0; i < n; i++) {
    const c = cells.county[i] ?? null;
    const p = cells.prefecture[i] ?? null;
    const categories = dims.map((d) => cells.dims[d]![i]!);
    if (c !== null && p !== null) for (const other of countiesOf.get(p) ?? []) add(other, p, categories);
    dims.forEach((d, j) => {
      for (const v of source.dims[d]!) add(c, p, categories.map((x, q) => (q === j ? v : x)));
    });
  }
  const length = county.length;
  const values = Object.fromEntries(Object.entries(cells.values).map(([m, column]) => {
    const extended = new Float64Array(length);
    extended.set(column);
    return [m, extended];
  }));
  return { cells: { length, county, prefecture, dims: Object.fromEntries(dims.map((d, j) => [d, columns[j]!])), values }, real: n };
}
