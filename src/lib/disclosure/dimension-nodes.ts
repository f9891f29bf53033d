/**
 * The groups of a dimension's categories that disclosure control protects as cells: all
 * categories, each category, each group a metric filters on (e.g. size bands 50+, non-public
 * ownership), and the difference of every two nested groups (50+ minus 100+ is 50–99
 * employees; non-public minus foreign-funded is domestic private and individual). An attacker
 * who holds cells of nested groups gets their difference by subtraction, so the difference is
 * a cell like any other, published or not.
 */
export interface DimensionNodes {
  /** Each node's categories, sorted. Node 0 is every category. */
  readonly nodes: readonly (readonly string[])[];
  /** For each category, the nodes that hold it. */
  readonly containing: ReadonlyMap<string, readonly number[]>;
  /** The node holding exactly these categories, if any. */
  nodeOf(categories: readonly string[]): number | undefined;
}

/** The nodes of a dimension with categories `values`, given the groups metrics filter on. */
export function dimensionNodes(values: readonly string[], groups: readonly (readonly string[])[]): DimensionNodes {
  const all = [...values].sort();
  const known = new Set(all);
  for (const g of groups) for (const v of g) if (!known.has(v)) throw new Error(`unknown category ${v} in a filter`);
  const filters = [all, ...groups.map((g) => [...new Set(g)].sort())];
  const candidates: string[][] = [all, ...all.map((v) => [v]), ...filters];
  for (const outer of filters) {
    for (const inner of filters) {
      const inside = new Set(inner);
      if (inner.length >= outer.length || !inner.every((v) => outer.includes(v))) continue;
      candidates.push(outer.filter((v) => !inside.has(v)));
    }
  }
  const byKey = new Map<string, number>();
  const nodes: string[][] = [];
  for (const c of candidates) {
    const key = c.join('\u0000');
    if (c.length === 0 || byKey.has(key)) continue;
    byKey.set(key, nodes.length);
    nodes.push(c);
  }
  const containing = new Map<string, number[]>(all.map((v) => [v, []]));
  nodes.forEach((node, i) => node.forEach((v) => containing.get(v)!.push(i)));
  return {
    nodes,
    containing,
    nodeOf: (categories) => byKey.get([...new Set(categories)].sort().join('\u0000')),
  };
}
