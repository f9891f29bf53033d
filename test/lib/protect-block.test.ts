import fc from 'fast-check';
import highsLoader from 'highs';
import { describe, expect, it } from 'vitest';
import { blockModel, type BlockCell, type InnerCells } from '../../src/lib/disclosure/block-model.ts';
import { enforceOtherRows } from '../../src/lib/disclosure/other-row-threshold.ts';
import type { CellStatus } from '../../src/lib/disclosure/cell-status.ts';
import { protectBlock } from '../../src/lib/disclosure/protect-block.ts';
import type { MetricDefinition } from '../../src/lib/metrics/metric-schema.ts';
import type { Measure, MetricSource } from '../../src/lib/metrics/sources.ts';
import { inSpan } from '../helpers/dense-rank.ts';

// A tiny world: province P, prefectures A and B, two counties each; ownership pub/priv; size
// bands small/big (a metric filters on big, as coverage_50plus does on 50+).
const k = 5;
const parent: Record<string, string | null> = { P: null, A: 'P', B: 'P', A1: 'A', A2: 'A', B1: 'B', B2: 'B' };
const ancestors = (leaf: string) => {
  const chain: string[] = [];
  for (let r: string | null = leaf; r !== null; r = parent[r] ?? null) chain.push(r);
  return chain;
};
const level = (r: string) => (r === 'P' ? 'province' : r.length === 1 ? 'prefecture' : 'county');
const units = (...over: string[]): Measure => ({ kind: 'units', sql: 'count(*)', over });
const persons = (...over: string[]): Measure => ({ kind: 'persons', sql: 'count(*)', over });
const attribute = (...over: string[]): Measure => ({ kind: 'attribute', sql: 'count(*)', over });
const source: MetricSource = {
  table: 'cube_test',
  dims: { ownership: ['pub', 'priv'], size_band: ['small', 'big'] },
  measures: {
    enterprises: units('enterprises'),
    unionized: attribute('enterprises'),
    employees: persons('enterprises'),
    unionized_employees: persons('enterprises', 'unionized'),
    members: persons('enterprises', 'member_enterprises'),
    member_enterprises: attribute('enterprises'),
  },
};
const metric = (id: string, numerator: string, denominator: string, population: string, where: Record<string, string[]> = {}, contributors?: string): MetricDefinition => ({
  id, source: 'enterprises', unit: 'rate', label: { en: id, zh: id }, description: { en: id, zh: id },
  numerator, denominator, population, ...(contributors ? { contributors } : {}), where, breakdowns: ['ownership', 'size_band'], disclosure: 'enterprises',
});
const metricList = [
  metric('coverage', 'unionized', 'enterprises', 'enterprises'),
  metric('coverage_big', 'unionized', 'enterprises', 'enterprises', { size_band: ['big'] }),
  metric('member_rate', 'members', 'employees', 'enterprises', {}, 'member_enterprises'),
  metric('member_rate_unionized', 'members', 'unionized_employees', 'unionized', {}, 'member_enterprises'),
];
const metrics = new Map(metricList.map((m) => [m.id, m]));

/** An enterprise-level inner cell: county, ownership, size, and its enterprises' totals. */
interface Cell {
  county: string;
  ownership: string;
  size: string;
  enterprises: number;
  unionized: number;
  employees: number;
  members: number;
}

function innerOf(cells: readonly Cell[]): InnerCells {
  return {
    length: cells.length,
    region: cells.map((c) => c.county),
    dims: { ownership: cells.map((c) => c.ownership), size_band: cells.map((c) => c.size) },
    values: {
      enterprises: cells.map((c) => c.enterprises),
      unionized: cells.map((c) => c.unionized),
      employees: cells.map((c) => c.employees),
      unionized_employees: cells.map((c) => (c.unionized > 0 ? c.employees : 0)),
      members: cells.map((c) => c.members),
      member_enterprises: cells.map((c) => (c.members > 0 ? Math.min(c.unionized, c.enterprises) : 0)),
    },
  };
}

/**
 * The metric cells the build would compute (compile-metric.ts in JS): totals and breakdowns
 * above counties. With `absent`, the cells a rate leaves out because its denominator is 0.
 */
function metricCells(inner: InnerCells, absent = false): { cell: BlockCell; members: number[] }[] {
  const out: { cell: BlockCell; members: number[] }[] = [];
  for (const m of metricList) {
    for (const region of Object.keys(parent)) {
      const breakdowns = level(region) === 'county' ? ['all'] : ['all', ...m.breakdowns];
      for (const breakdown of breakdowns) {
        const categories = breakdown === 'all' ? ['all'] : source.dims[breakdown]!;
        for (const category of categories) {
          const inside: number[] = [];
          for (let i = 0; i < inner.length; i++) {
            if (!ancestors(inner.region[i]!).includes(region)) continue;
            if (Object.entries(m.where).some(([d, vs]) => !vs.includes(inner.dims[d]![i]!))) continue;
            if (breakdown !== 'all' && inner.dims[breakdown]![i] !== category) continue;
            inside.push(i);
          }
          const sum = (measure: string) => inside.reduce((s, i) => s + inner.values[measure]![i]!, 0);
          if (inside.length === 0 || (sum(m.denominator!) === 0) !== absent) continue;
          out.push({
            cell: { metric: m.id, region, breakdown, category, numerator: sum(m.numerator), denominator: sum(m.denominator!), population: sum(m.population!), contributors: m.contributors ? sum(m.contributors) : null },
            members: inside,
          });
        }
      }
    }
  }
  return out;
}

const lp = await highsLoader();

function protect(cells: readonly Cell[], repairUpTo = 0) {
  const inner = innerOf(cells);
  const computed = metricCells(inner);
  const result = protectBlock({
    k, source, metrics, inner, ancestors, cells: computed.map((c) => c.cell),
    priority: computed.map((c) => (c.cell.breakdown === 'all' ? 0 : 1) * 1e6 + ['province', 'prefecture', 'county'].indexOf(level(c.cell.region)) * 1e5 - (c.cell.population ?? 0)),
    seed: 7,
    repairUpTo,
    // This world publishes breakdowns for prefectures too, as metricCells computes them.
    breakdownsAt: (at) => at !== 'county',
  }, lp);
  return { inner, computed, status: result.status, stats: result.stats };
}

const measuresOf = (m: MetricDefinition) => [...new Set([m.numerator, m.denominator!, m.population!])];
const measureNames = Object.keys(source.measures);
const vectorOf = (n: number, measure: string, inside: readonly number[]) => {
  const v = new Array<number>(n * measureNames.length).fill(0);
  for (const i of inside) v[measureNames.indexOf(measure) * n + i] = 1;
  return v;
};

/**
 * The attacker, written independently: every published number as a row over (measure, inner
 * cell), a published 0 of a count or person sum as each of its inner cells being 0, and a rate
 * row that is not there as its denominator and numerator being 0 in each inner cell. Then:
 * every region × ownership node × size node that is sensitive for a measure stays out of the
 * span (unless the missing rows alone fix it), and no "other" row (a published total minus its
 * published parts) holds 1 to k − 1 units.
 */
function leaks(cells: readonly Cell[], inner: InnerCells, computed: ReturnType<typeof metricCells>, status: readonly CellStatus[]): string[] {
  const n = inner.length;
  const rows: number[][] = [];
  const zeros: number[][] = [];
  computed.forEach(({ cell, members }, i) => {
    if (status[i] !== 'published') return;
    for (const measure of measuresOf(metrics.get(cell.metric)!)) {
      const zero = source.measures[measure]!.kind !== 'attribute' && members.every((j) => inner.values[measure]![j] === 0);
      if (zero) for (const j of members) rows.push(vectorOf(n, measure, [j]));
      else rows.push(vectorOf(n, measure, members));
    }
    // A 100%: numerator = denominator over the cell, and numerator ≤ denominator in each inner
    // cell, so they are equal in each (unionized = enterprises: every enterprise has a union).
    const m = metrics.get(cell.metric)!;
    if (cell.denominator! > 0 && cell.numerator === cell.denominator && members.every((j) => inner.values[m.numerator]![j]! <= inner.values[m.denominator!]![j]!)) {
      for (const j of members) rows.push(vectorOf(n, m.numerator, [j]).map((x, t) => x - vectorOf(n, m.denominator!, [j])[t]!));
    }
  });
  for (const { cell, members } of metricCells(inner, true)) {
    const m = metrics.get(cell.metric)!;
    for (const measure of [m.denominator!, m.numerator]) for (const j of members) zeros.push(vectorOf(n, measure, [j]));
  }
  const known = [...rows, ...zeros];
  const found: string[] = [];
  const nodes = (values: string[]) => [values, ...values.map((v) => [v])];
  for (const region of Object.keys(parent)) {
    for (const own of nodes(['pub', 'priv'])) {
      for (const size of nodes(['small', 'big'])) {
        const inside = cells.map((_, i) => i).filter((i) => ancestors(inner.region[i]!).includes(region) && own.includes(inner.dims.ownership![i]!) && size.includes(inner.dims.size_band![i]!));
        if (inside.length === 0) continue;
        for (const measure of measureNames) {
          if (!computed.some((c, i) => status[i] === 'published' && measuresOf(metrics.get(c.cell.metric)!).includes(measure))) continue;
          const small = source.measures[measure]!.over.some((u) => {
            const x = inside.reduce((s, i) => s + inner.values[u]![i]!, 0);
            return x >= 1 && x < k;
          });
          const v = vectorOf(n, measure, inside);
          if (small && inSpan(known, v) && !(zeros.length > 0 && inSpan(zeros, v))) found.push(`${measure} of ${region} ${own.join('+')} ${size.join('+')}`);
        }
      }
    }
  }
  // "Other" rows: the unpublished remainder of every published total.
  computed.forEach(({ cell: t, members }, ti) => {
    if (status[ti] !== 'published') return;
    const m = metrics.get(t.metric)!;
    const groups: number[][] = [];
    const sameMetric = computed.map((c, i) => ({ ...c, i })).filter((c) => c.cell.metric === t.metric);
    groups.push(sameMetric.filter((c) => parent[c.cell.region] === t.region && c.cell.breakdown === t.breakdown && c.cell.category === t.category).map((c) => c.i));
    if (t.breakdown === 'all') for (const d of m.breakdowns) groups.push(sameMetric.filter((c) => c.cell.region === t.region && c.cell.breakdown === d).map((c) => c.i));
    for (const parts of groups) {
      if (parts.length === 0) continue;
      const shown = new Set(parts.filter((i) => status[i] === 'published').flatMap((i) => computed[i]!.members));
      const rest = members.filter((j) => !shown.has(j));
      for (const measure of measuresOf(m)) {
        for (const u of source.measures[measure]!.over) {
          const x = rest.reduce((s, j) => s + inner.values[u]![j]!, 0);
          if (x >= 1 && x < k) found.push(`other row of ${t.metric} ${t.region} ${t.breakdown}: ${x} ${u}`);
        }
      }
    }
  });
  return [...new Set(found)];
}

const cell = (county: string, ownership: string, size: string, enterprises: number, unionized: number, employees: number, members: number): Cell => ({ county, ownership, size, enterprises, unionized, employees, members });

describe('protectBlock', () => {
  it('publishes everything when every cell reaches k', () => {
    const cells = ['A1', 'A2', 'B1', 'B2'].flatMap((c) => [cell(c, 'pub', 'small', 6, 3, 60, 20), cell(c, 'priv', 'small', 7, 2, 70, 10), cell(c, 'pub', 'big', 5, 5, 900, 700), cell(c, 'priv', 'big', 8, 4, 1200, 300)]);
    const { status } = protect(cells);
    expect(status.every((s) => s === 'published')).toBe(true);
  });

  it('withholds a small cell and enough others that no metric gives it back (linked tables)', () => {
    // A1 has one big private enterprise: its members must not come back from any metric.
    const cells = [
      cell('A1', 'pub', 'small', 9, 4, 90, 30), cell('A1', 'priv', 'big', 1, 1, 800, 650),
      cell('A2', 'pub', 'small', 8, 3, 80, 20), cell('A2', 'priv', 'small', 6, 2, 60, 12), cell('A2', 'pub', 'big', 7, 6, 2100, 1500),
      cell('B1', 'pub', 'small', 10, 5, 100, 40), cell('B1', 'priv', 'big', 6, 6, 2500, 1800),
      cell('B2', 'priv', 'small', 12, 2, 120, 9), cell('B2', 'pub', 'big', 5, 4, 1000, 600),
    ];
    const { inner, computed, status } = protect(cells);
    expect(status.filter((s) => s === 'primary').length).toBeGreaterThan(0);
    expect(status.filter((s) => s === 'secondary').length).toBeGreaterThan(0);
    expect(leaks(cells, inner, computed, status)).toEqual([]);
    // The province total of every metric is kept: totals go last.
    computed.forEach(({ cell: c }, i) => {
      if (c.region === 'P' && c.breakdown === 'all') expect(status[i], c.metric).toBe('published');
    });
  });

  it('protects the band between two nested thresholds in a county (coverage minus coverage 50+)', () => {
    // County A1: 3 small enterprises (never published on their own) and 12 big ones.
    const cells = [
      cell('A1', 'pub', 'small', 3, 1, 30, 5), cell('A1', 'pub', 'big', 12, 10, 3000, 2000),
      cell('A2', 'pub', 'small', 9, 2, 90, 10), cell('A2', 'pub', 'big', 8, 8, 2400, 1600),
      cell('B1', 'pub', 'small', 7, 3, 70, 15), cell('B1', 'pub', 'big', 9, 9, 2700, 1900),
      cell('B2', 'pub', 'small', 6, 1, 60, 4), cell('B2', 'pub', 'big', 11, 7, 3300, 2000),
    ];
    const { inner, computed, status } = protect(cells);
    const county = (metricId: string, region: string) => status[computed.findIndex((c) => c.cell.metric === metricId && c.cell.region === region && c.cell.breakdown === 'all')];
    expect([county('coverage', 'A1'), county('coverage_big', 'A1')]).toContain('secondary');
    expect(leaks(cells, inner, computed, status)).toEqual([]);
  });

  it('withholds a person-level 0% over parts below k (a container), but not an enterprise-level one', () => {
    // B1's members are 0 over a part of 2 enterprises: publishing 0% would say none of their employees is a member.
    const cells = [
      cell('A1', 'pub', 'small', 9, 4, 90, 30), cell('A1', 'priv', 'small', 8, 3, 80, 20),
      cell('A2', 'pub', 'small', 8, 3, 80, 20), cell('A2', 'priv', 'small', 6, 2, 60, 12),
      cell('B1', 'pub', 'small', 7, 0, 70, 0), cell('B1', 'priv', 'small', 2, 0, 20, 0),
      cell('B2', 'pub', 'small', 12, 2, 120, 9), cell('B2', 'priv', 'small', 6, 1, 60, 3),
    ];
    const { inner, computed, status } = protect(cells);
    const b1 = (metricId: string) => status[computed.findIndex((c) => c.cell.metric === metricId && c.cell.region === 'B1')];
    expect(b1('member_rate')).toBe('container');
    expect(b1('coverage')).toBe('published');
    expect(leaks(cells, inner, computed, status)).toEqual([]);
  });

  it('knows the zeros of a missing rate row at every level the publication breaks down', () => {
    // A has no unionized private enterprise, so member_rate_unionized has no "A private" row:
    // its unionized employees are 0. Then A small (60) and A public (420) give A1's 3 big
    // public enterprises (360) unless the protection counts that missing row too. Found by
    // the property below (seed -1381451017).
    const cells = [
      cell('A1', 'pub', 'small', 5, 5, 60, 1), cell('A1', 'priv', 'big', 2, 0, 240, 0), cell('A1', 'pub', 'big', 3, 3, 360, 0), cell('A1', 'priv', 'small', 3, 0, 36, 0),
      cell('B1', 'priv', 'small', 1, 1, 12, 0), cell('B1', 'pub', 'small', 1, 0, 12, 0),
      cell('B2', 'pub', 'small', 3, 3, 36, 0), cell('B2', 'priv', 'big', 4, 4, 480, 0), cell('B2', 'pub', 'big', 1, 0, 120, 0),
    ];
    const { inner, computed, status } = protect(cells);
    expect(leaks(cells, inner, computed, status)).toEqual([]);
    // And a world whose levels the protection is not told of is refused, not half modelled.
    const given = metricCells(inner).map((c) => c.cell);
    expect(() => protectBlock({ k, source, metrics, inner, ancestors, cells: given, priority: given.map(() => 0), seed: 7 }, lp)).toThrow(/a prefecture by ownership, which the publication's levels leave out/);
  });

  it('leaves no sensitive cell determined, on random small blocks (property)', () => {
    const arbCell = fc.record({
      county: fc.constantFrom('A1', 'A2', 'B1', 'B2'), ownership: fc.constantFrom('pub', 'priv'), size: fc.constantFrom('small', 'big'),
      enterprises: fc.integer({ min: 1, max: 12 }), unionizedShare: fc.oneof(fc.constant(1), fc.double({ min: 0, max: 1, noNaN: true })), memberShare: fc.double({ min: 0, max: 1, noNaN: true }),
    });
    fc.assert(
      fc.property(fc.uniqueArray(arbCell, { minLength: 3, maxLength: 12, selector: (c) => `${c.county}|${c.ownership}|${c.size}` }), (drawn) => {
        const cells = drawn.map((d) => {
          const unionized = Math.round(d.enterprises * d.unionizedShare);
          const employees = d.enterprises * (d.size === 'big' ? 120 : 12);
          return cell(d.county, d.ownership, d.size, d.enterprises, unionized, employees, unionized === 0 ? 0 : Math.round(employees * d.memberShare));
        });
        const { inner, computed, status } = protect(cells);
        expect(leaks(cells, inner, computed, status)).toEqual([]);
      }),
      { numRuns: 60 },
    );
  });

  it('repairs intervals only in blocks up to its size limit, and the repair only withholds more (property)', () => {
    const arbCell = fc.record({
      county: fc.constantFrom('A1', 'A2', 'B1', 'B2'), ownership: fc.constantFrom('pub', 'priv'), size: fc.constantFrom('small', 'big'),
      enterprises: fc.integer({ min: 1, max: 9 }), unionizedShare: fc.double({ min: 0, max: 1, noNaN: true }),
    });
    let repairedSome = false;
    fc.assert(
      fc.property(fc.uniqueArray(arbCell, { minLength: 4, maxLength: 10, selector: (c) => `${c.county}|${c.ownership}|${c.size}` }), (drawn) => {
        const cells = drawn.map((d) => {
          const unionized = Math.round(d.enterprises * d.unionizedShare);
          const employees = d.enterprises * (d.size === 'big' ? 120 : 12);
          return cell(d.county, d.ownership, d.size, d.enterprises, unionized, employees, Math.round(employees * 0.4 * (unionized > 0 ? 1 : 0)));
        });
        const plain = protect(cells);
        const size = plain.stats.variables;
        const below = protect(cells, size - 1);
        const at = protect(cells, size);
        const every = protect(cells, Infinity);
        expect(below.status).toEqual(plain.status);
        expect(below.stats.intervals.targets).toBe(0);
        expect(at.status).toEqual(every.status);
        expect(at.stats.intervals).toEqual(every.stats.intervals);
        plain.status.forEach((s, i) => {
          if (s !== 'published') expect(at.status[i]).not.toBe('published');
        });
        if (at.stats.intervals.withheld > 0) repairedSome = true;
      }),
      { numRuns: 25 },
    );
    // The draws must exercise the repair, or the last check says nothing.
    expect(repairedSome).toBe(true);
  });
});

describe('enforceOtherRows', () => {
  it('withholds the least wanted part that adds units, until no published total has a remainder of 1 to k − 1 units', () => {
    const cells = [
      cell('A1', 'pub', 'small', 3, 1, 30, 5), cell('A2', 'pub', 'small', 9, 2, 90, 10),
      cell('B1', 'pub', 'small', 8, 3, 80, 15), cell('B2', 'pub', 'small', 6, 1, 60, 4),
    ];
    const inner = innerOf(cells);
    const computed = metricCells(inner).filter((c) => c.cell.metric === 'coverage' && c.cell.breakdown === 'all');
    const model = blockModel({ k, source, metrics, inner, ancestors, cells: computed.map((c) => c.cell), priority: computed.map((c) => -(c.cell.population ?? 0)), seed: 1 });
    // A1 (3 enterprises) withheld by hand: prefecture A's remainder is 3.
    const status: CellStatus[] = computed.map((c) => (c.cell.region === 'A1' ? 'primary' : 'published'));
    expect(enforceOtherRows(model, status)).toBe(1);
    expect(computed.map((c, i) => `${c.cell.region}:${status[i]}`)).toEqual(['P:published', 'A:published', 'B:published', 'A1:primary', 'A2:secondary', 'B1:published', 'B2:published']);
  });
});
