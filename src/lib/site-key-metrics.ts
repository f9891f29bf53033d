/**
 * The metrics the region pages lead with, and the two the region comparisons plot. Every
 * metric has its own page; these are the headline ones of the campaigns: union coverage
 * (all enterprises, 50+ employees), the member rate under both definitions of 入会率, the
 * migrant-worker and eight-group enrollment rates.
 */

/** Key figures and trend panels of a region page, in this order. */
export const KEY_METRICS: readonly string[] = [
  'coverage_all',
  'coverage_50plus',
  'member_rate',
  'member_rate_unionized',
  'migrant_enrollment_rate',
  'group_enrollment_rate',
];

/** The rates a region page compares the regions below it on (dot plot). */
export const COMPARE_METRICS: readonly string[] = ['coverage_all', 'member_rate'];

/**
 * The definitions of metric ids, in order; an id with no definition fails the build, naming it
 * (a renamed metric must not vanish silently from every region page).
 */
export function keyMetricDefinitions<M extends { readonly id: string }>(ids: readonly string[], metrics: ReadonlyMap<string, M>): M[] {
  return ids.map((id) => {
    const metric = metrics.get(id);
    if (metric === undefined) throw new Error(`site-key-metrics: no metric ${id} in data/metrics/; known: ${[...metrics.keys()].sort().join(', ')}`);
    return metric;
  });
}
