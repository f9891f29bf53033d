import { describe, expect, it } from 'vitest';
import { dimensionNodes } from '../../src/lib/disclosure/dimension-nodes.ts';

describe('dimensionNodes', () => {
  it('holds all, each category, each filter and the difference of nested filters', () => {
    const bands = ['0-24', '25-49', '50-99', '100-199', '200-999', '1000+'];
    const from = (i: number) => bands.slice(i);
    const { nodes, nodeOf, containing } = dimensionNodes(bands, [from(1), from(2), from(3), from(4)]);
    expect(nodes[0]).toEqual([...bands].sort());
    expect(nodeOf(['25-49'])).toBeDefined();
    expect(nodeOf(['50-99', '100-199'])).toBeDefined(); // 50+ minus 200+
    expect(nodeOf(['0-24', '25-49', '50-99'])).toBeDefined(); // all minus 100+
    expect(nodeOf(['0-24', '1000+'])).toBeUndefined(); // not a range: no filter makes it
    expect(nodes).toHaveLength(17);
    expect(containing.get('25-49')!.map((n) => nodes[n]!.length).sort((x, y) => x - y)).toEqual([1, 2, 2, 3, 3, 4, 5, 6]); // 25–49, 0–49, 25–99, 25–199, 0–99, 0–199, 25+, all
  });

  it('refuses a filter on an unknown category', () => {
    expect(() => dimensionNodes(['a', 'b'], [['c']])).toThrow(/unknown category c/);
  });
});
