/**
 * The likely next views the explorer prepares in the background, and the memory that
 * keeps their results.
 */
import { describe, expect, it } from 'vitest';
import { buildDefaultView } from '../../src/site/explorer-build-data.ts';
import { nextStates } from '../../src/lib/explorer/next-states.ts';
import { ResultCache } from '../../src/lib/explorer/result-cache.ts';
import { normalizeState, sameState, serializeState } from '../../src/lib/explorer/state.ts';

describe('nextStates', () => {
  const { index, state } = buildDefaultView('en');
  const dimension = index.metric(state.metric)?.breakdowns[0] ?? null;
  const withBreakdown = normalizeState(index, { ...state, dimension, categories: [] });

  it('offers each category kept or dropped, each level, each breakdown and the neighbouring periods', () => {
    expect(dimension).not.toBeNull();
    const next = nextStates(index, withBreakdown);
    const categories = index.catalog.dimensions[dimension!].categories.map((c) => c.code);
    for (const code of categories) expect(next.some((s) => s.categories.length === 1 && s.categories[0] === code)).toBe(true);
    for (const level of ['province', 'prefecture', 'county'] as const) {
      if (level !== withBreakdown.level) expect(next.some((s) => s.level === level && s.categories.length === 0)).toBe(true);
    }
    const periods = index.catalog.periods;
    const previous = periods[periods.indexOf(withBreakdown.to) - 1];
    if (previous !== undefined && previous >= withBreakdown.from) expect(next.some((s) => s.to === previous)).toBe(true);
  });

  it('gives valid states, each once, never the current one', () => {
    const next = nextStates(index, withBreakdown);
    const keys = next.map((s) => serializeState(index, s));
    expect(new Set(keys).size).toBe(keys.length);
    for (const s of next) {
      expect(sameState(s, normalizeState(index, s))).toBe(true);
      expect(sameState(s, withBreakdown)).toBe(false);
    }
  });
});

describe('ResultCache', () => {
  it('drops the least recently used result first', () => {
    const cache = new ResultCache<number>(2);
    cache.set('a', 1);
    cache.set('b', 2);
    expect(cache.get('a')).toBe(1);
    cache.set('c', 3);
    expect([cache.has('a'), cache.has('b'), cache.has('c'), cache.size]).toEqual([true, false, true, 2]);
  });

  it('refuses a capacity below one', () => {
    expect(() => new ResultCache(0)).toThrow(/capacity must be at least 1, got 0/);
  });
});
