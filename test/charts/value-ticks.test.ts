/**
 * Value axes whose tick labels stay distinct once counts are written in 万 (the new-members
 * chart of Hebei read "0, 5,000, 1万, 2万, 2万").
 */
import { describe, expect, it } from 'vitest';
import { valueTicks } from '../../src/charts/common.ts';

describe('value ticks', () => {
  it('add a decimal when 万 would make two ticks read alike', () => {
    const { ticks, format } = valueTicks('zh-CN', 'count', 23_000, 4);
    const labels = ticks.map(format);
    expect(new Set(labels).size).toBe(labels.length);
    expect(labels).toContain('1.5万');
  });

  it('keep whole numbers when they are distinct, in both languages', () => {
    expect(valueTicks('zh-CN', 'count', 4_000, 4).ticks.map(valueTicks('zh-CN', 'count', 4_000, 4).format)).toEqual(['0', '1,000', '2,000', '3,000', '4,000']);
    const rate = valueTicks('en', 'rate', 1, 5);
    expect(rate.ticks.map(rate.format)).toEqual(['0%', '20%', '40%', '60%', '80%', '100%']);
  });
});
