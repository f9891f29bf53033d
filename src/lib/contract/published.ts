/**
 * The published data contract: the zod schemas, and the types inferred from them, of what
 * the build publishes in public/data and the pages, the explorer, the bench and the tests
 * read back. One owner for every shape:
 *
 * - a cube cell (a row of published_cells, cube.arrow, cube.parquet and cube.csv);
 * - metrics.json: its metric rows, target status rows and target definitions;
 * - manifest.json and its file entries;
 * - the vocabularies they use: region levels, target statuses, comparators, and the cube's
 *   columns with their DuckDB and Arrow types (plain data in published-vocabulary.ts,
 *   re-exported here).
 *
 * The build writes objects of these types (scripts/metrics/, scripts/ingest/run-ingest.ts);
 * whoever reads metrics.json or manifest.json parses it with these schemas rather than casting
 * it (src/site/site-published.ts for the pages and the explorer, the bench, the tests).
 * summary.json is described by src/site/site-data.ts. The campaign target files
 * (data/campaigns/*.yaml) use the comparator schema of this module too: a published target's
 * comparator is the one its file gives.
 */
import { z } from 'zod';
import { breakdownLevels, comparatorTypes, hasBreakdowns, publishedColumns, regionLevels, targetStatuses } from './published-vocabulary.ts';

export { breakdownLevels, comparatorTypes, hasBreakdowns, publishedColumns, regionLevels, targetStatuses };
export type { ArrowColumnType, ComparatorType, PublishedColumnName, RegionLevel, TargetStatus } from './published-vocabulary.ts';

/** A date written YYYY-MM-DD (a period, a baseline, a deadline). */
const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);
/** A published number, or null where it is withheld or does not apply. */
const amount = z.number().nullable();
const bilingual = z.object({ zh: z.string(), en: z.string() });

/** A region level. */
export const regionLevelSchema = z.enum(regionLevels);

/** A target status. */
export const targetStatusSchema = z.enum(targetStatuses);

/**
 * How a target is judged (strict: a target file with another key is refused).
 * - `at_least {value}`: the metric is at least `value` (rates as ratios 0–1, counts as counts).
 * - `all`: full coverage, 100% (应建尽建, "every enterprise").
 * - `increase`: higher than at the same period a year before.
 * - `between {min, max}`: a range the document gives, such as "10–20 sites".
 * - `tracked`: named without a number; shown, not judged.
 */
export const comparatorSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('at_least'), value: z.number() }).strict(),
  z.object({ type: z.literal('all') }).strict(),
  z.object({ type: z.literal('increase') }).strict(),
  z.object({ type: z.literal('between'), min: z.number(), max: z.number() }).strict(),
  z.object({ type: z.literal('tracked') }).strict(),
]);

/**
 * One published cell: a metric's value for a period, region and breakdown category, or its
 * suppression (then numerator, denominator, population and value are null). The keys are the
 * columns of `publishedColumns`, in the same order.
 */
export const publishedCellSchema = z.object({
  metric: z.string(),
  period: day,
  level: regionLevelSchema,
  /** Region code, or 'other' for the regions below `parent` not shown separately. */
  region: z.string(),
  parent: z.string().nullable(),
  /** A breakdown dimension, or 'all' for the total. */
  breakdown: z.string(),
  /** A category of the breakdown ('all' for the total; 'other' for categories held together). */
  category: z.string(),
  numerator: amount,
  denominator: amount,
  population: amount,
  /** numerator / denominator for a rate (a ratio 0–1, 8 decimals), the numerator for a count. */
  value: amount,
  suppressed: z.boolean(),
});

/**
 * A row of metrics.json `metrics`: a metric's total for a region and period (a cube cell of
 * breakdown 'all'), or for one of the eight groups (breakdown 'group': `group` is the category).
 */
export const metricRowSchema = z.object({
  metric: z.string(),
  period: day,
  level: regionLevelSchema,
  region: z.string(),
  parent: z.string().nullable(),
  numerator: amount,
  denominator: amount,
  population: amount,
  value: amount,
  suppressed: z.boolean(),
  /** The group code; absent on a total. */
  group: z.string().optional(),
});

/** A row of metrics.json `targets`: where a target stands in one region at one period. */
export const statusRowSchema = z.object({
  target: z.string(),
  metric: z.string().nullable(),
  /**
   * True for the target's own metric. A rate target whose document does not say which rate it
   * means is judged under the other definition too (`alternatives` of its definition): those
   * rows have `headline` false and that metric.
   */
  headline: z.boolean(),
  region: z.string(),
  period: day,
  /** The value at this period (which, from the deadline on, is not the one the status was judged on). */
  value: amount,
  /** The level to reach (1 for "all" of a rate; the bottom of a range); null for an increase. */
  target_value: amount,
  /** Target minus value at this period: in points of percentage for rates (55% − 52.3% = 2.7), in units for counts. */
  gap: amount,
  /**
   * The fewest units that, added to the numerator at this period, would meet the target: for
   * "at least X" of a rate ceil(X × denominator − numerator), for "all" the units without, for
   * a count the count missing; 0 once met. Null where withheld, and for increases.
   */
  needed_to_meet: amount,
  /** Value expected at this period on the straight path to the target (before the deadline). */
  expected: amount,
  /** Value at the deadline if the recent trend continues (before the deadline only). */
  projected: amount,
  /**
   * The period and value the status was judged on: this row's own before the deadline, the
   * last period not after the deadline from then on; null where there is no verdict.
   */
  judged_period: day.nullable(),
  judged_value: amount,
  /** The gap at the judged period. */
  judged_gap: amount,
  /**
   * What the class was computed from: the progress ratio before a deadline (change over the
   * change due), the annual growth since the baseline for an increase; null otherwise.
   */
  progress: amount,
  /** First period, after the baseline and not after the deadline, at which the level was reached. */
  first_met: day.nullable(),
  status: targetStatusSchema,
});

/** A row of metrics.json `target_definitions`: what a target asks, and where it comes from. */
export const targetDefinitionSchema = z.object({
  id: z.string(),
  document: z.string(),
  document_number: z.string().nullable(),
  /** YYYY-MM-DD, or YYYY where the document gives only a year. */
  document_date: z.string(),
  issuer: bilingual,
  label: bilingual,
  /** Null for a requirement no metric measures (it has no status rows). */
  metric: z.string().nullable(),
  /** Metrics of the other definitions of the rate the target is judged on too (status rows with `headline` false). */
  alternatives: z.array(z.string()),
  group: z.string().nullable(),
  /** The region the target applies to, and every region below it. */
  scope: z.string().regex(/^\d{6}$/),
  comparator: comparatorSchema,
  baseline: day,
  deadline: day.nullable(),
  milestones: z.array(z.object({ date: day, label: bilingual })),
  clause: z.object({ section: z.string(), zh: z.string(), en: z.string() }),
  note: bilingual.nullable(),
});

/** metrics.json: the metric totals, the target status rows and the target definitions. */
export const metricsFileSchema = z.object({
  /** The latest period of the data; null when no file of the submission has a period. */
  vintage: day.nullable(),
  generated_at: z.string(),
  synthetic: z.boolean(),
  /** The disclosure threshold the data was published with. */
  k: z.number().int().positive(),
  metrics: z.array(metricRowSchema),
  targets: z.array(statusRowSchema),
  target_definitions: z.array(targetDefinitionSchema),
});

/** One published file, as manifest.json lists it. */
export const manifestFileSchema = z.object({
  file: z.string(),
  format: z.enum(['json', 'arrow', 'parquet', 'csv']),
  bytes: z.number().int().nonnegative(),
  rows: z.number().int().nonnegative(),
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
  description: z.string(),
});

/** manifest.json: the published files with their sizes, rows and checksums, and k. */
export const manifestSchema = z.object({
  /** As in metrics.json. */
  vintage: day.nullable(),
  generated_at: z.string(),
  synthetic: z.boolean(),
  k: z.number().int().positive(),
  files: z.array(manifestFileSchema),
});

/** How a target is judged. */
export type Comparator = z.infer<typeof comparatorSchema>;
/** One published cube cell. */
export type PublishedCell = z.infer<typeof publishedCellSchema>;
/** One metrics.json metric row. Rates are ratios 0–1. */
export type MetricRow = z.infer<typeof metricRowSchema>;
/** One metrics.json target status row. */
export type StatusRow = z.infer<typeof statusRowSchema>;
/** One metrics.json target definition. */
export type TargetDefinition = z.infer<typeof targetDefinitionSchema>;
/** metrics.json. */
export type MetricsFile = z.infer<typeof metricsFileSchema>;
/** A manifest.json file entry. */
export type ManifestFile = z.infer<typeof manifestFileSchema>;
/** manifest.json. */
export type Manifest = z.infer<typeof manifestSchema>;
