/**
 * Sparse vectors over the prime field F_p, for exact linear algebra on the published cells.
 *
 * Whether a cell can be computed from published cells is a question of linear dependence,
 * which needs exact arithmetic: floating point elimination would need a tolerance. Over F_p
 * with p ≈ 6.7e7 every product of two elements is below 2^53, so plain JavaScript numbers are
 * exact. A combination of 0/1 rows that gives a cell over the rationals gives it over F_p too
 * (clear the denominators; the result is non-zero mod p unless p divides it, which for the
 * small determinants of 0/1 tables does not happen), so F_p never misses a disclosure; at
 * worst it would see one that is not there, which suppresses more, never less.
 */

/** The prime modulus, 2^26 − 5. */
export const P = 67_108_859;

/** A sparse vector: strictly increasing indices, values in 1…P−1 (no stored zeros). */
export interface SparseVector {
  readonly idx: number[];
  readonly val: number[];
}

/** The inverse of a non-zero element of F_p (extended Euclid). */
export function invMod(a: number): number {
  let [r0, r1] = [P, ((a % P) + P) % P];
  let [t0, t1] = [0, 1];
  if (r1 === 0) throw new Error('no inverse of 0 mod p');
  while (r1 !== 0) {
    const q = Math.floor(r0 / r1);
    [r0, r1] = [r1, r0 - q * r1];
    [t0, t1] = [t1, t0 - q * t1];
  }
  return ((t0 % P) + P) % P;
}

/** The vector with 1 at each of the (distinct) indices. */
export function indicator(indices: Iterable<number>): SparseVector {
  const idx = [...new Set(indices)].sort((a, b) => a - b);
  return { idx, val: idx.map(() => 1) };
}

/** A vector from index → coefficient pairs (coefficients may be negative or repeat an index). */
export function fromEntries(entries: Iterable<readonly [number, number]>): SparseVector {
  const sums = new Map<number, number>();
  for (const [i, c] of entries) sums.set(i, ((((sums.get(i) ?? 0) + c) % P) + P) % P);
  const idx = [...sums.keys()].filter((i) => sums.get(i) !== 0).sort((a, b) => a - b);
  return { idx, val: idx.map((i) => sums.get(i)!) };
}

/** The coefficient of `index` in `v` (0 when absent), by binary search. */
export function coefficient(v: SparseVector, index: number): number {
  let lo = 0;
  let hi = v.idx.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const x = v.idx[mid]!;
    if (x === index) return v.val[mid]!;
    if (x < index) lo = mid + 1;
    else hi = mid - 1;
  }
  return 0;
}

/** c · v. */
export function scale(v: SparseVector, c: number): SparseVector {
  return { idx: v.idx, val: v.val.map((x) => (x * c) % P) };
}

/** Σ v_i · w_i for a dense w. */
export function dot(v: SparseVector, w: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < v.idx.length; i++) s = (s + v.val[i]! * w[v.idx[i]!]!) % P;
  return s;
}
