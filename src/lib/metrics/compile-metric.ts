import { ident, str } from '../sql/quote.ts';
import type { MetricDefinition } from './metric-schema.ts';
import { hasBreakdowns, regionLevels, type RegionLevel } from '../contract/published.ts';
import { sources } from './sources.ts';

/** What a compiled metric query groups by. */
export interface MetricQueryOptions {
  /** Region levels to compute (default: all three). */
  readonly levels?: readonly RegionLevel[];
  /**
   * Breakdown dimensions, besides the total, at the levels the data contract publishes by
   * category (`breakdownLevels`; the others get totals only). Default: the metric's own.
   */
  readonly breakdowns?: readonly string[];
  /** Extra SQL condition over the cube, e.g. a period or region filter. */
  readonly filter?: string;
  /** Cube table to read (default: the source's). */
  readonly table?: string;
}

/**
 * The columns every compiled metric query returns, in order: one row per period, region and
 * category, with the additive parts of the value. `value` is numerator / denominator for a
 * rate and the numerator for a count; it is computed by the caller after disclosure control.
 */
/** One row of a compiled metric query. */
export interface MetricCell {
  metric: string;
  period: string;
  level: RegionLevel;
  region: string;
  breakdown: string;
  category: string;
  numerator: number;
  denominator: number | null;
  population: number | null;
  contributors: number | null;
}

const sum = (measure: string | null | undefined) => (measure == null ? 'CAST(NULL AS DOUBLE)' : `CAST(sum(${ident(measure)}) AS DOUBLE)`);

/**
 * Compiles a metric to one SQL query over its cube, for DuckDB native and DuckDB-WASM alike
 * (numbers come back as DOUBLE, periods as 'YYYY-MM-DD' text, so both engines return plain
 * JavaScript values). A county row is counted in its county, prefecture and province; a row
 * with a null county (reported at a higher level) only in the levels it names. With the
 * default options it is the query the build publishes.
 */
export function compileMetric(metric: MetricDefinition, options: MetricQueryOptions = {}): string {
  const source = sources[metric.source];
  const table = options.table ?? source.table;
  const levels = options.levels ?? regionLevels;
  const breakdowns = options.breakdowns ?? metric.breakdowns;
  const where = Object.entries(metric.where).map(([dim, values]) => `${ident(dim)} IN (${values.map(str).join(', ')})`);
  if (options.filter !== undefined) where.push(`(${options.filter})`);
  // A rate over nothing has no value: such rows are left out. A count of nothing is 0, and kept.
  const having = metric.denominator === null ? '' : `\nHAVING sum(${ident(metric.denominator)}) > 0`;
  const parts: string[] = [];
  for (const level of levels) {
    for (const breakdown of ['all', ...breakdowns.filter((b) => hasBreakdowns(level, b))]) {
      const category = breakdown === 'all' ? `'all'` : `CAST(${ident(breakdown)} AS VARCHAR)`;
      const conditions = [...where, `${ident(level)} IS NOT NULL`];
      parts.push(`SELECT ${str(metric.id)} AS metric, strftime(period, '%Y-%m-%d') AS period, ${str(level)} AS level,
  ${ident(level)} AS region, ${str(breakdown)} AS breakdown, ${category} AS category,
  ${sum(metric.numerator)} AS numerator, ${sum(metric.denominator)} AS denominator,
  ${sum(metric.population)} AS population, ${sum(metric.contributors)} AS contributors
FROM ${ident(table)}
WHERE ${conditions.join(' AND ')}
GROUP BY period, ${ident(level)}${breakdown === 'all' ? '' : `, ${ident(breakdown)}`}${having}`);
    }
  }
  return parts.join('\nUNION ALL\n');
}
