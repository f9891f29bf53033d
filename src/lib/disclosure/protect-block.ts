import type { Highs } from 'highs';
import { absentZeros } from './absent-cells.ts';
import { blockModel, type BlockInput, type BlockModel } from './block-model.ts';
import { cellStatus, type CellStatus } from './cell-status.ts';
import { gaussSuppression, type Candidate, type KeyedVector } from './gauss-suppression.ts';
import { repairIntervals } from './interval-repair.ts';
import { repairsBlock } from './repair-limit.ts';
import { orderedPairs, type OrderedPair } from './ordered-pairs.ts';
import { enforceOtherRows } from './other-row-threshold.ts';
import { seededRandom } from './seeded-random.ts';
import { countPairs, determinedPairs, pairVector, type SensitivePair } from './sensitive-pairs.ts';
import { smallUnions } from './small-unions.ts';
import { nullSpaceWitnesses } from './span-basis.ts';
import { dot, fromEntries, type SparseVector } from './sparse-vector.ts';

/** What protecting a block decided, and how much work it took. */
export interface BlockProtection {
  /** For each input cell, in input order. */
  readonly status: CellStatus[];
  readonly stats: {
    readonly variables: number;
    readonly familyCells: number;
    /** Sensitive (measure, cell) pairs of the protected family. */
    readonly sensitive: number;
    /** Sensitive pairs, containers and small unions that everything publishable together would determine (tracked by the elimination). */
    readonly tracked: number;
    /** Sensitive pairs that what the attacker knows without any publication already fixes (see absent-cells.ts). */
    readonly fixed: number;
    /** Withheld values below k bounded by linear programming, cells withheld to widen them, and values no withholding widens. */
    readonly intervals: { readonly targets: number; readonly withheld: number; readonly unrepairable: number };
  };
}

/**
 * Disclosure control of one block, jointly for every metric computed from it (linked tables):
 *
 * 1. The model (block-model.ts): the protected family, every region of the block × every node
 *    of each dimension, published or not; a (measure, family cell) pair is sensitive when one
 *    of the unit counts the measure is computed from (`over` in sources.ts) is between 1 and
 *    k − 1 in that cell.
 * 2. Primary suppressions and containers (cell-status.ts).
 * 3. Every other metric cell is a candidate that publishes the sums of its measures over its
 *    inner cells (a published 0 of a count or person sum publishes each inner cell as 0:
 *    nothing negative can hide behind it). Gaussian elimination in priority order publishes
 *    each candidate unless it would make a sensitive pair, a container's value or a small
 *    union (small-unions.ts) a linear combination of what is published.
 * 4. "Other" rows meet the threshold (other-row-threshold.ts).
 * 5. In a block of up to `repairUpTo` variables, every withheld value below k is bounded by linear programming
 *    over everything published (with `lp`, a HiGHS runtime) and more is withheld where an
 *    interval is narrower than its protection level (interval-repair.ts); then "other" rows
 *    are checked again.
 * 6. A final check with random null-space witnesses confirms that no protected value is
 *    determined by the publication; a failure throws.
 */
export function protectBlock(input: BlockInput, lp: Highs): BlockProtection {
  const model = blockModel(input);
  const { status, containers } = cellStatus(model);
  const absent = absentZeros(model);
  const known = [...identities(model), ...absent];
  const order = input.cells.map((_, i) => i).filter((i) => status[i] === 'published').sort((a, b) => input.priority[a]! - input.priority[b]! || a - b);
  const pairs = orderedPairs(model);
  const size = model.varMeasures.length * model.n;
  const random = seededRandom(input.seed);

  // What the attacker knows without any publication (identities, rows that are not there)
  // may already fix some values: nothing can protect those (docs/disclosure.md says which).
  const determined = (v: SparseVector, witnesses: readonly Float64Array[]) => witnesses.every((z) => dot(v, z) === 0);
  const structural = nullSpaceWitnesses(known, size, random);
  const key = (p: SensitivePair) => p.j * model.family.size + p.f;
  const fixed = new Set(determinedPairs(model, structural).map(key));
  const open = (v: SparseVector) => !determined(v, structural);

  // Only what everything publishable together determines can ever be disclosed.
  const { reach, tightPairs } = publishable(model, order, pairs, known, random);
  const tracked = determinedPairs(model, reach).filter((p) => !fixed.has(key(p)));
  const unions = smallUnions(model).filter((v) => determined(v, reach) && open(v));
  const guarded = containers.filter(open);

  // Measures none of whose protected values is reachable cannot cause a suppression: their
  // forms are left out of the elimination (everything publishable leaves them all unknown).
  const primaries = [...tracked.map((p) => pairVector(model, p)), ...guarded, ...unions];
  const needed = neededMeasures(model, primaries, [...tightPairs].map((q) => [pairs[q]!.a, pairs[q]!.b]));
  const involved = (v: SparseVector) => needed.has(Math.floor(v.idx[0]! / model.n));
  // Each candidate's forms are made when the elimination comes to it, and dropped after.
  function* candidates() {
    for (const ci of order) yield { vectors: candidate(model, ci, pairs).vectors.filter(involved) };
  }
  const result = gaussSuppression(known.filter(involved), candidates(), primaries);
  result.published.forEach((ok, j) => {
    if (!ok) status[order[j]!] = 'secondary';
  });

  // "Other" rows meet the threshold.
  enforceOtherRows(model, status);
  const intervals = repairsBlock(size, input.repairUpTo ?? 0) ? repairIntervals(model, status, absent.map((v) => v.idx[0]!), lp) : { targets: 0, withheld: 0, unrepairable: 0 };
  if (intervals.withheld > 0) enforceOtherRows(model, status);

  // The check: nothing protected is determined by what is published. The steps after the
  // elimination only withhold, so what is finally published is part of what the elimination
  // published: a value its span leaves undetermined stays undetermined.
  const check = [result.basis.witness(size, random), result.basis.witness(size, random)];
  const leaks = determinedPairs(model, check).filter((p) => !fixed.has(key(p))).length + [...guarded, ...unions].filter((v) => determined(v, check)).length;
  if (leaks > 0) throw new Error(`disclosure check failed: ${leaks} protected cells are determined by the publication`);
  return { status, stats: { variables: size, familyCells: model.family.size, sensitive: countPairs(model), tracked: tracked.length + guarded.length + unions.length, fixed: fixed.size, intervals } };
}

/**
 * Two witnesses of the span of everything publishable (every candidate's forms, with what is
 * known), and the ordered pairs some candidate publishes tight (their forms have keys below
 * −size: −1 − size − (pair · n + i)). The span does not depend on the order: small vectors
 * first keep the rows sparse. The forms are made here and dropped with the span: for a large
 * block they are, with its rows, most of the memory it needs.
 */
function publishable(
  model: BlockModel,
  order: readonly number[],
  pairs: readonly OrderedPair[],
  known: readonly SparseVector[],
  random: () => number,
): { reach: [Float64Array, Float64Array]; tightPairs: Set<number> } {
  const size = model.varMeasures.length * model.n;
  const distinct = new Map<number | undefined, KeyedVector>();
  const tightPairs = new Set<number>();
  for (const ci of order) {
    for (const v of candidate(model, ci, pairs).vectors) {
      distinct.set(v.key, v);
      if (v.key !== undefined && v.key < -size) tightPairs.add(Math.floor((-1 - size - v.key) / model.n));
    }
  }
  const reach = nullSpaceWitnesses([...known, ...[...distinct.values()].sort((a, b) => a.idx.length - b.idx.length)], size, random);
  return { reach, tightPairs };
}

/**
 * The measures (indices) the primaries involve, closed under what ties measures together in
 * every inner cell: identities, and the equalities of orderings published tight (`tied`).
 */
function neededMeasures(model: BlockModel, primaries: readonly SparseVector[], tied: readonly (readonly number[])[]): Set<number> {
  const needed = new Set(primaries.flatMap((v) => v.idx.map((x) => Math.floor(x / model.n))));
  const groups = [...(model.input.source.identities ?? []).map((id) => [id.whole, ...id.parts].map((m) => model.measureIndex(m)).filter((j) => j >= 0)), ...tied];
  for (let changed = true; changed; ) {
    changed = false;
    for (const group of groups) {
      if (!group.some((j) => needed.has(j)) || group.every((j) => needed.has(j))) continue;
      for (const j of group) needed.add(j);
      changed = true;
    }
  }
  return needed;
}

/** The relations an attacker knows in every inner cell (sources.ts `identities`: whole − Σ parts = 0). */
function identities(model: BlockModel): SparseVector[] {
  return (model.input.source.identities ?? [])
    .filter((id) => [id.whole, ...id.parts].every((m) => model.measureIndex(m) >= 0))
    .flatMap((id) =>
      Array.from({ length: model.n }, (_, i) => fromEntries([[model.variable(id.whole, i), 1], ...id.parts.map((p) => [model.variable(p, i), -1] as const)])),
    );
}

/**
 * What publishing metric cell `ci` reveals: the sum of each measure it publishes over its
 * inner cells; for a 0 of a count or person sum, each inner cell being 0; and where it
 * publishes both sides of an ordering (`pairs`: a ≤ b in every inner cell) with equal sums
 * (a 100% rate), a = b in each inner cell. Keyed, so that the same sum published by several
 * metrics is reduced once.
 */
function candidate(model: BlockModel, ci: number, pairs: readonly OrderedPair[]): Candidate {
  const m = model.metricOf(model.input.cells[ci]!.metric);
  const f = model.cellFamily[ci]!;
  const inside = model.membersOf(f);
  const measures = model.published(m);
  const sum = (j: number) => {
    const values = model.column(model.varMeasures[j]!);
    let total = 0;
    for (const i of inside) total += values[i]!;
    return total;
  };
  const size = model.varMeasures.length * model.n;
  const tight = pairs.flatMap((p, q) => {
    if (!measures.includes(model.varMeasures[p.a]!) || !measures.includes(model.varMeasures[p.b]!)) return [];
    const total = sum(p.b);
    if (total === 0 || sum(p.a) !== total) return [];
    return inside.map((i) => ({ ...fromEntries([[p.a * model.n + i, 1], [p.b * model.n + i, -1]]), key: -1 - size - (q * model.n + i) }));
  });
  return {
    vectors: [
      ...measures.flatMap((measure) => {
        const vars = inside.map((i) => model.variable(measure, i));
        const values = model.column(measure);
        const zero = model.measureOf(measure).kind !== 'attribute' && inside.every((i) => values[i] === 0);
        return zero ? vars.map((x) => ({ idx: [x], val: [1], key: -1 - x })) : [{ idx: vars, val: vars.map(() => 1), key: model.measureIndex(measure) * model.family.size + f }];
      }),
      ...tight,
    ],
  };
}
