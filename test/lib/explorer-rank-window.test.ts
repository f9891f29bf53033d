/**
 * The rows a ranked chart draws: every row is drawn or counted by a gap, in order; the
 * ends of the ranking and the selected row are always drawn; few rows are drawn whole.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isGap, rankWindow, RANK_WINDOW_END, RANK_WINDOW_FEW, RANK_WINDOW_LIMIT } from '../../src/lib/explorer/rank-window.ts';
import type { ViewRow } from '../../src/lib/explorer/rows.ts';

function row(key: string, kind: 'published' | 'suppressed' | 'other', value: number): ViewRow {
  return {
    key,
    label: key,
    metric: 'm',
    period: '2024-12-31',
    level: 'county',
    region: kind === 'other' ? 'other' : key,
    regionName: key,
    parent: '130100',
    breakdown: 'all',
    category: 'all',
    categoryName: 'all',
    numerator: kind === 'suppressed' ? null : value,
    denominator: kind === 'suppressed' ? null : 100,
    population: kind === 'suppressed' ? null : 100,
    value: kind === 'suppressed' ? null : value / 100,
    suppressed: kind === 'suppressed',
  };
}

/** Rows as a view returns them: published from the highest, then suppressed, then other. */
function viewRows(published: number, suppressed: number, other: number): ViewRow[] {
  return [
    ...Array.from({ length: published }, (_, i) => row(`p${String(i)}`, 'published', published - i)),
    ...Array.from({ length: suppressed }, (_, i) => row(`s${String(i)}`, 'suppressed', 0)),
    ...Array.from({ length: other }, (_, i) => row(`other:${String(i)}`, 'other', 1)),
  ];
}

describe('rankWindow', () => {
  it('draws few rows whole', () => {
    const rows = viewRows(RANK_WINDOW_LIMIT - 10, 8, 2);
    expect(rankWindow(rows)).toEqual(rows);
  });

  it('cuts 336 counties to the ends of the ranking, telling what is left out', () => {
    const rows = viewRows(300, 30, 6);
    const items = rankWindow(rows);
    const keys = items.map((i) => i.key);
    expect(keys.slice(0, RANK_WINDOW_END)).toEqual(rows.slice(0, RANK_WINDOW_END).map((r) => r.key));
    expect(items[RANK_WINDOW_END]).toEqual({ gap: 'ranked', key: '…1', count: 300 - 2 * RANK_WINDOW_END });
    expect(keys.slice(RANK_WINDOW_END + 1, 2 * RANK_WINDOW_END + 1)).toEqual(rows.slice(300 - RANK_WINDOW_END, 300).map((r) => r.key));
    expect(items.slice(-2)).toEqual([
      { gap: 'suppressed', key: '…2', count: 30 },
      { gap: 'other', key: '…3', count: 6 },
    ]);
    expect(items.length).toBeLessThanOrEqual(RANK_WINDOW_LIMIT);
  });

  it('always draws the selected row, where it ranks', () => {
    const rows = viewRows(200, 20, 0);
    const middle = rankWindow(rows, 'p100');
    const at = middle.findIndex((i) => i.key === 'p100');
    expect(middle[at - 1]).toMatchObject({ gap: 'ranked', count: 100 - RANK_WINDOW_END });
    expect(middle[at + 1]).toMatchObject({ gap: 'ranked', count: 200 - RANK_WINDOW_END - 101 });
    const hidden = rankWindow(rows, 's7');
    expect(hidden.map((i) => i.key)).toContain('s7');
    expect(hidden.at(-1)).toMatchObject({ gap: 'suppressed', count: 19 });
  });

  it('loses no row: each is drawn once or counted by a gap, in the view order', () => {
    fc.assert(
      fc.property(fc.nat(400), fc.nat(60), fc.nat(12), fc.option(fc.nat(480)), (published, suppressed, other, pick) => {
        const rows = viewRows(published, suppressed, other);
        const selected = pick === null ? null : (rows[pick % Math.max(1, rows.length)]?.key ?? null);
        const items = rankWindow(rows, selected);
        const drawn = items.filter((i) => !isGap(i)).map((i) => i.key);
        const counted = items.reduce((n, i) => n + (isGap(i) ? i.count : 0), 0);
        expect(drawn.length + counted).toBe(rows.length);
        expect(new Set(drawn).size).toBe(drawn.length);
        const order = new Map(rows.map((r, i) => [r.key, i]));
        expect(drawn.map((k) => order.get(k) ?? -1)).toEqual([...drawn.map((k) => order.get(k) ?? -1)].sort((a, b) => a - b));
        if (selected !== null) expect(drawn).toContain(selected);
        expect(items.every((i) => !isGap(i) || i.count > 0)).toBe(true);
        if (rows.length > RANK_WINDOW_LIMIT) expect(items.length).toBeLessThanOrEqual(2 * RANK_WINDOW_END + 3 + 2 * RANK_WINDOW_FEW);
      }),
      { numRuns: 300 },
    );
  });
});
