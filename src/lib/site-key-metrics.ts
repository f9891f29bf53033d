/**
 * The metrics the region pages lead with (key figures and trend panels) and the rates they
 * compare the regions below on, in order: each metric says so itself, in its definition's
 * `region_page` (data/metrics/<id>.json, validated in registry.ts: places 1, 2, … n).
 */
import type { MetricDefinition } from './metrics/metric-schema.ts';

/** The metrics with a place in a region page role, in that order. */
function placed(metrics: Iterable<MetricDefinition>, role: 'key' | 'compare'): MetricDefinition[] {
  return [...metrics].filter((m) => m.region_page?.[role] !== undefined).sort((a, b) => a.region_page![role]! - b.region_page![role]!);
}

/** Key figures and trend panels of a region page, in order. */
export function regionKeyMetrics(metrics: Iterable<MetricDefinition>): MetricDefinition[] {
  return placed(metrics, 'key');
}

/** The rates a region page compares the regions below it on (dot plot), in order. */
export function regionCompareMetrics(metrics: Iterable<MetricDefinition>): MetricDefinition[] {
  return placed(metrics, 'compare');
}
