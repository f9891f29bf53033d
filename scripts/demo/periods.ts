/**
 * Reporting periods: year-end snapshots 2012–2024 for every region, plus the quarterly snapshots
 * taken during the two campaigns (Hebei 2018, ending on the campaign's last day 2018-11-30;
 * Ningxia 2020).
 */
import { dayFromYmd, isoFromDay } from './dates.ts';
import type { RegionKey } from './vocabulary.ts';

/** One snapshot date. */
export interface Period {
  /** UTC day number. */
  readonly day: number;
  /** `YYYY-MM-DD`. */
  readonly iso: string;
  /** Calendar year of the snapshot. */
  readonly year: number;
  /** True for 31 December snapshots. */
  readonly yearEnd: boolean;
}

/** First and last year-end snapshot. */
export const FIRST_YEAR = 2012;
/** Last year-end snapshot. */
export const LAST_YEAR = 2024;

const EXTRA_SNAPSHOTS: Readonly<Record<RegionKey, readonly string[]>> = {
  hebei: ['2018-03-31', '2018-06-30', '2018-09-30', '2018-11-30'],
  ningxia: ['2020-03-31', '2020-06-30', '2020-09-30'],
  guangxi: [],
  shanghai: [],
  shaoxing: [],
};

function makePeriod(day: number): Period {
  const iso = isoFromDay(day);
  return { day, iso, year: Number(iso.slice(0, 4)), yearEnd: iso.endsWith('-12-31') };
}

const cache = new Map<RegionKey, readonly Period[]>();

/** The sorted snapshot dates reported for a region. */
export function periodsFor(region: RegionKey): readonly Period[] {
  const cached = cache.get(region);
  if (cached !== undefined) return cached;
  const days: number[] = [];
  for (let year = FIRST_YEAR; year <= LAST_YEAR; year++) days.push(dayFromYmd(year, 12, 31));
  for (const iso of EXTRA_SNAPSHOTS[region]) {
    const [y, m, d] = iso.split('-').map(Number);
    days.push(dayFromYmd(y ?? 0, m ?? 0, d ?? 0));
  }
  days.sort((a, b) => a - b);
  const periods = Object.freeze(days.map(makePeriod));
  cache.set(region, periods);
  return periods;
}

/** Day number of the first snapshot (2012-12-31), shared by all regions. */
export const FIRST_PERIOD_DAY = dayFromYmd(FIRST_YEAR, 12, 31);
