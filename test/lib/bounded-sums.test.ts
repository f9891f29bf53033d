import highsLoader from 'highs';
import { describe, expect, it } from 'vitest';
import { BoundedSums } from '../../src/lib/disclosure/bounded-sums.ts';

const lp = await highsLoader();

// x0 + x1 + x2 = 6 (given); x0 ≤ x1 and x1 ≤ x2 (lazy: added only when a solution breaks them).
const rows = { columns: 3, starts: [0, 3], indices: [0, 1, 2], values: [1, 1, 1], lower: [6], upper: [6] };
const lazy = { columns: 3, starts: [0, 2, 4], indices: [0, 1, 1, 2], values: [1, -1, 1, -1], lower: [-Infinity, -Infinity], upper: [0, 0] };

describe('BoundedSums', () => {
  it('bounds a sum by every row, the lazy ones added as solutions break them', () => {
    const sums = new BoundedSums(lp, rows, lazy);
    expect(sums.optimum(Int32Array.of(0), 'maximize')!.value).toBeCloseTo(2);
    expect(sums.optimum(Int32Array.of(2), 'minimize')!.value).toBeCloseTo(2);
    expect(sums.optimum(Int32Array.of(1), 'maximize')!.value).toBeCloseTo(3);
    expect(sums.lazyAdded.length).toBe(2);
    sums.dispose();
  });

  it('without lazy rows, bounds by the given rows alone', () => {
    const sums = new BoundedSums(lp, rows);
    expect(sums.optimum(Int32Array.of(0), 'maximize')!.value).toBeCloseTo(6);
    sums.dispose();
  });

  it('gives a dual for each row, lazy ones after the given ones, and forgets a dropped row', () => {
    const sums = new BoundedSums(lp, rows, lazy);
    const optimum = sums.optimum(Int32Array.of(0), 'maximize', true)!;
    expect(optimum.rowDual.length).toBe(1 + sums.lazyAdded.length);
    expect(Math.abs(optimum.rowDual[0]!)).toBeGreaterThan(0);
    sums.drop(0);
    expect(sums.optimum(Int32Array.of(0), 'maximize')!.value).toBe(Infinity);
    sums.dispose();
  });

  it('returns a point that keeps every row', () => {
    const sums = new BoundedSums(lp, rows, lazy);
    const x = sums.point(Int32Array.of(0, 2), Float64Array.of(2, 1), 'maximize')!;
    expect(x[0]! + x[1]! + x[2]!).toBeCloseTo(6);
    expect(x[0]!).toBeLessThanOrEqual(x[1]! + 1e-9);
    expect(x[1]!).toBeLessThanOrEqual(x[2]! + 1e-9);
    expect(2 * x[0]! + x[2]!).toBeCloseTo(6);
    sums.dispose();
  });
});
