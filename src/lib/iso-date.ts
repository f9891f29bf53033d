/**
 * Calendar dates (YYYY-MM-DD) as the UTC Dates chart time scales use, and back.
 *
 * Pure TypeScript: no DOM, no Node APIs.
 */

/** A calendar date (YYYY-MM-DD) as the UTC Date Plot's time scales expect. */
export function toDate(iso: string): Date {
  return new Date(`${iso}T00:00:00Z`);
}

/** The ISO date (YYYY-MM-DD) of a UTC Date. */
export function toIso(date: Date): string {
  return date.toISOString().slice(0, 10);
}
