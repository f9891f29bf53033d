import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { protectCells, type ProtectableCell } from '../../src/lib/disclosure/protect-cells.ts';
import { audit, type AuditRelation } from '../helpers/disclosure-audit.ts';

const k = 5;
type Cell = ProtectableCell & { id: string };
const cell = (level: string, region: string, population: number, breakdown = 'all', category = 'all', contributors: number | null = null): Cell => ({
  id: `${level}|${region}|${breakdown}|${category}`, level, region, breakdown, category, population, contributors,
});

/** Relations among cells, built the way the published data implies them. */
function relationsOf(cells: readonly Cell[], parentOf: (r: string) => string | null): AuditRelation[] {
  const ids = new Set(cells.map((c) => c.id));
  const byTotal = new Map<string, string[]>();
  const add = (total: string, member: string) => {
    if (!ids.has(total)) return;
    byTotal.set(total, [...(byTotal.get(total) ?? []), member]);
  };
  for (const c of cells) {
    const parent = parentOf(c.region);
    if (parent !== null) for (const level of ['province', 'prefecture']) add(`${level}|${parent}|${c.breakdown}|${c.category}`, c.id);
    if (c.breakdown !== 'all') add(`${c.level}|${c.region}|all|all#${c.breakdown}`, c.id);
  }
  const relations: AuditRelation[] = [];
  for (const [total, members] of byTotal) relations.push({ total: total.split('#')[0]!, members });
  return relations;
}

function check(cells: Cell[], parentOf: (r: string) => string | null) {
  const { decisions } = protectCells(cells, parentOf, k);
  const published = new Map(decisions.map((d) => [d.cell.id, !d.suppressed]));
  const pop = new Map(cells.map((c) => [c.id, c.population ?? 0]));
  const sensitive = (id: string) => pop.get(id)! > 0 && pop.get(id)! < k;
  const relations = relationsOf(cells, parentOf);
  const { derived, unknown } = audit(cells.map((c) => ({ id: c.id, published: published.get(c.id)! })), relations);
  for (const id of cells.map((c) => c.id)) if (sensitive(id)) expect(published.get(id), id).toBe(false);
  for (const id of derived) expect(sensitive(id), `${id} can be recovered by subtraction`).toBe(false);
  for (const set of unknown) {
    const sum = set.reduce((n, id) => n + pop.get(id)!, 0);
    expect(sum === 0 || sum >= k, `suppressed cells ${set.join(', ')} add up to ${sum}`).toBe(true);
  }
  return decisions;
}

describe('protectCells', () => {
  const parents: Record<string, string | null> = { P: null, A: 'P', B: 'P', C: 'P' };
  const parentOf = (r: string) => parents[r] ?? null;

  it('publishes everything when every cell reaches k', () => {
    const decisions = check([cell('province', 'P', 30), cell('prefecture', 'A', 10), cell('prefecture', 'B', 10), cell('prefecture', 'C', 10)], parentOf);
    expect(decisions.every((d) => !d.suppressed)).toBe(true);
  });

  it('suppresses a small region and the smallest sibling, so that it cannot be subtracted out', () => {
    const decisions = check([cell('province', 'P', 29), cell('prefecture', 'A', 2), cell('prefecture', 'B', 12), cell('prefecture', 'C', 15)], parentOf);
    expect(decisions.map((d) => [d.cell.region, d.suppressed, d.reason])).toEqual([
      ['P', false, null], ['A', true, 'primary'], ['B', true, 'complementary'], ['C', false, null],
    ]);
  });

  it('treats too few contributors (e.g. enterprises with members) as sensitive', () => {
    const decisions = check([cell('province', 'P', 40, 'all', 'all', 12), cell('prefecture', 'A', 20, 'all', 'all', 2), cell('prefecture', 'B', 20, 'all', 'all', 10)], parentOf);
    expect(decisions.filter((d) => d.suppressed).map((d) => d.cell.region)).toEqual(['A', 'B']);
  });

  it('protects across both relations: a region split by a breakdown, inside a parent', () => {
    const cells = [
      cell('province', 'P', 60), cell('prefecture', 'A', 30), cell('prefecture', 'B', 30),
      cell('province', 'P', 10, 'ownership', 'foreign'), cell('province', 'P', 50, 'ownership', 'private'),
      cell('prefecture', 'A', 3, 'ownership', 'foreign'), cell('prefecture', 'A', 27, 'ownership', 'private'),
      cell('prefecture', 'B', 7, 'ownership', 'foreign'), cell('prefecture', 'B', 23, 'ownership', 'private'),
    ];
    const decisions = check(cells, (r) => (r === 'P' ? null : 'P'));
    expect(decisions.filter((d) => d.suppressed).length).toBeGreaterThanOrEqual(4);
  });

  it('keeps its promises on random hierarchies and breakdowns (property)', () => {
    const tree = fc.record({
      prefectures: fc.array(fc.array(fc.array(fc.nat(12), { minLength: 2, maxLength: 2 }), { minLength: 1, maxLength: 4 }), { minLength: 1, maxLength: 4 }),
    });
    fc.assert(
      fc.property(tree, ({ prefectures }) => {
        // Each county holds two categories; totals are sums, as in the data.
        const cells: Cell[] = [];
        const parentsOf = new Map<string, string | null>([['P', null]]);
        const provinceCats = [0, 0];
        prefectures.forEach((counties, i) => {
          const pref = `F${i}`;
          parentsOf.set(pref, 'P');
          const prefCats = [0, 0];
          counties.forEach((cats, j) => {
            const county = `${pref}C${j}`;
            parentsOf.set(county, pref);
            cells.push(cell('county', county, cats[0]! + cats[1]!));
            cats.forEach((v, c) => {
              cells.push(cell('county', county, v, 'size', `s${c}`));
              prefCats[c]! += v;
            });
          });
          cells.push(cell('prefecture', pref, prefCats[0]! + prefCats[1]!));
          prefCats.forEach((v, c) => {
            cells.push(cell('prefecture', pref, v, 'size', `s${c}`));
            provinceCats[c]! += v;
          });
        });
        cells.push(cell('province', 'P', provinceCats[0]! + provinceCats[1]!));
        provinceCats.forEach((v, c) => cells.push(cell('province', 'P', v, 'size', `s${c}`)));
        check(cells, (r) => parentsOf.get(r) ?? null);
      }),
      { numRuns: 300, seed: 11 },
    );
  });
});
