import { SpanBasis } from './span-basis.ts';
import { P, type SparseVector } from './sparse-vector.ts';

/** A linear form a candidate publishes; forms with the same key are the same form. */
export interface KeyedVector extends SparseVector {
  readonly key?: number;
}

/** What publishing one candidate reveals: the values of these linear forms of the inner cells. */
export interface Candidate {
  readonly vectors: readonly KeyedVector[];
}

/** The outcome of Gaussian suppression. */
export interface GaussResult {
  /** For each candidate, in input order: published (true) or suppressed (false). */
  readonly published: boolean[];
  /** The span of everything published (with the known relations): for checks and witnesses. */
  readonly basis: SpanBasis;
  /** Primaries that the known relations alone already determine (nothing can protect them). */
  readonly unprotectable: number[];
}

/**
 * Secondary suppression by Gaussian elimination (the method of SSB's GaussSuppression,
 * Langsrud 2024), generalised to candidates that publish several linear forms at once.
 *
 * Candidates are taken in order, most wanted first. A candidate is published unless it would
 * make some primary (a linear form that must stay unknown) a linear combination of what is
 * already published; then it is suppressed. Each primary is kept as its residual: what is
 * left of it after reduction by the published span; a primary is disclosed exactly when its
 * residual vanishes. A candidate's forms are added to the span tentatively, the residuals
 * holding one of their new pivots are reduced again, and the rows are taken back if one
 * vanishes.
 *
 * `known` are relations the attacker knows without any publication (e.g. enterprises =
 * unionized + not unionized, cell by cell): they start the span.
 */
export function gaussSuppression(
  known: readonly SparseVector[],
  candidates: Iterable<Candidate>,
  primaries: readonly SparseVector[],
): GaussResult {
  const basis = new SpanBasis();
  for (const v of known) basis.add(v);
  // Residuals as maps, so that subtracting a row costs the row's length, not the residual's.
  const residual: Map<number, number>[] = [];
  const unprotectable: number[] = [];
  // For each variable, the primaries whose residual may hold it (a superset).
  const holders = new Map<number, number[]>();
  const hold = (x: number, j: number) => {
    const list = holders.get(x);
    if (list === undefined) holders.set(x, [j]);
    else if (list[list.length - 1] !== j) list.push(j);
  };
  primaries.forEach((p, j) => {
    const r = basis.reduce(p);
    residual.push(new Map(r.idx.map((x, i) => [x, r.val[i]!])));
    if (r.idx.length === 0) unprotectable.push(j);
    for (const x of r.idx) hold(x, j);
  });

  const published: boolean[] = [];
  // Forms already published (several metrics publish the same sums): nothing to reduce.
  const done = new Set<number>();
  for (const candidate of candidates) {
    const pivots: number[] = [];
    for (const v of candidate.vectors) {
      if (v.key !== undefined && done.has(v.key)) continue;
      const pivot = basis.add(v);
      if (pivot !== undefined) pivots.push(pivot);
    }
    if (pivots.length === 0) {
      published.push(true);
      continue;
    }
    // Residuals hold no older pivot; a new row holds no pivot older than itself, so
    // subtracting the new rows in the order they were added reduces a residual fully.
    const undo: [number, number, number][] = [];
    let discloses = false;
    for (const pivot of pivots) {
      const row = basis.row(pivot)!;
      for (const j of holders.get(pivot) ?? []) {
        const res = residual[j]!;
        const c = res.get(pivot);
        if (c === undefined) continue;
        const neg = P - c;
        for (let t = 0; t < row.idx.length; t++) {
          const x = row.idx[t]!;
          const old = res.get(x) ?? 0;
          const next = (old + neg * row.val[t]!) % P;
          undo.push([j, x, old]);
          if (next === 0) res.delete(x);
          else {
            res.set(x, next);
            // Held at once: a later row of this candidate may pivot on x.
            if (old === 0) hold(x, j);
          }
        }
        if (res.size === 0) {
          discloses = true;
          break;
        }
      }
      if (discloses) break;
    }
    if (discloses) {
      for (let u = undo.length - 1; u >= 0; u--) {
        const [j, x, old] = undo[u]!;
        if (old === 0) residual[j]!.delete(x);
        else residual[j]!.set(x, old);
      }
      for (const pivot of pivots) basis.remove(pivot);
      published.push(false);
      continue;
    }
    published.push(true);
    for (const v of candidate.vectors) if (v.key !== undefined) done.add(v.key);
  }
  return { published, basis, unprotectable };
}
