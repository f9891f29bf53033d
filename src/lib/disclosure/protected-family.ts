import type { DimensionNodes } from './dimension-nodes.ts';

/**
 * The protected family of a block: every combination of a region (a leaf and every region
 * above it) with one node of each dimension that holds at least one inner cell. Combinations
 * holding the same inner cells (a county whose enterprises all have 25+ employees: all sizes
 * and 25+ are one set) are one family cell. Each family cell lists its inner cells
 * (compressed rows: `members` from `start[f]` to `start[f + 1]`, increasing).
 */
export interface ProtectedFamily {
  readonly size: number;
  readonly start: Int32Array;
  readonly members: Int32Array;
  /** The family cell of a region and one node per dimension, if it holds any inner cell. */
  cellOf(region: number, nodes: readonly number[]): number | undefined;
  /** Σ of a column over each family cell. */
  sums(column: ArrayLike<number>): Float64Array;
}

/**
 * Enumerates the family from the inner cells: `regions[i]` are the region indices of inner
 * cell i (its leaf and the regions above), `nodesOf[d][i]` the nodes of dimension d holding
 * its category.
 */
export function protectedFamily(
  count: number,
  regions: readonly (readonly number[])[],
  nodesOf: readonly (readonly (readonly number[])[])[],
  dimensions: readonly DimensionNodes[],
): ProtectedFamily {
  const radix = dimensions.map((d) => d.nodes.length);
  const span = radix.reduce((a, b) => a * b, 1);
  let pairs = 0;
  for (let i = 0; i < count; i++) pairs += regions[i]!.length * nodesOf.reduce((n, nodes) => n * nodes[i]!.length, 1);
  // Each (inner cell, combination holding it) pair: the combination's index and the cell.
  const pairCombo = new Int32Array(pairs);
  const pairOwner = new Int32Array(pairs);
  const index = new Map<number, number>();
  let p = 0;
  for (let i = 0; i < count; i++) {
    let local = [0];
    nodesOf.forEach((nodes, d) => {
      const next: number[] = [];
      for (const key of local) for (const node of nodes[i]!) next.push(key * radix[d]! + node);
      local = next;
    });
    for (const r of regions[i]!) {
      for (const l of local) {
        const key = r * span + l;
        let f = index.get(key);
        if (f === undefined) {
          f = index.size;
          index.set(key, f);
        }
        pairCombo[p] = f;
        pairOwner[p++] = i;
      }
    }
  }
  const combos = index.size;
  const comboStart = new Int32Array(combos + 1);
  for (let t = 0; t < pairs; t++) comboStart[pairCombo[t]! + 1]!++;
  for (let f = 0; f < combos; f++) comboStart[f + 1]! += comboStart[f]!;
  const fill = comboStart.slice(0, combos);
  const comboMembers = new Int32Array(pairs);
  for (let t = 0; t < pairs; t++) comboMembers[fill[pairCombo[t]!]!++] = pairOwner[t]!;

  // One family cell per distinct set of inner cells (members are increasing: compare in order).
  const canonical = new Int32Array(combos);
  const byHash = new Map<number, number[]>();
  const same = (a: number, b: number) => {
    const n = comboStart[a + 1]! - comboStart[a]!;
    if (n !== comboStart[b + 1]! - comboStart[b]!) return false;
    for (let t = 0; t < n; t++) if (comboMembers[comboStart[a]! + t] !== comboMembers[comboStart[b]! + t]) return false;
    return true;
  };
  const distinct: number[] = [];
  for (let f = 0; f < combos; f++) {
    let h = comboStart[f + 1]! - comboStart[f]!;
    for (let t = comboStart[f]!; t < comboStart[f + 1]!; t++) h = (Math.imul(h, 0x01000193) ^ comboMembers[t]!) | 0;
    const list = byHash.get(h);
    const match = list?.find((g) => same(distinct[g]!, f));
    if (match !== undefined) canonical[f] = match;
    else {
      canonical[f] = distinct.length;
      if (list === undefined) byHash.set(h, [distinct.length]);
      else list.push(distinct.length);
      distinct.push(f);
    }
  }
  const size = distinct.length;
  const start = new Int32Array(size + 1);
  distinct.forEach((f, g) => (start[g + 1] = start[g]! + comboStart[f + 1]! - comboStart[f]!));
  const members = new Int32Array(start[size]!);
  distinct.forEach((f, g) => members.set(comboMembers.subarray(comboStart[f]!, comboStart[f + 1]!), start[g]!));
  return {
    size,
    start,
    members,
    cellOf: (region, nodes) => {
      const f = index.get(nodes.reduce((key, node, d) => key * radix[d]! + node, region));
      return f === undefined ? undefined : canonical[f];
    },
    sums: (column) => {
      const out = new Float64Array(size);
      for (let f = 0; f < size; f++) {
        let s = 0;
        for (let j = start[f]!; j < start[f + 1]!; j++) s += column[members[j]!]!;
        out[f] = s;
      }
      return out;
    },
  };
}
