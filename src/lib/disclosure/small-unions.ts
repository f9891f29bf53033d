import type { BlockModel } from './block-model.ts';
import type { SparseVector } from './sparse-vector.ts';

/**
 * Small unions: in every relation whose total is a metric cell's (the regions below it, or
 * the categories of one of its dimensions), and for each unit count u a measure is computed
 * from, the union of the parts holding fewer than k of u (none included), when it holds a
 * sensitive part and its own count of u is between 1 and k − 1. An attacker who knew that sum
 * would know each part lies between 0 and it, an interval narrower than k; and whichever of
 * those parts end up suppressed, their sum is at most it. So it must not be determined: some
 * part holding k or more is withheld with them, or their total.
 */
export function smallUnions(model: BlockModel): SparseVector[] {
  const { family, nodes, n } = model;
  const childRegions = new Map<number, Set<number>>();
  for (const chain of model.leafRegions) {
    for (let t = 1; t < chain.length; t++) {
      if (!childRegions.has(chain[t]!)) childRegions.set(chain[t]!, new Set());
      childRegions.get(chain[t]!)!.add(chain[t - 1]!);
    }
  }
  const seen = new Set<string>();
  const out: SparseVector[] = [];
  const consider = (children: readonly (number | undefined)[]) => {
    const parts = children.filter((f): f is number => f !== undefined);
    if (parts.length < 2) return;
    model.varMeasures.forEach((measure, j) => {
      if (!parts.some((f) => (model.sensitive[f]! & (1 << j)) !== 0)) return;
      for (const u of model.measureOf(measure).over) {
        const sums = model.unitSums(u);
        const light = parts.filter((f) => sums[f]! <= model.input.k - 1);
        if (light.length < 2 || !model.small(light.reduce((x, f) => x + sums[f]!, 0))) continue;
        const inside = [...new Set(light.flatMap(model.membersOf))].sort((a, b) => a - b);
        const key = `${j}|${inside.join(',')}`;
        if (seen.has(key)) continue;
        seen.add(key);
        out.push({ idx: inside.map((i) => j * n + i), val: inside.map(() => 1) });
      }
    });
  };
  const relations = new Set<string>();
  for (const { region, at } of model.cellNodes) {
    const key = `${region}|${at.join(',')}`;
    if (relations.has(key)) continue;
    relations.add(key);
    consider([...(childRegions.get(region) ?? [])].map((r) => family.cellOf(r, at)));
    at.forEach((node, d) => {
      const categories = nodes[d]!.nodes[node]!;
      if (categories.length > 1) consider(categories.map((c) => family.cellOf(region, at.map((x, e) => (e === d ? nodes[d]!.nodeOf([c])! : x)))));
    });
  }
  return out;
}
