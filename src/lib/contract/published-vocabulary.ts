/**
 * The vocabulary of the published data contract, as plain data: region levels, target
 * statuses, comparator kinds and the columns of the published cube with their DuckDB and
 * Arrow types. The zod schemas built on it are in published.ts, which re-exports all of this.
 *
 * No zod and no Node APIs here: the explorer imports these values in the browser, and its
 * bundle must not grow by a schema library. Everything else imports them from published.ts.
 */

/** Region levels, from the top. */
export const regionLevels = ['province', 'prefecture', 'county'] as const;
/** A region level. */
export type RegionLevel = (typeof regionLevels)[number];

/** The rank of a level from the top (province 0, prefecture 1, county 2), for sorting. */
export function levelRank(level: RegionLevel): number {
  return regionLevels.indexOf(level);
}

/**
 * The levels at which each breakdown dimension is published; the others get its totals only,
 * and counties get totals only. The enterprise dimensions (ownership, industry, size band) are
 * published for provinces only: published for prefectures too, beside the province's, they
 * made every prefecture's categories a sum the attacker holds, and the interval of a withheld
 * value then depended on the whole province at once, which neither the audit nor the interval
 * repair can bound on large provinces (docs/disclosure.md, "What makes the large blocks
 * hard"). The eight groups, a campaign's own breakdown whose blocks are small (counties ×
 * groups), keep their prefectures.
 */
export const breakdownLevels: Readonly<Record<string, readonly RegionLevel[]>> = {
  ownership: ['province'],
  industry: ['province'],
  size_band: ['province'],
  group: ['province', 'prefecture'],
};

/** Are regions of `level` published by the categories of `dimension`? */
export function hasBreakdowns(level: RegionLevel, dimension: string): boolean {
  return breakdownLevels[dimension]?.includes(level) ?? false;
}

/**
 * Where a target stands in a region at a period (the `status` of a metrics.json status row):
 * a level by a deadline is on track, at risk or off track before it and met or missed from it
 * on; a standing rule is compliant or not; an increase has Open SDG's classes (substantial,
 * moderate or limited progress, deterioration); `baseline` is the starting point (not judged);
 * `tracked` a requirement that is shown, not judged; `no_data` and `suppressed` when there is
 * no value to judge.
 */
export const targetStatuses = [
  'on_track', 'at_risk', 'off_track', 'met', 'missed', 'compliant', 'not_compliant',
  'substantial_progress', 'moderate_progress', 'limited_progress', 'deterioration',
  'baseline', 'tracked', 'no_data', 'suppressed',
] as const;
/** A target status. */
export type TargetStatus = (typeof targetStatuses)[number];

/** The comparator kinds (how a target is judged), in the order the site documents them. */
export const comparatorTypes = ['at_least', 'all', 'increase', 'between', 'tracked'] as const;
/** A comparator kind. */
export type ComparatorType = (typeof comparatorTypes)[number];

/** How the cube's exports store a column in Arrow: codes as dictionaries, counts as 32-bit integers. */
export type ArrowColumnType = 'utf8-dictionary' | 'int32' | 'float64' | 'bool';

/**
 * The columns of a published cube cell, in order: `[name, DuckDB type, Arrow type]`. The
 * warehouse table `published_cells`, cube.parquet, cube.csv and cube.arrow have exactly these
 * columns in this order. Counts (numerator, denominator, population) are DOUBLE in DuckDB and
 * whole numbers, so cube.arrow stores them as 32-bit integers; `value` (a rate, or a count) as
 * a 64-bit float.
 */
export const publishedColumns = [
  ['metric', 'VARCHAR', 'utf8-dictionary'],
  ['period', 'VARCHAR', 'utf8-dictionary'],
  ['level', 'VARCHAR', 'utf8-dictionary'],
  ['region', 'VARCHAR', 'utf8-dictionary'],
  ['parent', 'VARCHAR', 'utf8-dictionary'],
  ['breakdown', 'VARCHAR', 'utf8-dictionary'],
  ['category', 'VARCHAR', 'utf8-dictionary'],
  ['numerator', 'DOUBLE', 'int32'],
  ['denominator', 'DOUBLE', 'int32'],
  ['population', 'DOUBLE', 'int32'],
  ['value', 'DOUBLE', 'float64'],
  ['suppressed', 'BOOLEAN', 'bool'],
] as const satisfies readonly (readonly [string, 'VARCHAR' | 'DOUBLE' | 'BOOLEAN', ArrowColumnType])[];
/** The name of a published cube column. */
export type PublishedColumnName = (typeof publishedColumns)[number][0];
