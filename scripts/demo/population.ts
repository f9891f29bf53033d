/**
 * The enterprise population of a county: the enterprises alive at the first snapshot plus yearly
 * birth cohorts sized so that the stock follows the target path while enterprises exit at the
 * expected rate. Only counts and birth years are drawn here; each enterprise's own attributes come
 * from its own random stream (see enterprise-model.ts), so they do not depend on iteration order.
 */
import { EXPECTED_EXIT_RATE, STOCK_GROWTH_PER_YEAR } from './calibration.ts';
import { FIRST_YEAR, LAST_YEAR } from './periods.ts';
import type { County } from './regions.ts';
import { IdCipher, Stream, hash32, rngFor } from './rng.ts';

/** Index of the enterprise stock relative to 2018 (1 = the 2018 stock, 25,000 enterprises at scale 1). */
export function stockIndex(year: number): number {
  return 1 + STOCK_GROWTH_PER_YEAR * (year - 2018);
}

/** What the population decides about one enterprise before its history is simulated. */
export interface EnterpriseSpec {
  /** County of the enterprise. */
  readonly county: County;
  /** Position within the county's enterprises (0-based, stable for a given seed and scale). */
  readonly ordinal: number;
  /** Birth year for entrants; undefined for enterprises already alive at the first snapshot. */
  readonly birthYear: number | undefined;
  /** Pseudonymous id: "E" + 10 hex digits. */
  readonly id: string;
}

/** Largest ordinal per county that the id scheme supports (counters are county × 2^31 + ordinal). */
const ORDINALS_PER_COUNTY = 2 ** 31;

/** The enterprise id scheme of a seed: county × 2^31 + ordinal, encrypted (see {@link IdCipher}). */
export function enterpriseIds(seed: number): (county: County, ordinal: number) => string {
  const cipher = new IdCipher('E', hash32(seed, Stream.enterpriseId));
  return (county, ordinal) => cipher.id(county.index * ORDINALS_PER_COUNTY + ordinal);
}

/**
 * Lazily enumerates a county's enterprises at the given scale: the initial stock first, then the
 * birth cohorts 2013–2024 in order.
 */
export function* countyEnterprises(county: County, scale: number, seed: number): Generator<EnterpriseSpec> {
  const rng = rngFor(seed, Stream.population, county.index);
  const enterpriseId = enterpriseIds(seed);
  const base = county.enterprises2018 * scale;
  let ordinal = 0;
  const initial = rng.roundStochastic(base * stockIndex(FIRST_YEAR));
  for (let i = 0; i < initial; i++, ordinal++) {
    yield { county, ordinal, birthYear: undefined, id: enterpriseId(county, ordinal) };
  }
  for (let year = FIRST_YEAR + 1; year <= LAST_YEAR; year++) {
    const growth = stockIndex(year) - stockIndex(year - 1);
    const births = rng.roundStochastic(base * (growth + EXPECTED_EXIT_RATE * stockIndex(year - 1)));
    for (let i = 0; i < births; i++, ordinal++) {
      yield { county, ordinal, birthYear: year, id: enterpriseId(county, ordinal) };
    }
  }
}
