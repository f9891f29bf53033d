import type { Comparator } from '../contract/published.ts';

/** What needed-to-meet reads of a published cell. */
export interface NeededInput {
  readonly value: number | null;
  readonly numerator: number | null;
  readonly denominator: number | null;
  readonly suppressed: boolean;
}

/** Whole numbers computed from ratios are taken as exact within this (0.55 × 200 = 110.00000000000001). */
const EPSILON = 1e-9;

/**
 * The smallest number of units that, added to the numerator at this period, would meet the
 * target: for "at least X" of a rate ceil(X × denominator − numerator) more (members, unions…),
 * for "all" the units still without, for a count the count still missing; 0 once met. Null
 * where the cell is withheld, where the target has no level (an increase, a tracked
 * requirement), or where adding units cannot meet it (above the top of a range).
 *
 * It is a function of the published numerator and denominator only, so it tells nothing the
 * cell does not.
 */
export function neededToMeet(comparator: Comparator, cell: NeededInput, unit: 'rate' | 'count'): number | null {
  if (cell.suppressed || cell.value === null) return null;
  const short = (level: number): number | null => {
    if (unit === 'count') return Math.max(0, Math.ceil(level - cell.value! - EPSILON));
    if (cell.numerator === null || cell.denominator === null) return null;
    return Math.max(0, Math.ceil(level * cell.denominator - cell.numerator - EPSILON));
  };
  switch (comparator.type) {
    case 'at_least':
      return short(comparator.value);
    case 'all':
      return unit === 'rate' ? short(1) : null;
    case 'between': {
      const top = unit === 'count' ? cell.value : cell.denominator === null || cell.numerator === null ? null : cell.numerator / cell.denominator;
      if (top !== null && top > comparator.max + EPSILON) return null;
      return short(comparator.min);
    }
    case 'increase':
    case 'tracked':
      return null;
  }
}
