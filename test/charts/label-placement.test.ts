/**
 * Labels that keep out of each other's way: time-axis ticks thinned until no two labels
 * touch at the chart's width, and the deadline's label placed where no dot or other label is.
 */
import { describe, expect, it } from 'vitest';
import { textWidth, timeTicks } from '../../src/charts/common.ts';
import { deadlinePlace } from '../../src/charts/progress.ts';

describe('time ticks for a width', () => {
  const gaps = (from: string, to: string, width: number, locale: 'zh-CN' | 'en') => {
    const { ticks, format } = timeTicks(locale, from, to, width);
    const span = new Date(to).getTime() - new Date(from).getTime();
    return ticks.slice(1).map((d, i) => {
      const prev = ticks[i]!;
      return ((d.getTime() - prev.getTime()) / span) * width - (textWidth(format(prev)) + textWidth(format(d))) / 2;
    });
  };

  it('thins quarterly ticks on a phone-width chart until no labels touch', () => {
    const wide = timeTicks('zh-CN', '2017-09-30', '2018-12-31', 1200).ticks.length;
    const narrow = timeTicks('zh-CN', '2017-09-30', '2018-12-31', 292).ticks.length;
    expect(narrow).toBeLessThan(wide);
    for (const locale of ['zh-CN', 'en'] as const) {
      for (const gap of gaps('2017-09-30', '2018-12-31', 292, locale)) expect(gap).toBeGreaterThanOrEqual(8);
      for (const gap of gaps('2012-12-31', '2024-12-31', 292, locale)) expect(gap).toBeGreaterThanOrEqual(8);
    }
  });

  it('keeps at least two ticks, the last on the last date', () => {
    const { ticks } = timeTicks('en', '2017-09-30', '2018-12-31', 40);
    expect(ticks.length).toBe(2);
    expect(ticks.at(-1)!.toISOString().slice(0, 10)).toBe('2018-12-31');
  });
});

describe('the deadline label', () => {
  const height = 196;
  it('sits at the foot of its rule when nothing is there', () => {
    expect(deadlinePlace(100, 130, height, [{ x0: 0, x1: 40, y0: 180, y1: 190 }])).toBe(height - 10);
  });

  it('moves up when dots sit low beside the deadline, and past a value label at the top', () => {
    const lowDots = [{ x0: 110, x1: 118, y0: height - 14, y1: height - 6 }];
    expect(deadlinePlace(100, 130, height, lowDots)).toBe(30);
    const valueAtTop = { x0: 95, x1: 131, y0: 24, y1: 38 };
    expect(deadlinePlace(100, 130, height, [...lowDots, valueAtTop])).toBe(height / 2);
  });

  it('takes the place with fewest overlaps when every place is taken', () => {
    const everywhere = [0, 1, 2, 3, 4, 5, 6, 7].map((i) => ({ x0: 100, x1: 130, y0: i * 25, y1: i * 25 + 25 }));
    const extra = { x0: 100, x1: 130, y0: height - 20, y1: height };
    expect([height - 10, 30, height / 2, height * 0.3, height * 0.7]).toContain(deadlinePlace(100, 130, height, [...everywhere, extra]));
    expect(deadlinePlace(100, 130, height, [...everywhere, extra])).not.toBe(height - 10);
  });
});
