/** A date read from a form cell, or why the cell is not one. */
export type DateResult =
  | { readonly ok: true; readonly iso: string; readonly monthOnly: boolean }
  | { readonly ok: false; readonly problem: string };

const FIRST_YEAR = 1900;
const LAST_YEAR = 2100;
/** Excel's day 0 (its serial numbers count days from 1899-12-30, the 1900 leap-year bug included). */
const EXCEL_EPOCH_MS = Date.UTC(1899, 11, 30);
const DAY_MS = 86_400_000;

/**
 * Reads a date as offices write it: 2020-05-07, 2020/5/7, 2020.5.7, 2020年5月7日 (or 号),
 * 20200507, an Excel serial number of five digits (days since 1899-12-30, e.g. 43958; a
 * four-digit number is taken for a bare year and refused), each optionally
 * followed by a midnight time ("2020/5/7 0:00"). A year and month only (2020年5月, 2020-05,
 * 2020.5) is read as the first of that month, with `monthOnly` set so it can be reported.
 * Dates outside 1900–2100 and days that do not exist are refused.
 */
export function parseFormDate(cell: string): DateResult {
  const text = cell.trim().replace(/\s+0{1,2}:00(?::00)?$/u, '');
  let match = /^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})$/u.exec(text) ?? /^(\d{4})年(\d{1,2})月(\d{1,2})[日号]?$/u.exec(text) ?? /^(\d{4})(\d{2})(\d{2})$/u.exec(text);
  if (match !== null) return calendarDate(Number(match[1]), Number(match[2]), Number(match[3]), false);
  match = /^(\d{4})年(\d{1,2})月?$/u.exec(text) ?? /^(\d{4})[-/.](\d{1,2})$/u.exec(text);
  if (match !== null) return calendarDate(Number(match[1]), Number(match[2]), 1, true);
  match = /^(\d{5})(?:\.0+)?$/u.exec(text);
  if (match !== null) {
    const iso = new Date(EXCEL_EPOCH_MS + Number(match[1]) * DAY_MS).toISOString().slice(0, 10);
    return inRange(Number(iso.slice(0, 4))) ? { ok: true, iso, monthOnly: false } : { ok: false, problem: 'is a number that is not an Excel date between 1900 and 2100' };
  }
  if (/^\d{4}年?$/u.test(text)) return { ok: false, problem: 'gives only a year; give at least the year and month (2020年5月)' };
  return { ok: false, problem: 'is not a date (write it as 2020-05-07 or 2020年5月7日)' };
}

/**
 * Checks a date given as an option (YYYY-MM-DD only) and returns it, or undefined when it is
 * not a real calendar date between 1900 and 2100.
 */
export function isoDateArgument(text: string): string | undefined {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/u.exec(text);
  if (match === null) return undefined;
  const result = calendarDate(Number(match[1]), Number(match[2]), Number(match[3]), false);
  return result.ok ? result.iso : undefined;
}

function inRange(year: number): boolean {
  return year >= FIRST_YEAR && year <= LAST_YEAR;
}

function calendarDate(year: number, month: number, day: number, monthOnly: boolean): DateResult {
  if (!inRange(year)) return { ok: false, problem: `has the year ${year}, outside 1900–2100` };
  const date = new Date(Date.UTC(year, month - 1, day));
  if (month < 1 || month > 12 || date.getUTCDate() !== day) return { ok: false, problem: 'is not a real calendar date' };
  return { ok: true, iso: date.toISOString().slice(0, 10), monthOnly };
}
