import { ident } from '../../src/lib/sql/quote.ts';
import type { MetricSource } from '../../src/lib/metrics/sources.ts';

/**
 * The aggregate columns of a source's measures, in column order, each computed as its
 * definition says (src/lib/metrics/sources.ts, `Measure.sql`).
 */
export function measureColumns(source: MetricSource, indent = '  '): string {
  return Object.entries(source.measures)
    .map(([id, measure]) => `${measure.sql} AS ${ident(id)}`)
    .join(`,\n${indent}`);
}
