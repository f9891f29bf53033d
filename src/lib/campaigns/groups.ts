/**
 * The eight groups (八大群体) a target may name, and which metrics are broken down by them.
 * The codes come from the input contract (data/schemas/enums.json), so that a target's group
 * is always a value the groups file can hold.
 */
import enums from '../../../data/schemas/enums.json' with { type: 'json' };

/** The eight group codes, in the contract's order (truck_driver … security_guard). */
export const GROUP_CODES: readonly string[] = enums.group.values.map((v) => v.code);

/** Metrics reported per group; a target of any other metric takes no group. */
export const GROUPED_METRICS: ReadonlySet<string> = new Set(['group_enrollment_rate']);

/** What the validator needs to know about a metric. `grouped` defaults to membership of GROUPED_METRICS. */
export interface MetricInfo {
  readonly unit: 'rate' | 'count';
  readonly grouped?: boolean;
  /** For member rates: which definition of 入会率 the metric is. */
  readonly definition?: 'survey' | 'federation';
}

/** Does the metric take a group? */
export function metricHasGroups(id: string, info: MetricInfo | undefined): boolean {
  return info?.grouped ?? GROUPED_METRICS.has(id);
}
