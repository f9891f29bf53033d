/**
 * Build-time access to the metric definitions (data/metrics/*.json) for the pages.
 *
 * The files are bundled with Vite's import.meta.glob, so this module has no node:*
 * imports, and validated with the same registry the data pipeline uses
 * (src/lib/metrics/registry.ts): an invalid definition fails the build with the file and
 * path of every problem. Use it from page frontmatter or components, not from scripts run
 * under plain Node (they have scripts/metrics/load-metrics.ts).
 */
import type { Locale } from './i18n.ts';
import type { MetricDefinition } from './metrics/metric-schema.ts';
import { createRegistry } from './metrics/registry.ts';
import { sources, type SourceId } from './metrics/sources.ts';

const files: Record<string, unknown> = import.meta.glob('/data/metrics/*.json', {
  eager: true,
  import: 'default',
});

let cache: readonly MetricDefinition[] | undefined;

/** Every metric definition, validated, sorted by id. */
export function loadSiteMetrics(): readonly MetricDefinition[] {
  if (cache) return cache;
  if (Object.keys(files).length === 0) throw new Error('site-metrics: no data/metrics/*.json found');
  cache = [...createRegistry(files).values()];
  return cache;
}

/** The metric sources in the order the pages present them (the order of sources.ts). */
export const SOURCE_ORDER = Object.keys(sources) as SourceId[];

/** Metrics grouped by the source (cube) they are computed from, in SOURCE_ORDER; empty groups left out. */
export function metricsBySource(
  metrics: readonly MetricDefinition[],
): { source: SourceId; metrics: MetricDefinition[] }[] {
  return SOURCE_ORDER.map((source) => ({
    source,
    metrics: metrics.filter((m) => m.source === source),
  })).filter((group) => group.metrics.length > 0);
}

/** A metric's label in a locale. */
export function metricLabel(metric: MetricDefinition, locale: Locale): string {
  return locale === 'en' ? metric.label.en : metric.label.zh;
}

/** A metric's description (its definition in words) in a locale. */
export function metricDescription(metric: MetricDefinition, locale: Locale): string {
  return locale === 'en' ? metric.description.en : metric.description.zh;
}

/** The anchor of a metric's row on the method page: `/method/#metric-<id>`. */
export function metricAnchor(id: string): string {
  return `metric-${id}`;
}
