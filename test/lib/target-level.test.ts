import { describe, expect, it } from 'vitest';
import { targetLevel, targetLines } from '../../src/lib/status/target-level.ts';

describe('what a target asks, as numbers (one owner for statuses, charts and the explorer)', () => {
  it('is the level to reach', () => {
    expect(targetLevel({ type: 'at_least', value: 0.55 }, 'rate')).toBe(0.55);
    expect(targetLevel({ type: 'all' }, 'rate')).toBe(1);
    expect(targetLevel({ type: 'between', min: 10, max: 20 }, 'count')).toBe(10);
    expect(targetLevel({ type: 'increase' }, 'rate')).toBeNull();
    expect(targetLevel({ type: 'tracked' }, 'count')).toBeNull();
    // "all" of a count has no level (target files may not use it): no line at 1.
    expect(targetLevel({ type: 'all' }, 'count')).toBeNull();
  });

  it('draws lines at the level, or at both ends of a range', () => {
    expect(targetLines({ type: 'between', min: 10, max: 20 }, 'count')).toEqual([10, 20]);
    expect(targetLines({ type: 'all' }, 'rate')).toEqual([1]);
    expect(targetLines({ type: 'all' }, 'count')).toEqual([]);
    expect(targetLines({ type: 'increase' }, 'rate')).toEqual([]);
  });
});
