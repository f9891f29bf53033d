/**
 * Time axes label what the data have: the explorer's quarterly Hebei 2018 view read "2018年"
 * nine times, and points at 31 December 2012 sat under a "2013年" tick.
 */
import { describe, expect, it } from 'vitest';
import { timeTicks } from '../../src/lib/time-ticks.ts';

const yearEnd = (year: string) => `${year}年底`;
const iso = (d: Date) => d.toISOString().slice(0, 10);

describe('time ticks', () => {
  it('label quarter ends with their month over a short span, each once', () => {
    const { ticks, format } = timeTicks('zh-CN', '2018-03-31', '2018-12-31', 6, yearEnd);
    expect(ticks.map(iso)).toEqual(['2018-03-31', '2018-06-30', '2018-09-30', '2018-12-31']);
    expect(ticks.map(format)).toEqual(['2018年3月', '2018年6月', '2018年9月', '2018年12月']);
    expect(timeTicks('en', '2018-03-31', '2018-12-31', 6, (y) => `end-${y}`).ticks.map(timeTicks('en', '2018-03-31', '2018-12-31', 6, (y) => `end-${y}`).format)).toEqual([
      'Mar 2018',
      'Jun 2018',
      'Sep 2018',
      'Dec 2018',
    ]);
  });

  it('put year ticks on 31 December, where year-end points sit, labelled as year ends', () => {
    const { ticks, format } = timeTicks('zh-CN', '2012-12-31', '2024-12-31', 6, yearEnd);
    expect(ticks.every((d) => iso(d).endsWith('-12-31'))).toBe(true);
    expect(ticks.map(iso).at(-1)).toBe('2024-12-31');
    expect(ticks.length).toBeLessThanOrEqual(7);
    expect(format(ticks[0]!)).toMatch(/^20\d\d年底$/);
    expect(new Set(ticks.map(format)).size).toBe(ticks.length);
  });

  it('thin out to the number asked for, keeping the latest', () => {
    const { ticks } = timeTicks('en', '2012-12-31', '2024-12-31', 3, yearEnd);
    expect(ticks.length).toBeLessThanOrEqual(4);
    expect(iso(ticks.at(-1)!)).toBe('2024-12-31');
  });

  it('give a single period its own tick', () => {
    const { ticks, format } = timeTicks('zh-CN', '2018-11-15', '2018-11-15', 6, yearEnd);
    expect(ticks.map(iso)).toEqual(['2018-11-15']);
    expect(format(ticks[0]!)).toBe('2018年11月');
  });
});
