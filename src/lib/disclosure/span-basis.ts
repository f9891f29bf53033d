import { invMod, P, type SparseVector } from './sparse-vector.ts';

/**
 * A basis of the span of published cells over F_p, in echelon form: each row has 1 at its
 * pivot, its smallest variable, and rows never change once added (so an addition is undone
 * by deleting the row). A vector is reduced by subtracting, smallest variable first, the row
 * of every pivot it holds; it lies in the span exactly when nothing is left.
 */
export class SpanBasis {
  /** The row of each pivot, indexed by variable. */
  private rowOf: (SparseVector | undefined)[] = [];
  private count = 0;
  /**
   * Scratch space of reduce(): a dense accumulator and marks of the variables held; a min-heap
   * of those that are pivots (the only ones whose order matters: each brings its row, of larger
   * variables), and a list of the others, sorted once at the end.
   */
  private acc = new Float64Array(1024);
  private queued = new Uint8Array(1024);
  private heap = new Int32Array(1024);
  private rest = new Int32Array(1024);

  /** v minus a combination of rows that leaves no pivot: empty when v is in the span. */
  reduce(v: SparseVector): SparseVector {
    let hits = false;
    const rowOf = this.rowOf;
    for (let i = 0; i < v.idx.length && !hits; i++) hits = rowOf[v.idx[i]!] !== undefined;
    if (!hits) return v;
    this.grow(v.idx[v.idx.length - 1]!);
    let heapSize = 0;
    let restSize = 0;
    // Adds c (below P², so that a sum with an accumulated value below P stays exact) at x.
    const add = (x: number, c: number) => {
      const acc = this.acc;
      if (this.queued[x] === 1) {
        acc[x] = (acc[x]! + c) % P;
        return;
      }
      this.queued[x] = 1;
      acc[x] = c % P;
      if (rowOf[x] === undefined) {
        if (restSize === this.rest.length) this.rest = doubled(this.rest);
        this.rest[restSize++] = x;
        return;
      }
      if (heapSize === this.heap.length) this.heap = doubled(this.heap);
      const h = this.heap;
      let i = heapSize++;
      while (i > 0) {
        const parent = (i - 1) >> 1;
        if (h[parent]! <= x) break;
        h[i] = h[parent]!;
        i = parent;
      }
      h[i] = x;
    };
    for (let i = 0; i < v.idx.length; i++) add(v.idx[i]!, v.val[i]!);
    while (heapSize > 0) {
      const h = this.heap;
      const x = h[0]!;
      const last = h[--heapSize]!;
      let i = 0;
      for (;;) {
        const l = 2 * i + 1;
        if (l >= heapSize) break;
        const r = l + 1;
        const m = r < heapSize && h[r]! < h[l]! ? r : l;
        if (h[m]! >= last) break;
        h[i] = h[m]!;
        i = m;
      }
      if (heapSize > 0) h[i] = last;
      this.queued[x] = 0;
      const c = this.acc[x]!;
      this.acc[x] = 0;
      if (c === 0) continue;
      // Every other variable of the row is larger than x: still to come.
      const row = rowOf[x]!;
      const neg = P - c;
      this.grow(row.idx[row.idx.length - 1]!);
      for (let j = 1; j < row.idx.length; j++) add(row.idx[j]!, neg * row.val[j]!);
    }
    const left = this.rest.subarray(0, restSize).sort();
    const idx: number[] = [];
    const val: number[] = [];
    for (let i = 0; i < left.length; i++) {
      const x = left[i]!;
      const c = this.acc[x]!;
      this.acc[x] = 0;
      this.queued[x] = 0;
      if (c !== 0) {
        idx.push(x);
        val.push(c);
      }
    }
    return { idx, val };
  }

  /** True when v lies in the span. */
  contains(v: SparseVector): boolean {
    return this.reduce(v).idx.length === 0;
  }

  /** The row whose pivot is `pivot`, if any. */
  row(pivot: number): SparseVector | undefined {
    return this.rowOf[pivot];
  }

  /** The number of rows: the dimension of the span. */
  get size(): number {
    return this.count;
  }

  /** Adds v to the span; returns its new pivot, or undefined when v was in the span already. */
  add(v: SparseVector): number | undefined {
    const r = this.reduce(v);
    if (r.idx.length === 0) return undefined;
    const inv = invMod(r.val[0]!);
    const pivot = r.idx[0]!;
    while (this.rowOf.length <= pivot) this.rowOf.push(undefined);
    this.rowOf[pivot] = { idx: r.idx, val: r.val.map((x) => (x * inv) % P) };
    this.count++;
    return pivot;
  }

  /** Takes back the row of a pivot added last (rows added after it may depend on it). */
  remove(pivot: number): void {
    if (this.rowOf[pivot] === undefined) return;
    this.rowOf[pivot] = undefined;
    this.count--;
  }

  /**
   * A random vector z of the null space of the span (every row · z = 0), over `size`
   * variables: random at the free variables, fixed by the rows at the pivots (largest pivot
   * first, since a row holds only larger variables). A vector w is in the span exactly when
   * w · z = 0 for every such z; for w outside the span a random z gives 0 with probability 1/p.
   */
  witness(size: number, random: () => number): Float64Array {
    const z = new Float64Array(size);
    for (let i = 0; i < size; i++) if (this.rowOf[i] === undefined) z[i] = 1 + Math.floor(random() * (P - 1));
    for (let pivot = this.rowOf.length - 1; pivot >= 0; pivot--) {
      const row = this.rowOf[pivot];
      if (row === undefined) continue;
      let s = 0;
      for (let i = 1; i < row.idx.length; i++) s = (s + row.val[i]! * z[row.idx[i]!]!) % P;
      z[pivot] = (P - s) % P;
    }
    return z;
  }

  private grow(x: number): void {
    if (x < this.acc.length) return;
    let size = this.acc.length;
    while (size <= x) size *= 2;
    const acc = new Float64Array(size);
    acc.set(this.acc);
    this.acc = acc;
    const queued = new Uint8Array(size);
    queued.set(this.queued);
    this.queued = queued;
  }
}

/** A typed array twice as long, holding the same values first. */
function doubled(a: Int32Array): Int32Array<ArrayBuffer> {
  const b = new Int32Array(a.length * 2);
  b.set(a);
  return b;
}

/**
 * Two random vectors of the null space of the span of `vectors` (added in the order given),
 * over `size` variables (see SpanBasis.witness). The basis itself is not kept: for a large
 * block it is the largest thing in memory.
 */
export function nullSpaceWitnesses(vectors: Iterable<SparseVector>, size: number, random: () => number): [Float64Array, Float64Array] {
  const basis = new SpanBasis();
  for (const v of vectors) basis.add(v);
  return [basis.witness(size, random), basis.witness(size, random)];
}
