/**
 * Counts reported directly by federations (reported.csv): per county, indicator and snapshot, the
 * number designated or launched in the calendar year up to the snapshot (year-to-date, so the
 * 31 December value is the year's total). Not multiplied by --scale: these are counts of sites
 * and projects, compared with absolute targets. Ningxia's 2020 totals are dealt around its
 * targets (seeds/002): some met, some slightly missed.
 */
import {
  NINGXIA_2020_OFFSETS, NINGXIA_2020_SERVICE_STATIONS, NINGXIA_2020_TARGETS, REPORTED_BASE, YEAR_TO_DATE_SHARE,
} from './calibration.ts';
import { periodsFor, type Period } from './periods.ts';
import { COUNTIES, countiesOf, type County } from './regions.ts';
import { Stream, rngFor, type Rng } from './rng.ts';
import { INDICATORS, type Indicator } from './vocabulary.ts';

/** One row of reported.csv. */
export interface ReportedRow {
  readonly period: Period;
  readonly regionCode: string;
  readonly indicator: Indicator;
  readonly value: number;
}

const SINGLE_TARGETS: readonly Indicator[] = INDICATORS.filter((i) => i !== 'service_station');

function shuffled<T>(items: readonly T[], rng: Rng): T[] {
  const copy = [...items];
  for (let i = copy.length - 1; i > 0; i--) {
    const j = rng.int(0, i + 1);
    const a = copy[i];
    const b = copy[j];
    if (a !== undefined && b !== undefined) {
      copy[i] = b;
      copy[j] = a;
    }
  }
  return copy;
}

/** Ningxia's region-wide 2020 totals for this seed. */
export function ningxia2020Totals(seed: number): Readonly<Record<Indicator, number>> {
  const rng = rngFor(seed, Stream.reported, 0);
  const offsets = shuffled(NINGXIA_2020_OFFSETS, rng);
  const totals = { ...NINGXIA_2020_TARGETS };
  SINGLE_TARGETS.forEach((indicator, i) => {
    const offset = offsets[i] ?? 0;
    totals[indicator] = NINGXIA_2020_TARGETS[indicator] + (indicator === 'bargaining_demo_unit' ? 3 * offset : offset);
  });
  const [low, high] = NINGXIA_2020_SERVICE_STATIONS;
  totals.service_station = rng.int(low, high + 1);
  return totals;
}

/** Splits `total` over weights by largest remainder (deterministic). */
function allocate(total: number, weights: readonly number[]): number[] {
  const sum = weights.reduce((a, b) => a + b, 0);
  const exact = weights.map((w) => (sum > 0 ? (total * w) / sum : 0));
  const result = exact.map(Math.floor);
  let left = total - result.reduce((a, b) => a + b, 0);
  const order = exact.map((x, i) => ({ i, r: x - Math.floor(x) })).sort((a, b) => b.r - a.r || a.i - b.i);
  for (const { i } of order) {
    if (left <= 0) break;
    result[i] = (result[i] ?? 0) + 1;
    left--;
  }
  return result;
}

/** Ningxia 2020 totals split over its counties, by county code then indicator. */
function ningxia2020Allocation(seed: number): Map<string, Map<Indicator, number>> {
  const rng = rngFor(seed, Stream.reported, 1);
  const counties = countiesOf('ningxia');
  const totals = ningxia2020Totals(seed);
  const result = new Map<string, Map<Indicator, number>>(counties.map((c) => [c.code, new Map()]));
  for (const indicator of INDICATORS) {
    const weights = counties.map((c) => Math.sqrt(c.relativeSize) * Math.exp(0.4 * rng.normal()));
    allocate(totals[indicator], weights).forEach((value, i) => {
      const code = counties[i]?.code;
      if (code !== undefined) result.get(code)?.set(indicator, value);
    });
  }
  return result;
}

function yearToDate(period: Period): number {
  return YEAR_TO_DATE_SHARE[period.iso.slice(5)] ?? 1;
}

/** Yearly count of one indicator in one county (everyday level, Poisson). */
function annualValue(county: County, indicator: Indicator, year: number, rng: Rng): number {
  const base = REPORTED_BASE[indicator];
  if (year < base.fromYear) return 0;
  const regionFactor = county.region === 'ningxia' && year > 2020 ? 2 : 1;
  return rng.poisson(base.perCountyYear * Math.sqrt(county.relativeSize) * regionFactor);
}

/** All rows of reported.csv for one county, by indicator then snapshot. */
export function countyReportedRows(county: County, seed: number, ningxia2020?: ReadonlyMap<Indicator, number>): ReportedRow[] {
  const rows: ReportedRow[] = [];
  for (const [indicatorIndex, indicator] of INDICATORS.entries()) {
    const rng = rngFor(seed, Stream.reported, 2, county.index, indicatorIndex);
    const annual = new Map<number, number>();
    for (const period of periodsFor(county.region)) {
      let total = annual.get(period.year);
      if (total === undefined) {
        const fixed = county.region === 'ningxia' && period.year === 2020 ? ningxia2020?.get(indicator) : undefined;
        total = fixed ?? annualValue(county, indicator, period.year, rng);
        annual.set(period.year, total);
      }
      rows.push({ period, regionCode: county.code, indicator, value: Math.floor(total * yearToDate(period)) });
    }
  }
  return rows;
}

/** All reported rows, county by county (small: ~30k rows, independent of scale). */
export function* reportedRows(seed: number): Generator<ReportedRow> {
  const allocation = ningxia2020Allocation(seed);
  for (const county of COUNTIES) yield* countyReportedRows(county, seed, allocation.get(county.code));
}
