import type { MeasureKind } from '../metrics/sources.ts';

/** How far either side of its value a number of persons below k must stay unknown: 10%. */
export const PERSONS_MARGIN = 0.1;

/**
 * What an attacker's interval [lo, hi] for a suppressed sensitive value v (of a measure of
 * `kind`, with threshold k) must cover (docs/disclosure.md, "Protection levels"):
 * - units: hi − lo ≥ k (no count below k can be told from one of k or more);
 * - persons: lo ≤ v − d and hi ≥ v + d with d = max(1, 10% of v), the lower side only where
 *   v − d ≥ 0 (a 0 cannot be told from 1);
 * - attribute: the value must not be determined; intervals from counts being ≥ 0 are allowed.
 * Returns null when the interval meets the level, else what is missing, in words.
 */
export function protectionShortfall(kind: MeasureKind, v: number, lo: number, hi: number, k: number): string | null {
  if (kind === 'units') return hi - lo >= k ? null : `interval [${lo}, ${hi}] is narrower than k = ${k}`;
  if (kind === 'persons') {
    const d = Math.max(1, PERSONS_MARGIN * v);
    if (hi < v + d) return `upper bound ${hi} is within ${Math.ceil(d)} of ${v}`;
    if (v - d >= 0 && lo > v - d) return `lower bound ${lo} is within ${Math.ceil(d)} of ${v}`;
    return null;
  }
  if (kind === 'attribute') return lo === hi ? `determined: ${lo}` : null;
  return null;
}
