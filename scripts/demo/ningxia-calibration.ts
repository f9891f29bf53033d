/**
 * Ningxia's 2020 migrant-worker enrollment target (55%, seeds/002) is the demo's most scrutinised
 * number, and at scale 1 Ningxia has only ~700 enterprises, so sampling noise alone could move the
 * regional rate by a few points. A calibration pass therefore simulates Ningxia's enterprises
 * once (they are ~3% of the work), records per county and snapshot the migrant-weighted sum
 * Σ min(members, migrant workers × min(1, rate × k)) over a grid of factors k, and picks for each
 * county the k that lands it on its target: the regional target of the snapshot shifted by a
 * seed-drawn, persistent county effect. Only aggregates are kept, so memory stays flat.
 */
import {
  NINGXIA_COUNTY_SPREAD, NINGXIA_END_2020_RANGE, NINGXIA_MIGRANT_TARGET,
} from './calibration.ts';
import { simulateEnterprise, type MigrantFactor } from './enterprise-model.ts';
import type { Period } from './periods.ts';
import { countyEnterprises } from './population.ts';
import { countiesOf } from './regions.ts';
import { Stream, logistic, logit, rngFor } from './rng.ts';

const GRID_MIN = 0.2;
const GRID_STEP = 0.01;
const GRID_SIZE = 481; // k from 0.2 to 5.0

function gridValue(g: number): number {
  return GRID_MIN + GRID_STEP * g;
}

interface CountyAggregate {
  /** Σ migrant workers of operating enterprises. */
  migrantWorkers: number;
  /** Σ migrant members for each grid factor. */
  readonly sums: Float64Array;
}

/** The Ningxia targets of one seed: overall rate per snapshot, with the end-2020 rate drawn in its range. */
export function ningxiaTargets(seed: number): ReadonlyMap<string, number> {
  const rng = rngFor(seed, Stream.ningxia, 1);
  const [low, high] = NINGXIA_END_2020_RANGE;
  const targets = new Map(Object.entries(NINGXIA_MIGRANT_TARGET));
  targets.set('2020-12-31', rng.uniform(low, high));
  return targets;
}

/** Persistent county effects (logit), standardised to mean 0 and sd 1 before scaling. */
function countyEffects(seed: number, n: number): number[] {
  const rng = rngFor(seed, Stream.ningxia, 2);
  const z = Array.from({ length: n }, () => rng.normal());
  const mean = z.reduce((a, b) => a + b, 0) / n;
  const sd = Math.sqrt(z.reduce((a, b) => a + (b - mean) ** 2, 0) / n) || 1;
  return z.map((v) => (NINGXIA_COUNTY_SPREAD * (v - mean)) / sd);
}

function solveFactor(aggregate: CountyAggregate, target: number): number {
  const wanted = target * aggregate.migrantWorkers;
  const { sums } = aggregate;
  if ((sums[0] ?? 0) >= wanted) return gridValue(0);
  for (let g = 1; g < GRID_SIZE; g++) {
    const hi = sums[g] ?? 0;
    if (hi >= wanted) {
      const lo = sums[g - 1] ?? 0;
      const fraction = hi > lo ? (wanted - lo) / (hi - lo) : 1;
      return gridValue(g - 1) + GRID_STEP * fraction;
    }
  }
  return gridValue(GRID_SIZE - 1);
}

/**
 * Runs the calibration pass and returns the migrant factor to use in the main pass (1 outside
 * Ningxia and before its campaign).
 */
export function ningxiaMigrantFactor(seed: number, scale: number): MigrantFactor {
  const targets = ningxiaTargets(seed);
  const counties = countiesOf('ningxia');
  const aggregates = new Map<number, Map<string, CountyAggregate>>();

  for (const county of counties) {
    const byPeriod = new Map<string, CountyAggregate>();
    for (const iso of targets.keys()) byPeriod.set(iso, { migrantWorkers: 0, sums: new Float64Array(GRID_SIZE) });
    aggregates.set(county.index, byPeriod);
    for (const spec of countyEnterprises(county, scale, seed)) {
      for (const s of simulateEnterprise(spec, seed)) {
        const aggregate = byPeriod.get(s.period.iso);
        if (aggregate === undefined || s.status !== 'operating') continue;
        aggregate.migrantWorkers += s.migrantWorkers;
        if (s.members === 0 || s.migrantWorkers === 0) continue;
        for (let g = 0; g < GRID_SIZE; g++) {
          aggregate.sums[g] =
            (aggregate.sums[g] ?? 0) + Math.min(s.members, s.migrantWorkers * Math.min(1, s.migrantRateBase * gridValue(g)));
        }
      }
    }
  }

  const effects = countyEffects(seed, counties.length);
  const factors = new Map<number, Map<string, number>>();
  for (const county of counties) factors.set(county.index, new Map());

  for (const [iso, target] of targets) {
    const rows = counties.map((county, i) => {
      const aggregate = aggregates.get(county.index)?.get(iso) ?? { migrantWorkers: 0, sums: new Float64Array(GRID_SIZE) };
      const reachable = aggregate.migrantWorkers > 0 ? (aggregate.sums[GRID_SIZE - 1] ?? 0) / aggregate.migrantWorkers : 0;
      return { county, aggregate, reachable, effect: effects[i] ?? 0 };
    });
    const totalWorkers = rows.reduce((a, r) => a + r.aggregate.migrantWorkers, 0);
    if (totalWorkers === 0) continue;
    const countyTarget = (effect: number, shift: number): number => logistic(logit(target) + effect + shift);
    const overall = (shift: number): number =>
      rows.reduce((a, r) => a + Math.min(countyTarget(r.effect, shift), r.reachable) * r.aggregate.migrantWorkers, 0) /
      totalWorkers;
    let lo = -4;
    let hi = 4;
    for (let i = 0; i < 60; i++) {
      const mid = (lo + hi) / 2;
      if (overall(mid) < target) lo = mid;
      else hi = mid;
    }
    const shift = (lo + hi) / 2;
    for (const r of rows) {
      if (r.aggregate.migrantWorkers === 0) continue;
      const t = Math.min(countyTarget(r.effect, shift), r.reachable);
      factors.get(r.county.index)?.set(iso, solveFactor(r.aggregate, t));
    }
  }

  return (countyIndex: number, period: Period): number => factors.get(countyIndex)?.get(period.iso) ?? 1;
}
