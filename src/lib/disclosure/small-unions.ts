import type { BlockModel } from './block-model.ts';
import type { SparseVector } from './sparse-vector.ts';

/**
 * Small unions: in every relation whose total is a metric cell's (the regions below it, or
 * the categories of one of its dimensions), the union of the parts in which a measure is
 * sensitive, when there are several and their union is sensitive too. If an attacker knew
 * that sum, each part would lie between 0 and it: an interval narrower than k (the threshold
 * rule's "suppressed parts must together reach k"). So it must not be determined.
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
    model.varMeasures.forEach((measure, j) => {
      const parts = children.filter((f): f is number => f !== undefined && (model.sensitive[f]! & (1 << j)) !== 0);
      if (parts.length < 2) return;
      const inside = [...new Set(parts.flatMap(model.membersOf))].sort((a, b) => a - b);
      const over = model.measureOf(measure).over.map(model.column);
      if (!over.some((col) => model.small(inside.reduce((x, i) => x + col[i]!, 0)))) return;
      const key = `${j}|${inside.join(',')}`;
      if (seen.has(key)) return;
      seen.add(key);
      out.push({ idx: inside.map((i) => j * n + i), val: inside.map(() => 1) });
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
