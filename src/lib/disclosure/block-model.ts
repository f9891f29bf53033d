import type { RegionLevel } from '../contract/published-vocabulary.ts';
import type { MetricDefinition } from '../metrics/metric-schema.ts';
import { sources, type Measure, type MetricSource } from '../metrics/sources.ts';
import { dimensionNodes, type DimensionNodes } from './dimension-nodes.ts';
import { protectedFamily, type ProtectedFamily } from './protected-family.ts';

/**
 * The inner cells of one block (one source, one period, one province): the finest cells the
 * published numbers are sums of, one per leaf region and combination of dimension values, as
 * columns.
 */
export interface InnerCells {
  readonly length: number;
  /** Leaf region of each cell: a county, or a region's own report not attributed below it. */
  readonly region: readonly string[];
  readonly dims: Readonly<Record<string, readonly string[]>>;
  readonly values: Readonly<Record<string, ArrayLike<number>>>;
}

/** A metric cell the build would publish, with its exact additive parts. */
export interface BlockCell {
  readonly metric: string;
  readonly region: string;
  readonly breakdown: string;
  readonly category: string;
  readonly numerator: number;
  readonly denominator: number | null;
  readonly population: number | null;
  readonly contributors: number | null;
}

/** Everything protectBlock needs. */
export interface BlockInput {
  readonly k: number;
  readonly source: MetricSource;
  readonly metrics: ReadonlyMap<string, MetricDefinition>;
  readonly inner: InnerCells;
  /** A leaf region and every region above it, leaf first. */
  readonly ancestors: (leaf: string) => readonly string[];
  readonly cells: readonly BlockCell[];
  /** Publication priority of each cell (lower is kept first when something must go). */
  readonly priority: readonly number[];
  /** Seed of the random null-space witnesses of the final check. */
  readonly seed: number;
  /**
   * Blocks of up to this many variables (measures × inner cells) have every withheld value
   * below k bounded by linear programming, and more withheld where an interval is narrower
   * than its level (interval-repair.ts); 0 (when omitted) for none, Infinity for every block.
   * The build passes DEFAULT_REPAIR_UP_TO (repair-limit.ts) unless told otherwise: above it the
   * repair takes seconds to minutes per block (docs/disclosure.md).
   */
  readonly repairUpTo?: number;
  /**
   * Are regions of a level published by the categories of a dimension? The rows a rate could
   * have there are public, so a missing one is a known 0 (absent-cells.ts). The contract's
   * `hasBreakdowns` when omitted, which is what the build publishes; a test world that
   * publishes other levels passes its own.
   */
  readonly breakdownsAt?: (level: RegionLevel, dimension: string) => boolean;
}

/**
 * The linear model of a block: variables (each published measure at each inner cell), the
 * protected family (regions × dimension nodes, duplicates merged) and which (measure, family
 * cell) pairs are sensitive, and the family cell of each metric cell, checked against the
 * SQL totals (a mismatch means the model and the metric SQL disagree, and throws).
 */
export interface BlockModel {
  readonly input: BlockInput;
  /** Number of inner cells. */
  readonly n: number;
  /** The measures published by some protected metric of the source, and their identity partners, sorted: variable j·n + i is measure j at inner cell i. */
  readonly varMeasures: readonly string[];
  readonly dims: readonly string[];
  readonly nodes: readonly DimensionNodes[];
  /** For each inner cell, the index of its leaf region and every region above it. */
  readonly leafRegions: readonly (readonly number[])[];
  /** The region above each region index (−1 for the province). */
  readonly regionParent: Int32Array;
  readonly family: ProtectedFamily;
  /** Bit j of sensitive[f]: measure varMeasures[j] is sensitive in family cell f. */
  readonly sensitive: Uint32Array;
  /** For each metric cell: its family cell, region index and dimension nodes. */
  readonly cellFamily: readonly number[];
  readonly cellNodes: readonly { readonly region: number; readonly at: readonly number[] }[];
  variable(measure: string, i: number): number;
  measureIndex(measure: string): number;
  column(measure: string): ArrayLike<number>;
  measureOf(id: string): Measure;
  metricOf(id: string): MetricDefinition;
  /** The measures a metric publishes: numerator, denominator, population. */
  published(metric: MetricDefinition): string[];
  membersOf(f: number): number[];
  /** 1 ≤ x ≤ k − 1. */
  small(x: number): boolean;
  sensitiveIn(measure: string, f: number): boolean;
  /** Σ of a unit count over each family cell. */
  unitSums(unit: string): Float64Array;
  /** Region codes by index. */
  readonly regions: readonly string[];
  /** Ids of the protected metrics of the source, with or without cells in the block. */
  readonly protectedMetrics: readonly string[];
}

/** Builds the model of a block. */
export function blockModel(input: BlockInput): BlockModel {
  const { k, source, inner, cells } = input;
  const n = inner.length;
  const metricOf = (id: string) => {
    const m = input.metrics.get(id);
    if (m === undefined) throw new Error(`unknown metric ${id}`);
    return m;
  };
  const measureOf = (id: string) => {
    const m = source.measures[id];
    if (m === undefined) throw new Error(`unknown measure ${id} of ${source.table}`);
    return m;
  };
  const published = (m: MetricDefinition) => [...new Set([m.numerator, m.denominator, m.population].filter((x): x is string => x != null))];
  // Every protected metric of the source counts, with or without cells here: a metric with no
  // row in the block says its denominator is 0 everywhere (absent-cells.ts). Measures tied to a
  // published one by an identity are variables too (whole = Σ parts holds in every cell).
  const withCells = new Set(cells.map((c) => c.metric));
  const metricsHere = [...input.metrics.values()].filter((m) => withCells.has(m.id) || (sources[m.source] === source && m.disclosure !== 'none'));
  const published0 = new Set(metricsHere.flatMap(published));
  for (const id of source.identities ?? []) if ([id.whole, ...id.parts].some((m) => published0.has(m))) for (const m of [id.whole, ...id.parts]) published0.add(m);
  const varMeasures = [...published0].sort();
  if (varMeasures.length > 31) throw new Error('more than 31 published measures in one source');
  const mIndex = new Map(varMeasures.map((m, i) => [m, i]));
  const overMeasures = [...new Set(varMeasures.flatMap((m) => measureOf(m).over))].sort();
  const column = (m: string): ArrayLike<number> => {
    const c = inner.values[m];
    if (c === undefined) throw new Error(`the inner cells have no column ${m}`);
    return c;
  };

  const dims = Object.keys(source.dims);
  const nodes: DimensionNodes[] = dims.map((d) => {
    const values = [...new Set([...source.dims[d]!, ...inner.dims[d]!])];
    const groups = metricsHere.flatMap((m) => (m.where[d] === undefined ? [] : [m.where[d]!]));
    return dimensionNodes(values, groups);
  });
  const regionIndex = new Map<string, number>();
  const leafRegions = inner.region.map((leaf) =>
    input.ancestors(leaf).map((r) => {
      if (!regionIndex.has(r)) regionIndex.set(r, regionIndex.size);
      return regionIndex.get(r)!;
    }),
  );
  const regionParent = new Int32Array(regionIndex.size).fill(-1);
  for (const chain of leafRegions) for (let t = 0; t + 1 < chain.length; t++) regionParent[chain[t]!] = chain[t + 1]!;
  const nodesOf = dims.map((d, j) =>
    inner.dims[d]!.map((v) => {
      const within = nodes[j]!.containing.get(v);
      if (within === undefined) throw new Error(`unknown ${d} ${v}`);
      return within;
    }),
  );
  const family = protectedFamily(n, leafRegions, nodesOf, nodes);
  const { start, members } = family;
  const membersOf = (f: number) => Array.from(members.subarray(start[f]!, start[f + 1]!));
  const small = (x: number) => x >= 1 && x <= k - 1;
  const sensitive = new Uint32Array(family.size);
  const unitSums = new Map(overMeasures.map((u) => [u, family.sums(column(u))]));
  const smallIn = new Map(overMeasures.map((u) => [u, unitSums.get(u)!.map((x) => (small(x) ? 1 : 0))]));
  varMeasures.forEach((measure, j) => {
    for (const u of measureOf(measure).over) {
      const flags = smallIn.get(u)!;
      for (let f = 0; f < family.size; f++) if (flags[f]) sensitive[f]! |= 1 << j;
    }
  });

  const cellNodes: { region: number; at: number[] }[] = [];
  const cellFamily = cells.map((c) => {
    const m = metricOf(c.metric);
    const region = regionIndex.get(c.region);
    if (region === undefined) throw new Error(`${c.metric}: region ${c.region} is not in the block`);
    const at = dims.map((d, j) => {
      const filter = m.where[d] ?? nodes[j]!.nodes[0]!;
      const node = c.breakdown === d ? (filter.includes(c.category) ? nodes[j]!.nodeOf([c.category]) : undefined) : nodes[j]!.nodeOf(filter);
      if (node === undefined) throw new Error(`${c.metric}: ${d} ${c.category} is outside the metric`);
      return node;
    });
    const f = family.cellOf(region, at);
    if (f === undefined) throw new Error(`${c.metric} ${c.region} ${c.breakdown}=${c.category}: no inner cells, but a published value`);
    cellNodes.push({ region, at });
    const inside = members.subarray(start[f]!, start[f + 1]!);
    const sum = (measure: string) => {
      const values = column(measure);
      let total = 0;
      for (let t = 0; t < inside.length; t++) total += values[inside[t]!]!;
      return total;
    };
    for (const [part, measure] of [['numerator', m.numerator], ['denominator', m.denominator], ['population', m.population], ['contributors', m.contributors]] as const) {
      const expected = c[part];
      if (measure != null && expected !== null && Math.abs(sum(measure) - expected) > 1e-6) {
        throw new Error(`${c.metric} ${c.region} ${c.breakdown}=${c.category}: ${part} is ${expected} in SQL but ${sum(measure)} from the inner cells`);
      }
    }
    return f;
  });

  return {
    input, n, varMeasures, dims, nodes, leafRegions, regionParent, family, sensitive, cellFamily, cellNodes,
    variable: (measure, i) => mIndex.get(measure)! * n + i,
    measureIndex: (measure) => mIndex.get(measure) ?? -1,
    column, measureOf, metricOf, published, membersOf, small,
    sensitiveIn: (measure, f) => (sensitive[f]! & (1 << mIndex.get(measure)!)) !== 0,
    unitSums: (u) => unitSums.get(u) ?? family.sums(column(u)),
    regions: [...regionIndex.keys()],
    protectedMetrics: metricsHere.map((m) => m.id),
  };
}
