/**
 * How a rate is published, written once for the build (publish-metrics.ts), the explorer's
 * SQL (src/lib/explorer/query.ts) and its rows (src/lib/explorer/rows.ts): numerator ÷
 * denominator rounded to 8 decimal places, exact to the displayed 0.1 point, and short.
 */
export const RATE_DECIMALS = 8;

const SCALE = 10 ** RATE_DECIMALS;

/** A rate as published: `rateValue(1, 3)` → 0.33333333. */
export function rateValue(numerator: number, denominator: number): number {
  return Math.round((numerator / denominator) * SCALE) / SCALE;
}

/** The same rate in SQL (DuckDB, native and WASM), over two SQL expressions. */
export function rateValueSql(numerator: string, denominator: string): string {
  return `round(${numerator} / ${denominator}, ${RATE_DECIMALS})`;
}
