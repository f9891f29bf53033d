import { describe, expect, it } from 'vitest';
import { otherRows } from '../../src/lib/disclosure/other-rows.ts';

const cell = (level: string, region: string, breakdown = 'all', category = 'all') => ({ level, region, breakdown, category });
const parentOf = (r: string) => ({ A: 'P', B: 'P', C: 'P' })[r] ?? null;

describe('otherRows', () => {
  it('gathers the suppressed parts of every relation whose total is published', () => {
    const cells = [cell('province', 'P'), cell('prefecture', 'A'), cell('prefecture', 'B'), cell('prefecture', 'C'), cell('province', 'P', 'size', 's'), cell('province', 'P', 'size', 'm'), cell('province', 'P', 'size', 'l')];
    const rows = otherRows(cells, [false, true, false, true, true, true, false], parentOf);
    expect(rows.map((r) => [r.kind, r.total.region, r.level, r.members.map((m) => `${m.region}:${m.category}`)])).toEqual([
      ['region', 'P', 'prefecture', ['A:all', 'C:all']],
      ['breakdown', 'P', 'province', ['P:s', 'P:m']],
    ]);
  });

  it('writes nothing under a suppressed total', () => {
    expect(otherRows([cell('province', 'P'), cell('prefecture', 'A'), cell('prefecture', 'B')], [true, true, false], parentOf)).toEqual([]);
  });
});
