import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { protectionShortfall } from '../../src/lib/disclosure/protection-levels.ts';
import { measureIds, sources } from '../../src/lib/metrics/sources.ts';
import { attackerSystem } from '../../scripts/audit/attacker-system.ts';
import type { BlockCells } from '../../scripts/audit/block-cells.ts';
import { prepareCycles } from '../../scripts/audit/cycle-witness.ts';
import { highs, IntervalSolver } from '../../scripts/audit/interval-solver.ts';
import { withNeighbourCells } from '../../scripts/audit/neighbour-cells.ts';
import { loadMetrics } from '../../scripts/metrics/load-metrics.ts';
import { publishTinyWorld } from '../helpers/tiny-publication.ts';

const source = sources.enterprises;
const definitions = loadMetrics();
const metrics = ['coverage_all', 'coverage_50plus', 'member_rate_unionized'].map((id) => definitions.get(id)!);

interface Inner {
  county: string;
  industry: string;
  size: string;
  unionized: number;
  none: number;
}

/** Inner cells with a union count, a no-union count and, for each unionized enterprise, 10 employees of whom 6 are members. */
function blockCells(inner: readonly Inner[]): BlockCells {
  const values: Record<string, number[]> = Object.fromEntries(measureIds(source).map((m) => [m, inner.map(() => 0)]));
  inner.forEach((c, i) => {
    values.enterprises![i] = c.unionized + c.none;
    values.unionized![i] = c.unionized;
    values.no_union![i] = c.none;
    values.unionized_employees![i] = 10 * c.unionized;
    values.members![i] = 6 * c.unionized;
    values.member_enterprises![i] = c.unionized;
  });
  return {
    length: inner.length,
    county: inner.map((c) => c.county),
    prefecture: inner.map((c) => `${c.county.slice(0, 4)}00`),
    dims: { ownership: inner.map(() => 'private'), industry: inner.map((c) => c.industry), size_band: inner.map((c) => c.size) },
    values: Object.fromEntries(Object.entries(values).map(([m, v]) => [m, Float64Array.from(v)])),
  };
}

describe('moves along cycles (the audit step before linear programming)', () => {
  it('cover a side of a value only where the exact interval over the same cells reaches past its level there (property)', async () => {
    const runtime = await highs();
    const cellArb = fc.record({
      county: fc.constantFrom('640104', '640105', '640204'),
      industry: fc.constantFrom('C', 'F'),
      size: fc.constantFrom('0-24', '50-99', '200-999'),
      unionized: fc.integer({ min: 0, max: 3 }),
      none: fc.integer({ min: 0, max: 3 }),
    });
    let covered = 0;
    await fc.assert(
      fc.asyncProperty(
        fc.uniqueArray(cellArb, { minLength: 3, maxLength: 8, selector: (c) => `${c.county}|${c.industry}|${c.size}` }),
        fc.array(fc.boolean(), { minLength: 23, maxLength: 23 }),
        async (list, flags) => {
          const world = list.filter((c) => c.unionized + c.none > 0);
          if (world.length < 2) return;
          const real = blockCells(world);
          const widened = withNeighbourCells(real, source);
          const rows = publishTinyWorld(source, real, metrics, (_, i) => flags[i % flags.length]!);
          const system = attackerSystem({ source, metrics, rows, province: '640000', cells: widened.cells, k: 5, real: widened.real });
          expect(system.mismatches).toEqual([]);
          const cycles = prepareCycles(system, widened.cells);
          for (const t of system.targets) {
            if (t.component < 0) continue;
            const sides = cycles.sides(t);
            if (!sides.up && !sides.down) continue;
            const { polytope, columnOf } = system.polytope(t.component, null);
            const solver = new IntervalSolver(runtime, polytope);
            const [lo, hi] = solver.bounds(Int32Array.from(t.variables, (v) => columnOf[v]!).sort())!;
            solver.dispose();
            const low = Math.max(0, Math.ceil(lo - 1e-6));
            const high = Math.floor(hi + 1e-6);
            if (t.kind === 'attribute') {
              // 0, or all of the units it is about: allowed determined, so no side needs a move.
              if (protectionShortfall(t.kind, t.value, t.value, t.value, t.wholes) === null) continue;
              if (sides.up) expect(high).toBeGreaterThan(t.value);
              if (sides.down) expect(low).toBeLessThan(t.value);
            } else {
              if (sides.up) expect(protectionShortfall(t.kind, t.value, 0, high, t.wholes), `${t.measure} ${t.value} up, [${lo}, ${hi}]`).toBeNull();
              if (sides.down) expect(protectionShortfall(t.kind, t.value, low, Infinity, t.wholes), `${t.measure} ${t.value} down, [${lo}, ${hi}]`).toBeNull();
            }
            covered++;
          }
        },
      ),
      { numRuns: 60, seed: 20261207 },
    );
    // The property says something only if cycles cover sides at all.
    expect(covered).toBeGreaterThan(20);
  }, 120_000);

  it('let empty cells one coordinate away receive, and only those', () => {
    const real = blockCells([
      { county: '640104', industry: 'C', size: '0-24', unionized: 1, none: 0 },
      { county: '640105', industry: 'F', size: '50-99', unionized: 0, none: 2 },
    ]);
    const { cells, real: count } = withNeighbourCells(real, source);
    expect(count).toBe(2);
    const keys = Array.from({ length: cells.length }, (_, i) => `${cells.county[i]} ${cells.dims.industry[i]} ${cells.dims.size_band[i]}`);
    // Same prefecture (640100): the other county's cell at the same categories.
    expect(keys).toContain('640105 C 0-24');
    expect(keys).toContain('640104 F 50-99');
    // One category changed, any of the source's values.
    expect(keys).toContain('640104 C 1000+');
    expect(keys).toContain('640105 A 50-99');
    // Two coordinates away: not a neighbour.
    expect(keys).not.toContain('640104 A 200-999');
    for (let i = count; i < cells.length; i++) for (const column of Object.values(cells.values)) expect(column[i]).toBe(0);
  });
});
