import type { MeasureKind } from '../metrics/sources.ts';

/**
 * How far either side of its value a withheld count below k must stay unknown: 10%, and at
 * least 1 (the manual safety range of τ-ARGUS, MAN(10), INSEE's default for its tables).
 */
export const SAFETY_MARGIN = 0.1;

/**
 * What an attacker's interval [lo, hi] for a withheld sensitive value v (of a measure of
 * `kind`) must cover (docs/disclosure.md, "Protection levels"):
 * - units and persons: lo ≤ v − d and hi ≥ v + d with d = max(1, 10% of v), the lower side
 *   only where v − d ≥ 0: a count of 1–4 cannot be told from one more or one fewer, a 0 not
 *   from a 1;
 * - attribute: the value must not be determined, unless it is 0 or one of `wholes` (the counts
 *   of the units it is about): that none or every enterprise of a cell has a union, a visit or a plan
 *   is an organisation's attribute the method shows (a met "every enterprise" target).
 * Returns null when the interval meets the level, else what is missing, in words.
 */
export function protectionShortfall(kind: MeasureKind, v: number, lo: number, hi: number, wholes: readonly number[] = []): string | null {
  if (kind === 'units' || kind === 'persons') {
    const d = Math.max(1, SAFETY_MARGIN * v);
    if (hi < v + d) return `upper bound ${hi} is within ${Math.ceil(d)} of ${v}`;
    if (v - d >= 0 && lo > v - d) return `lower bound ${lo} is within ${Math.ceil(d)} of ${v}`;
    return null;
  }
  if (kind === 'attribute') return lo === hi && v !== 0 && !wholes.includes(v) ? `determined: ${lo}` : null;
  return null;
}
