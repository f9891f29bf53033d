/**
 * A value of the SQL panel's result (whatever DuckDB-WASM returns: numbers, BigInts,
 * strings, dates, nested values) as table text and as a CSV cell.
 *
 * Pure TypeScript: no DOM, no Node APIs.
 */
import type { CsvCell } from './csv.ts';

/** A result value as table text: NULL, a date without its midnight, nested values as JSON. */
export function cellText(value: unknown): string {
  if (value === null || value === undefined) return 'NULL';
  if (value instanceof Date) return value.toISOString().replace('T00:00:00.000Z', '');
  if (typeof value === 'object') return JSON.stringify(value, (_k, v: unknown) => (typeof v === 'bigint' ? v.toString() : v));
  return String(value);
}

/** A result value as a CSV cell (numbers stay numbers, an empty cell for NULL). */
export function csvValue(value: unknown): CsvCell {
  if (value === null || value === undefined) return null;
  if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'string') return value;
  if (typeof value === 'bigint') return value.toString();
  return cellText(value);
}
