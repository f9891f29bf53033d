import type { Comparator } from '../contract/published.ts';

/**
 * What a target asks, as numbers: the one place the build's statuses, the progress charts,
 * the campaign cards and the explorer read it from.
 */

/**
 * The level a target asks its metric to reach: the value of "at least", 1 (100%) for "all"
 * of a rate, the bottom of a range; null for an increase, a tracked requirement, or "all" of
 * a count (which target files may not use).
 */
export function targetLevel(comparator: Comparator, unit: 'rate' | 'count'): number | null {
  switch (comparator.type) {
    case 'at_least':
      return comparator.value;
    case 'all':
      return unit === 'rate' ? 1 : null;
    case 'between':
      return comparator.min;
    case 'increase':
    case 'tracked':
      return null;
  }
}

/** The values a chart draws target lines at: the level, or both ends of a range. */
export function targetLines(comparator: Comparator, unit: 'rate' | 'count'): readonly number[] {
  if (comparator.type === 'between') return [comparator.min, comparator.max];
  const level = targetLevel(comparator, unit);
  return level === null ? [] : [level];
}

/**
 * Whether a value meets what a target asks: at least its level, or within its range; null
 * when the target has no level (an increase, a tracked requirement). The one test the build's
 * statuses and the explorer's colours share.
 */
export function meetsTarget(comparator: Comparator, unit: 'rate' | 'count', value: number): boolean | null {
  if (comparator.type === 'between') return value >= comparator.min - 1e-12 && value <= comparator.max + 1e-12;
  const level = targetLevel(comparator, unit);
  return level === null ? null : value >= level - 1e-12;
}
