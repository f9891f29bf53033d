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
