import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { SpanBasis } from '../../src/lib/disclosure/span-basis.ts';
import { fromEntries, P, type SparseVector } from '../../src/lib/disclosure/sparse-vector.ts';
import { inSpan } from '../helpers/dense-rank.ts';

const WIDTH = 12;
const dense = (v: SparseVector) => Array.from({ length: WIDTH }, (_, i) => {
  const at = v.idx.indexOf(i);
  return at < 0 ? 0 : v.val[at]! > P / 2 ? v.val[at]! - P : v.val[at]!;
});
/** Small vectors with coefficients −2…2 over WIDTH variables, as sums of cells and differences are. */
const vector = fc.array(fc.tuple(fc.integer({ min: 0, max: WIDTH - 1 }), fc.integer({ min: -2, max: 2 })), { minLength: 1, maxLength: 6 }).map((entries) => fromEntries(entries));

describe('SpanBasis', () => {
  it('tells what lies in the span as dense elimination does, and reduces to sorted, pivot-free vectors (property)', () => {
    fc.assert(
      fc.property(fc.array(vector, { minLength: 1, maxLength: 10 }), fc.array(vector, { minLength: 1, maxLength: 6 }), (added, queries) => {
        const basis = new SpanBasis();
        const rows: number[][] = [];
        for (const v of added) {
          if (v.idx.length === 0) continue;
          basis.add(v);
          rows.push(dense(v));
        }
        for (const q of queries) {
          if (q.idx.length === 0) continue;
          expect(basis.contains(q)).toBe(rows.length > 0 && inSpan(rows, dense(q)));
          const r = basis.reduce(q);
          expect(r.idx).toEqual([...r.idx].sort((a, b) => a - b));
          for (const x of r.idx) expect(basis.row(x)).toBeUndefined();
          for (const c of r.val) expect(c > 0 && c < P).toBe(true);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('takes back the row of a pivot added last', () => {
    const basis = new SpanBasis();
    basis.add(fromEntries([[0, 1], [1, 1]]));
    const pivot = basis.add(fromEntries([[1, 1], [2, 1]]))!;
    expect(basis.contains(fromEntries([[0, 1], [2, -1]]))).toBe(true);
    basis.remove(pivot);
    expect(basis.size).toBe(1);
    expect(basis.contains(fromEntries([[0, 1], [2, -1]]))).toBe(false);
  });
});
