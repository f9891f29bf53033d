import type { MetricDefinition } from '../metrics/metric-schema.ts';
import type { MetricSource } from '../metrics/sources.ts';
import { dimensionNodes, type DimensionNodes } from './dimension-nodes.ts';
import { gaussSuppression, type Candidate } from './gauss-suppression.ts';
import { seededRandom } from './seeded-random.ts';
import { SpanBasis } from './span-basis.ts';
import { protectedFamily } from './protected-family.ts';
import { dot, fromEntries, indicator, P, type SparseVector } from './sparse-vector.ts';

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

/**
 * Why a cell is published or not: `primary` (computed from fewer than k units), `container`
 * (a person-level rate of 0% or 100% over parts below k: it would tell what every person in
 * those parts is), `secondary` (withheld so that no protected cell can be computed).
 */
export type CellStatus = 'published' | 'primary' | 'container' | 'secondary';

/** What protecting a block decided, and how much work it took. */
export interface BlockProtection {
  /** For each input cell, in input order. */
  readonly status: CellStatus[];
  readonly stats: {
    readonly variables: number;
    readonly familyCells: number;
    /** Sensitive (measure, cell) pairs of the protected family. */
    readonly sensitive: number;
    /** Of them, those that everything publishable together would determine (tracked by the elimination). */
    readonly tracked: number;
  };
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
}

/**
 * Disclosure control of one block, jointly for every metric computed from it (linked tables):
 *
 * 1. The protected family: every region of the block × every node of each dimension
 *    (dimension-nodes.ts), whether published or not. A (measure, family cell) pair is
 *    sensitive when one of the unit counts the measure is computed from (`over` in
 *    sources.ts) is between 1 and k − 1 in that cell.
 * 2. A metric cell is a primary suppression when any measure it publishes (numerator,
 *    denominator, population) is sensitive in its cell; a person-level rate of exactly 0% or
 *    100% over parts below k is withheld too (a container).
 * 3. Every other metric cell is a candidate that publishes the sums of its measures over its
 *    inner cells (a published 0 of a count or person sum publishes each inner cell as 0:
 *    nothing negative can hide behind it). Gaussian elimination in priority order publishes
 *    each candidate unless it would make a sensitive pair (or a container's value) a linear
 *    combination of what is published.
 * 4. A final check with random null-space witnesses confirms that no sensitive pair is
 *    determined by the publication; a failure throws.
 */
export function protectBlock(input: BlockInput): BlockProtection {
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

  // Variables: every published measure at every inner cell.
  const varMeasures = [...new Set(cells.flatMap((c) => published(metricOf(c.metric))))].sort();
  const mIndex = new Map(varMeasures.map((m, i) => [m, i]));
  const overMeasures = [...new Set(varMeasures.flatMap((m) => measureOf(m).over))].sort();
  const column = (m: string): ArrayLike<number> => {
    const c = inner.values[m];
    if (c === undefined) throw new Error(`the inner cells have no column ${m}`);
    return c;
  };
  const variable = (measure: string, i: number) => mIndex.get(measure)! * n + i;

  // The protected family.
  const dims = Object.keys(source.dims);
  const metricsHere = [...new Set(cells.map((c) => c.metric))].map(metricOf);
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
  const smallIn = new Map(overMeasures.map((u) => [u, family.sums(column(u)).map((x) => (small(x) ? 1 : 0))]));
  // Bit j of sensitive[f]: measure varMeasures[j] is sensitive in family cell f.
  if (varMeasures.length > 31) throw new Error('more than 31 published measures in one source');
  const sensitive = new Uint32Array(family.size);
  varMeasures.forEach((measure, j) => {
    for (const u of measureOf(measure).over) {
      const flags = smallIn.get(u)!;
      for (let f = 0; f < family.size; f++) if (flags[f]) sensitive[f]! |= 1 << j;
    }
  });
  const sensitiveIn = (measure: string, f: number) => (sensitive[f]! & (1 << mIndex.get(measure)!)) !== 0;

  // Each metric cell's family cell, checked against the SQL totals.
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
    const sum = (measure: string) => membersOf(f).reduce((s, i) => s + column(measure)[i]!, 0);
    for (const [part, measure] of [['numerator', m.numerator], ['denominator', m.denominator], ['population', m.population], ['contributors', m.contributors]] as const) {
      const expected = c[part];
      if (measure != null && expected !== null && Math.abs(sum(measure) - expected) > 1e-6) {
        throw new Error(`${c.metric} ${c.region} ${c.breakdown}=${c.category}: ${part} is ${expected} in SQL but ${sum(measure)} from the inner cells`);
      }
    }
    return f;
  });

  // The status of each metric cell.
  const containerVectors: SparseVector[] = [];
  const status: CellStatus[] = cells.map((c, ci) => {
    const m = metricOf(c.metric);
    const f = cellFamily[ci]!;
    if (published(m).some((measure) => sensitiveIn(measure, f))) return 'primary';
    if (m.unit === 'rate' && measureOf(m.numerator).kind === 'persons' && (c.numerator === 0 || c.numerator === c.denominator)) {
      const over = measureOf(m.numerator).over.map((u) => column(u));
      if (membersOf(f).some((i) => over.some((col) => small(col[i]!)))) {
        containerVectors.push(
          c.numerator === 0
            ? indicator(membersOf(f).map((i) => variable(m.numerator, i)))
            : fromEntries(membersOf(f).flatMap((i) => [[variable(m.numerator, i), 1], [variable(m.denominator!, i), -1]] as const)),
        );
        return 'container';
      }
    }
    return 'published';
  });

  const known = (source.identities ?? [])
    .filter((id) => [id.whole, ...id.parts].every((m) => mIndex.has(m)))
    .flatMap((id) => Array.from({ length: n }, (_, i) => fromEntries([[variable(id.whole, i), 1], ...id.parts.map((p) => [variable(p, i), -1] as const)])));
  const sorted = (vars: number[]) => vars.sort((a, b) => a - b);
  const candidateOf = (ci: number): Candidate => {
    const m = metricOf(cells[ci]!.metric);
    const inside = membersOf(cellFamily[ci]!);
    return {
      vectors: published(m).flatMap((measure) => {
        const vars = sorted(inside.map((i) => variable(measure, i)));
        const zero = measureOf(measure).kind !== 'attribute' && inside.every((i) => column(measure)[i] === 0);
        // Keyed, so that the same sum published by several metrics is reduced once.
        return zero ? vars.map((x) => ({ idx: [x], val: [1], key: -1 - x })) : [{ idx: vars, val: vars.map(() => 1), key: mIndex.get(measure)! * family.size + cellFamily[ci]! }];
      }),
    };
  };
  const order = cells.map((_, i) => i).filter((i) => status[i] === 'published').sort((a, b) => input.priority[a]! - input.priority[b]! || a - b);
  const candidates = order.map(candidateOf);
  const size = varMeasures.length * n;
  const random = seededRandom(input.seed);

  /** The sensitive pairs a witness set does not tell apart from 0: those the span determines. */
  const determinedPairs = (witnesses: readonly Float64Array[]): { f: number; j: number }[] => {
    const out: { f: number; j: number }[] = [];
    for (let f = 0; f < family.size; f++) {
      const mask = sensitive[f]!;
      if (mask === 0) continue;
      for (let j = 0; j < varMeasures.length; j++) {
        if ((mask & (1 << j)) === 0) continue;
        const offset = j * n;
        if (witnesses.every((z) => {
          let s = 0;
          for (let t = start[f]!; t < start[f + 1]!; t++) s += z[offset + members[t]!]!;
          return s % P === 0;
        })) out.push({ f, j });
      }
    }
    return out;
  };
  const pairVector = (p: { f: number; j: number }): SparseVector => {
    const vars = sorted(membersOf(p.f).map((i) => p.j * n + i));
    return { idx: vars, val: vars.map(() => 1) };
  };

  /**
   * Small unions: in every relation whose total is a metric cell (the regions below it, or
   * the categories of one of its dimensions), the union of the parts in which a measure is
   * sensitive, when there are several and their union is sensitive too. If the attacker knew
   * that sum, each part would lie between 0 and it: an interval narrower than k (the
   * threshold rule's "suppressed parts must together reach k"). So it must not be determined.
   */
  function smallUnions(): SparseVector[] {
    const childRegions = new Map<number, Set<number>>();
    for (const chain of leafRegions) for (let t = 1; t < chain.length; t++) {
      if (!childRegions.has(chain[t]!)) childRegions.set(chain[t]!, new Set());
      childRegions.get(chain[t]!)!.add(chain[t - 1]!);
    }
    const seen = new Set<string>();
    const out: SparseVector[] = [];
    const consider = (children: (number | undefined)[]) => {
      for (let j = 0; j < varMeasures.length; j++) {
        const parts = children.filter((f): f is number => f !== undefined && (sensitive[f]! & (1 << j)) !== 0);
        if (parts.length < 2) continue;
        const inside = [...new Set(parts.flatMap(membersOf))].sort((a, b) => a - b);
        const over = measureOf(varMeasures[j]!).over.map(column);
        if (!over.some((col) => small(inside.reduce((x, i) => x + col[i]!, 0)))) continue;
        const key = `${j}|${inside.join(',')}`;
        if (seen.has(key)) continue;
        seen.add(key);
        out.push({ idx: inside.map((i) => j * n + i), val: inside.map(() => 1) });
      }
    };
    const relations = new Set<string>();
    for (const { region, at } of cellNodes) {
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

  // Only pairs that everything publishable together determines can ever be disclosed. The
  // span does not depend on the order: small vectors first keep the rows sparse.
  const everything = new SpanBasis();
  for (const v of known) everything.add(v);
  const distinct = new Map(candidates.flatMap((c) => c.vectors).map((v) => [v.key, v]));
  for (const v of [...distinct.values()].sort((a, b) => a.idx.length - b.idx.length)) everything.add(v);
  const reach = [everything.witness(size, random), everything.witness(size, random)];
  const tracked = determinedPairs(reach);
  const unions = smallUnions().filter((v) => reach.every((z) => dot(v, z) === 0));

  const result = gaussSuppression(known, candidates, [...tracked.map(pairVector), ...containerVectors, ...unions]);
  if (result.unprotectable.length > 0) throw new Error(`${result.unprotectable.length} protected cells are determined by known relations alone`);
  result.published.forEach((ok, j) => {
    if (!ok) status[order[j]!] = 'secondary';
  });

  // The check: no sensitive pair and no container is determined by what is published.
  const check = [result.basis.witness(size, random), result.basis.witness(size, random)];
  const leaks = determinedPairs(check).length + [...containerVectors, ...unions].filter((v) => check.every((z) => dot(v, z) === 0)).length;
  if (leaks > 0) throw new Error(`disclosure check failed: ${leaks} protected cells are determined by the publication`);

  let pairs = 0;
  for (let f = 0; f < family.size; f++) for (let x = sensitive[f]!; x !== 0; x &= x - 1) pairs++;
  return { status, stats: { variables: size, familyCells: family.size, sensitive: pairs, tracked: tracked.length } };
}
