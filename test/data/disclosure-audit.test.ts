import { join } from 'node:path';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import type { MetricDefinition } from '../../src/lib/metrics/metric-schema.ts';
import { measureIds, sources } from '../../src/lib/metrics/sources.ts';
import { attackerSystem } from '../../scripts/audit/attacker-system.ts';
import { auditPublication, type AuditResult } from '../../scripts/audit/audit-publication.ts';
import type { BlockCells } from '../../scripts/audit/block-cells.ts';
import { boundTargets } from '../../scripts/audit/bound-targets.ts';
import { highs } from '../../scripts/audit/interval-solver.ts';
import { runIngest } from '../../scripts/ingest/run-ingest.ts';
import { loadMetrics } from '../../scripts/metrics/load-metrics.ts';
import { tempDir } from '../helpers/temp-dir.ts';
import { publishTinyWorld } from '../helpers/tiny-publication.ts';
import { protectionShortfall } from '../../src/lib/disclosure/protection-levels.ts';

const definitions = loadMetrics();
const source = sources.enterprises;

/** One inner cell of the tiny world: a county, a size band, and some measures (the rest 0). */
interface Inner {
  county: string;
  size: string;
  values: Partial<Record<string, number>>;
}

function blockCells(inner: readonly Inner[]): BlockCells {
  return {
    length: inner.length,
    county: inner.map((c) => c.county),
    prefecture: inner.map((c) => `${c.county.slice(0, 4)}00`),
    dims: { ownership: inner.map(() => 'private'), industry: inner.map(() => 'C'), size_band: inner.map((c) => c.size) },
    values: Object.fromEntries(measureIds(source).map((m) => [m, Float64Array.from(inner, (c) => c.values[m] ?? 0)])),
  };
}

/** The rows over the tiny world, withholding those `withhold` names (`metric|region|breakdown|category`). */
const publish = (cells: BlockCells, metrics: readonly MetricDefinition[], withhold: ReadonlySet<string>) => publishTinyWorld(source, cells, metrics, (key) => withhold.has(key));

async function attack(inner: readonly Inner[], metricIds: readonly string[], withhold: readonly string[], k = 5, deadline = Infinity) {
  const cells = blockCells(inner);
  const metrics = metricIds.map((id) => definitions.get(id)!);
  const rows = publish(cells, metrics, new Set(withhold));
  const system = attackerSystem({ source, metrics, rows, province: '640000', cells, k });
  expect(system.mismatches).toEqual([]);
  const { findings } = boundTargets(await highs(), system, cells, deadline);
  return { system, findings: findings.map((f) => ({ rule: f.rule, row: `${f.target.row.metric}|${f.target.row.region}|${f.target.row.breakdown}|${f.target.row.category}`, measure: f.target.measure, interval: f.interval })) };
}

describe("the attacker's audit (linear programming over everything published)", () => {
  // Two counties; the 25–49 band holds 2 enterprises, none with a union.
  const world: Inner[] = [
    { county: '640104', size: '0-24', values: { enterprises: 10, unionized: 4, no_union: 6 } },
    { county: '640104', size: '25-49', values: { enterprises: 2, unionized: 0, no_union: 2 } },
    { county: '640104', size: '50-99', values: { enterprises: 8, unionized: 8, no_union: 0 } },
    { county: '640105', size: '0-24', values: { enterprises: 9, unionized: 3, no_union: 6 } },
    { county: '640105', size: '50-99', values: { enterprises: 7, unionized: 5, no_union: 2 } },
  ];

  it('finds a band a nested threshold gives by subtraction (25+ minus 50+)', async () => {
    const withheld = ['coverage_all|640000|size_band|25-49', 'coverage_all|640100|size_band|25-49'];
    const { findings } = await attack(world, ['coverage_all', 'coverage_25plus', 'coverage_50plus'], withheld);
    expect(findings).toContainEqual({ rule: 'interval', row: 'coverage_all|640000|size_band|25-49', measure: 'enterprises', interval: [2, 2] });
  });

  it('reports the values it had no time to bound as unfinished, never as passed', async () => {
    const withheld = ['coverage_all|640000|size_band|25-49', 'coverage_all|640100|size_band|25-49'];
    const { findings } = await attack(world, ['coverage_all', 'coverage_25plus', 'coverage_50plus'], withheld, 5, performance.now() - 1);
    expect(findings.filter((f) => f.rule === 'interval')).toEqual([]);
    expect(findings).toContainEqual(expect.objectContaining({ rule: 'unfinished', row: 'coverage_all|640000|size_band|25-49', measure: 'enterprises' }));
  });

  it('passes the same band when every way to it is withheld, and bounds it by what is left', async () => {
    const withheld = [
      'coverage_all|640000|size_band|25-49', 'coverage_all|640100|size_band|25-49',
      'coverage_25plus|640000|all|all', 'coverage_25plus|640100|all|all', 'coverage_25plus|640104|all|all',
      'coverage_25plus|640000|size_band|25-49', 'coverage_25plus|640100|size_band|25-49',
      // in this world every enterprise is private and in industry C: those rows are the totals
      'coverage_25plus|640000|ownership|private', 'coverage_25plus|640100|ownership|private',
      'coverage_25plus|640000|industry|C', 'coverage_25plus|640100|industry|C',
      'coverage_all|640000|size_band|0-24', 'coverage_all|640100|size_band|0-24',
    ];
    const { findings } = await attack(world, ['coverage_all', 'coverage_25plus', 'coverage_50plus'], withheld);
    expect(findings.filter((f) => f.measure === 'enterprises')).toEqual([]);
  });

  it('finds a count withheld in one metric and published in another', async () => {
    const members: Inner[] = world.map((c) => ({ ...c, values: { ...c.values, employees: c.values.enterprises! * 30, unionized_employees: c.values.unionized! * 30, members: c.values.unionized! * 20 } }));
    // member_rate withholds the 25–49 band; member_rate_unionized has no row for it (no union:
    // its members are 0 by the shape of the publication) — so take the 50–99 band instead.
    const withheld = ['member_rate|640000|size_band|50-99', 'member_rate|640100|size_band|50-99'];
    const { findings } = await attack(members, ['member_rate', 'member_rate_unionized'], withheld, 20);
    expect(findings).toContainEqual(expect.objectContaining({ rule: 'interval', row: 'member_rate|640000|size_band|50-99', measure: 'members', interval: [260, 260] }));
  });

  it('finds the persons under a published 0% over withheld parts, and says when only the missing rows tell', async () => {
    const members: Inner[] = world.map((c) => ({ ...c, values: { ...c.values, employees: c.values.enterprises! * 30, unionized_employees: c.values.unionized! * 30, members: 0 } }));
    const container = await attack(members, ['member_rate'], ['member_rate|640000|size_band|25-49', 'member_rate|640100|size_band|25-49']);
    expect(container.findings).toContainEqual({ rule: 'interval', row: 'member_rate|640000|size_band|25-49', measure: 'members', interval: [0, 0] });
  });
});

describe('the audit of whole publications', () => {
  let current: AuditResult;
  let linear: AuditResult;
  let perMetric: AuditResult;
  let dir: string;
  let linearDb: string;

  beforeAll(async () => {
    dir = await tempDir();
    const db = join(dir, 'w.duckdb');
    await runIngest({ input: 'test/fixtures/submissions/metrics-small', out: join(dir, 'out'), report: join(dir, 'reports'), db, k: 3 });
    current = await auditPublication({ dataDir: join(dir, 'out'), dbPath: db });
    perMetric = await auditPublication({ dataDir: 'test/fixtures/audit/per-metric-protection', dbPath: db });
    linearDb = join(dir, 'w-linear.duckdb');
    await runIngest({ input: 'test/fixtures/submissions/metrics-small', out: join(dir, 'linear'), report: join(dir, 'reports-linear'), db: linearDb, k: 3, repairUpTo: 0 });
    linear = await auditPublication({ dataDir: join(dir, 'linear'), dbPath: linearDb });
  }, 180_000);

  it('finds nothing in a default build, whose blocks are all small enough for the interval repair, and narrowed values without it', () => {
    expect(current.targets).toBeGreaterThan(100);
    expect(current.findings).toEqual([]);
    expect(linear.findings.filter((f) => f.rule === 'interval').length).toBeGreaterThan(0);
  });

  it('reads every published file of a build as stating the same numbers, which its model reproduces', () => {
    for (const result of [current, linear]) {
      expect(result.audited).toBe(result.blocks);
      expect(result.findings.filter((f) => f.rule !== 'interval' && f.rule !== 'structural')).toEqual([]);
    }
  });

  it('audits only the provinces it is asked for, finding there what the whole audit finds', async () => {
    const province = linear.findings.find((f) => f.rule === 'interval')!.where.split(' ')[2]!;
    const where = (list: AuditResult['findings']) => list.map((f) => f.where).sort();
    const one = await auditPublication({ dataDir: join(dir, 'linear'), dbPath: linearDb, provinces: [province] });
    expect(one.audited).toBeGreaterThan(0);
    expect(where(one.findings)).toEqual(where(linear.findings.filter((f) => f.where.split(' ')[2] === province)));
    const none = await auditPublication({ dataDir: join(dir, 'linear'), dbPath: linearDb, provinces: ['110000'] });
    expect(none.audited).toBe(0);
    expect(none.findings).toEqual([]);
  }, 60_000);

  it('fails a publication protected metric by metric: withheld counts it determines exactly', () => {
    const exact = perMetric.findings.filter((f) => f.rule === 'interval' && f.interval?.[0] === f.interval?.[1]);
    expect(exact.length).toBeGreaterThan(10);
    expect(exact.filter((f) => f.kind === 'units').length).toBeGreaterThan(0);
  });
});

describe("the audit's intervals, against every integer world that publishes the same (property)", () => {
  it('contain the true value and every value an integer attacker can reach', async () => {
    const runtime = await highs();
    const { IntervalSolver } = await import('../../scripts/audit/interval-solver.ts');
    const sizes = ['0-24', '25-49', '50-99'];
    const metric = definitions.get('coverage_all')!;
    const cellArb = fc.record({ county: fc.constantFrom('640104', '640105', '640204'), size: fc.constantFrom(...sizes), u: fc.integer({ min: 0, max: 2 }), m: fc.integer({ min: 0, max: 2 }) });
    await fc.assert(
      fc.asyncProperty(fc.uniqueArray(cellArb, { minLength: 2, maxLength: 3, selector: (c) => `${c.county}|${c.size}` }), fc.array(fc.boolean(), { minLength: 16, maxLength: 16 }), async (list, flags) => {
        const world: Inner[] = list.map((c) => ({ county: c.county, size: c.size, values: { enterprises: c.u + c.m, unionized: c.u, no_union: c.m } }));
        if (world.every((c) => c.values.enterprises === 0)) return;
        const cells = blockCells(world);
        const all = publish(cells, [metric], new Set());
        const withhold = new Set(all.filter((_, i) => flags[i % flags.length]).map((r) => `${r.metric}|${r.region}|${r.breakdown}|${r.category}`));
        const rows = publish(cells, [metric], withhold);
        const system = attackerSystem({ source, metrics: [metric], rows, province: '640000', cells, k: 5 });
        expect(system.mismatches).toEqual([]);
        // Every integer world of the same inner cells (unionized, no union ≤ 4 each) that
        // publishes exactly the same rows.
        const worlds: number[][] = [];
        const n = world.length;
        const visit = (values: number[]) => {
          if (values.length === 2 * n) {
            const candidate: Inner[] = world.map((c, i) => ({ ...c, values: { enterprises: values[2 * i]! + values[2 * i + 1]!, unionized: values[2 * i]!, no_union: values[2 * i + 1]! } }));
            const same = publish(blockCells(candidate), [metric], withhold);
            if (JSON.stringify(same) === JSON.stringify(rows)) worlds.push(values.slice());
            return;
          }
          for (let x = 0; x <= 4; x++) visit([...values, x]);
        };
        visit([]);
        expect(worlds.length).toBeGreaterThan(0);
        for (const t of system.targets) {
          const measure = t.measure === 'enterprises' ? (v: number[], i: number) => v[2 * i]! + v[2 * i + 1]! : t.measure === 'unionized' ? (v: number[], i: number) => v[2 * i]! : (v: number[], i: number) => v[2 * i + 1]!;
          const reach = worlds.map((v) => [...t.cells].reduce((s, i) => s + measure(v, i), 0));
          let lo = 0;
          let hi = 0;
          if (t.component >= 0) {
            const { polytope, columnOf } = system.polytope(t.component, null);
            const solver = new IntervalSolver(runtime, polytope);
            const interval = solver.bounds(Int32Array.from(t.variables, (v) => columnOf[v]!).sort())!;
            solver.dispose();
            [lo, hi] = [interval[0], interval[1]];
          }
          expect(lo).toBeLessThanOrEqual(Math.min(...reach) + 1e-6);
          expect(hi).toBeGreaterThanOrEqual(Math.min(Math.max(...reach), 4 * t.cells.length) - 1e-6);
          expect(reach).toContain(t.value);
        }
        // What the audit decides (first where only a county's or a prefecture's cells vary) is
        // what the whole block says: a value passes exactly when its whole-block interval is wide.
        const verdicts = boundTargets(runtime, system, cells);
        const found = new Set(verdicts.findings.map((f) => f.target));
        for (const t of system.targets) {
          let interval: readonly [number, number] = [0, 0];
          if (t.component >= 0) {
            const { polytope, columnOf } = system.polytope(t.component, null);
            const solver = new IntervalSolver(runtime, polytope);
            interval = solver.bounds(Int32Array.from(t.variables, (v) => columnOf[v]!).sort())!;
            solver.dispose();
          }
          const shortfall = protectionShortfall(t.kind, t.value, Math.max(0, Math.ceil(interval[0] - 1e-6)), Math.floor(interval[1] + 1e-6), t.wholes);
          expect(found.has(t), `${t.measure} ${t.value} in [${interval.join(', ')}]`).toBe(shortfall !== null);
        }
      }),
      { numRuns: 30, seed: 20261206 },
    );
  }, 120_000);
});
