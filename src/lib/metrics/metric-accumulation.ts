import { contract } from '../contract/contract.ts';
import type { MetricDefinition } from './metric-schema.ts';

/**
 * How a metric's value accumulates over time: `year` for a reported count of indicators that
 * the contract says restart every calendar year (sites designated this year), `stock` for
 * everything else (a value as it stands at the period). Targets on `year` metrics are judged
 * within their deadline's year.
 */
export function metricAccumulation(metric: Pick<MetricDefinition, 'source' | 'where'>): 'stock' | 'year' {
  if (metric.source !== 'reported') return 'stock';
  const codes = metric.where.indicator ?? [];
  const values = contract.enums.indicator!.values.filter((v) => codes.includes(v.code));
  const kinds = new Set(values.map((v) => v.accumulation ?? 'stock'));
  if (kinds.size > 1) throw new Error(`metric adds up stocks and counts within the year: ${codes.join(', ')}`);
  return kinds.has('year') ? 'year' : 'stock';
}
