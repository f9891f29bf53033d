/**
 * The benchmark's table of the share published (scripts/bench/published-share.ts): a kind of
 * cell the publication no longer computes keeps its row, and the last line counts both.
 */
import { describe, expect, it } from 'vitest';
import { shareTable, type ShareRow } from '../../scripts/bench/published-share.ts';

const row = (level: string, kind: ShareRow['kind'], cells: number, published: number): ShareRow => ({ metric: 'm', level, kind, cells, published });

describe('shareTable', () => {
  it('keeps the cells only the first publication computed, and counts what each publishes', () => {
    const before = [row('prefecture', 'total', 10, 5), row('prefecture', 'breakdown', 40, 10), row('province', 'total', 2, 2)];
    const after = [row('prefecture', 'total', 10, 6), row('province', 'total', 2, 2)];
    const lines = shareTable(before, after).split('\n');
    expect(lines.slice(2)).toEqual([
      '| m | prefecture totals | 10 | 50.0% | 60.0% |',
      '| m | prefecture breakdowns | 40 | 25.0% | not computed |',
      '| m | province totals | 2 | 100.0% | 100.0% |',
      '| **all metrics** | all | 52 before, 12 after | 17 (32.7%) | 8 (66.7%) |',
    ]);
  });
});
