import { hasBreakdowns, type RegionLevel } from '../contract/published-vocabulary.ts';
import type { BlockModel } from './block-model.ts';
import type { SparseVector } from './sparse-vector.ts';

/**
 * What an attacker knows from the rows that are not there. A rate is published only where
 * its denominator is above 0 (compile-metric.ts drops the others), and the regions and
 * categories it could be published for are public (a dimension's categories at the levels
 * where the block input's `breakdownsAt`, by default the contract's `hasBreakdowns`, says it
 * is published); so a missing rate row says its
 * denominator is 0, and its numerator too (a part of it), in every inner cell under it. Each
 * such inner cell value is a known 0. A cell given by a dimension at a level where the
 * dimension is not published throws: the zeros of its missing neighbours would not be known.
 */
export function absentZeros(model: BlockModel): SparseVector[] {
  const { cells } = model.input;
  // Leaves are counties (Shanghai's districts are right below the province), the root is the
  // province, and what lies between a prefecture.
  const leaves = new Set(model.leafRegions.map((chain) => chain[0]!));
  const levelOf = (r: number): RegionLevel => (leaves.has(r) ? 'county' : model.regionParent[r]! < 0 ? 'province' : 'prefecture');
  const breakdownsAt = model.input.breakdownsAt ?? hasBreakdowns;
  cells.forEach((c, ci) => {
    const level = levelOf(model.cellNodes[ci]!.region);
    if (c.breakdown !== 'all' && !breakdownsAt(level, c.breakdown)) throw new Error(`${c.metric} ${c.region} ${c.breakdown}=${c.category}: a ${level} by ${c.breakdown}, which the publication's levels leave out`);
  });
  const vars = new Set<number>();
  for (const metricId of model.protectedMetrics) {
    const m = model.metricOf(metricId);
    const denominator = m.denominator;
    if (m.unit !== 'rate' || denominator === null) continue;
    const present = new Set(cells.flatMap((c, ci) => (c.metric === metricId ? [`${model.cellNodes[ci]!.region}|${c.breakdown}|${c.category}`] : [])));
    model.regions.forEach((code, r) => {
      if (code.endsWith('~')) return;
      const categories: [string, string][] = [['all', 'all']];
      for (const d of m.breakdowns) if (breakdownsAt(levelOf(r), d)) for (const v of m.where[d] ?? model.nodes[model.dims.indexOf(d)]!.nodes[0]!) categories.push([d, v]);
      for (const [breakdown, category] of categories) {
        if (present.has(`${r}|${breakdown}|${category}`)) continue;
        const at = model.dims.map((d, j) => {
          const filter = m.where[d] ?? model.nodes[j]!.nodes[0]!;
          return breakdown === d ? model.nodes[j]!.nodeOf([category]) : model.nodes[j]!.nodeOf(filter);
        });
        if (at.some((node) => node === undefined)) continue;
        const f = model.family.cellOf(r, at as number[]);
        if (f === undefined) continue;
        const inside = model.membersOf(f);
        if (inside.some((i) => model.column(denominator)[i] !== 0)) throw new Error(`${metricId} ${code} ${breakdown}=${category}: no row, but a denominator above 0`);
        for (const i of inside) for (const measure of [denominator, m.numerator]) vars.add(model.variable(measure, i));
      }
    });
  }
  return [...vars].sort((a, b) => a - b).map((x) => ({ idx: [x], val: [1] }));
}
