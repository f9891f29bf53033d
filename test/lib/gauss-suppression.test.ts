import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { gaussSuppression } from '../../src/lib/disclosure/gauss-suppression.ts';
import { SpanBasis } from '../../src/lib/disclosure/span-basis.ts';
import { seededRandom } from '../../src/lib/disclosure/seeded-random.ts';
import { dot, indicator } from '../../src/lib/disclosure/sparse-vector.ts';
import { inSpan } from '../helpers/dense-rank.ts';

// A 2 × 2 table with margins: inner cells a b / c d are variables 0 1 / 2 3.
const a = 0, b = 1, c = 2, d = 3;
const total = indicator([a, b, c, d]);
const row1 = indicator([a, b]);
const row2 = indicator([c, d]);
const col1 = indicator([a, c]);
const col2 = indicator([b, d]);
const one = (x: number) => ({ vectors: [indicator([x])] });

describe('gaussSuppression', () => {
  it('suppresses the fewest later candidates that would give a primary back, in order', () => {
    // a is primary. Publishing the margins and total, then b, c, d: b would give a (row1 − b).
    const { published } = gaussSuppression([], [{ vectors: [total] }, { vectors: [row1] }, { vectors: [row2] }, { vectors: [col1] }, { vectors: [col2] }, one(b), one(c), one(d)], [indicator([a])]);
    expect(published).toEqual([true, true, true, true, true, false, false, false]);
  });

  it('prefers what comes first: inner cells first leaves the margins out', () => {
    const { published } = gaussSuppression([], [one(d), one(b), one(c), { vectors: [total] }, { vectors: [row1] }, { vectors: [col1] }], [indicator([a])]);
    expect(published).toEqual([true, true, true, false, false, false]);
  });

  it('rejects a candidate whose several forms together give a primary, and keeps none of them', () => {
    const { published, basis } = gaussSuppression([], [{ vectors: [row1] }, { vectors: [col2, indicator([d])] }], [indicator([a])]);
    expect(published).toEqual([true, false]);
    expect(basis.contains(col2)).toBe(false);
  });

  it('starts from known relations, and reports primaries they alone determine', () => {
    const { unprotectable } = gaussSuppression([indicator([a])], [], [indicator([a]), indicator([b])]);
    expect(unprotectable).toEqual([0]);
  });

  it('never publishes a set that puts a primary in the span (property, against dense elimination)', () => {
    const vec = fc.uniqueArray(fc.integer({ min: 0, max: 7 }), { minLength: 1, maxLength: 5 });
    fc.assert(
      fc.property(fc.array(fc.array(vec, { minLength: 1, maxLength: 2 }), { maxLength: 12 }), fc.array(vec, { minLength: 1, maxLength: 4 }), (cands, prims) => {
        const candidates = cands.map((vs) => ({ vectors: vs.map(indicator) }));
        const primaries = prims.map(indicator);
        const { published, unprotectable } = gaussSuppression([], candidates, primaries);
        const dense = (v: number[]) => Array.from({ length: 8 }, (_, i) => (v.includes(i) ? 1 : 0));
        const rows = cands.flatMap((vs, i) => (published[i] ? vs.map(dense) : []));
        prims.forEach((p, j) => {
          if (!unprotectable.includes(j)) expect(rows.length > 0 && inSpan(rows, dense(p))).toBe(false);
        });
        // Greedy: each suppressed candidate would have disclosed something, given those before it.
        cands.forEach((vs, i) => {
          if (published[i]) return;
          const before = cands.slice(0, i).flatMap((ws, h) => (published[h] ? ws.map(dense) : []));
          const withIt = [...before, ...vs.map(dense)];
          expect(prims.some((p) => inSpan(withIt, dense(p)))).toBe(true);
        });
      }),
      { numRuns: 200 },
    );
  });
});

describe('SpanBasis witnesses', () => {
  it('tell vectors in the span from vectors outside it', () => {
    const basis = new SpanBasis();
    for (const v of [row1, row2, col1]) basis.add(v);
    const random = seededRandom(1);
    const z = [basis.witness(4, random), basis.witness(4, random)];
    const determined = (v: ReturnType<typeof indicator>) => z.every((w) => dot(v, w) === 0);
    expect(determined(total)).toBe(true);
    expect(determined(col2)).toBe(true);
    expect(determined(indicator([a]))).toBe(false);
    expect(determined(indicator([a, d]))).toBe(false);
  });
});
