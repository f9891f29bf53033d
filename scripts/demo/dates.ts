/**
 * Calendar helpers. Dates are handled as integer UTC day numbers (days since 1970-01-01) so that
 * the generator never touches the local time zone or the clock.
 */

const MS_PER_DAY = 86_400_000;

/** First and last day for which ISO strings are cached (1950-01-01 … 2030-12-31). */
const CACHE_FIRST_DAY = Date.UTC(1950, 0, 1) / MS_PER_DAY;
const CACHE_LAST_DAY = Date.UTC(2030, 11, 31) / MS_PER_DAY;

let isoCache: string[] | undefined;

/** The UTC day number of a calendar date (month is 1-based). */
export function dayFromYmd(year: number, month: number, day: number): number {
  return Date.UTC(year, month - 1, day) / MS_PER_DAY;
}

function isoUncached(day: number): string {
  return new Date(day * MS_PER_DAY).toISOString().slice(0, 10);
}

/** Formats a day number as `YYYY-MM-DD` (cached for 1950–2030, the range the generator uses). */
export function isoFromDay(day: number): string {
  if (day < CACHE_FIRST_DAY || day > CACHE_LAST_DAY) return isoUncached(day);
  if (isoCache === undefined) {
    const cache: string[] = [];
    for (let d = CACHE_FIRST_DAY; d <= CACHE_LAST_DAY; d++) cache.push(isoUncached(d));
    isoCache = cache;
  }
  return isoCache[day - CACHE_FIRST_DAY] ?? isoUncached(day);
}

/** Parses a strict `YYYY-MM-DD` string into a day number; returns undefined when malformed. */
export function dayFromIso(iso: string): number | undefined {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  if (match === null) return undefined;
  const [, y, m, d] = match;
  const day = dayFromYmd(Number(y), Number(m), Number(d));
  return isoFromDay(day) === iso ? day : undefined;
}

/** Decimal year of a day number (e.g. mid-2018 ≈ 2018.5), precise enough for smooth parameter curves. */
export function decimalYear(day: number): number {
  return 1970 + (day + 0.5) / 365.2425;
}

/** Calendar year of a day number. */
export function yearOfDay(day: number): number {
  return Number(isoFromDay(day).slice(0, 4));
}

/** Length of a year in days, used to convert annual rates into per-interval probabilities. */
export const DAYS_PER_YEAR = 365.2425;
