import type { LoadedTarget } from '../../src/lib/campaigns/validate-targets.ts';
import type { MetricDefinition } from '../../src/lib/metrics/metric-schema.ts';
import type { MetricRow, StatusRow, TargetDefinition } from '../../src/lib/contract/published.ts';
import { metricAccumulation } from '../../src/lib/metrics/metric-accumulation.ts';
import { targetStatus, type MetricPoint } from '../../src/lib/status/target-status.ts';
import type { CampaignDocument } from './load-targets.ts';

/**
 * Status rows of every target, in its scope region and every region below it, at every period
 * from its baseline, computed from the published (protected) metric rows only. Targets that
 * no metric measures get their definition but no status rows.
 */
export function publishTargets(
  targets: readonly LoadedTarget[],
  documents: readonly CampaignDocument[],
  metrics: ReadonlyMap<string, MetricDefinition>,
  rows: readonly MetricRow[],
  parentOf: (region: string) => string | null,
): { definitions: TargetDefinition[]; status: StatusRow[] } {
  const series = new Map<string, MetricPoint[]>();
  for (const r of rows) {
    if (r.region === 'other') continue;
    const key = `${r.metric}|${r.group ?? ''}|${r.region}`;
    if (!series.has(key)) series.set(key, []);
    series.get(key)!.push(r);
  }
  const within = (region: string, scope: string): boolean => {
    for (let r: string | null = region; r !== null; r = parentOf(r)) if (r === scope) return true;
    return false;
  };
  const definitions: TargetDefinition[] = [];
  const status: StatusRow[] = [];
  for (const target of targets) {
    const document = documents.find((d) => d.id === target.document)!;
    definitions.push({
      id: target.id,
      document: target.document,
      document_number: document.number,
      document_date: document.date,
      issuer: { zh: document.issuer_zh, en: document.issuer_en },
      label: target.label,
      metric: target.metric,
      alternatives: target.alternatives,
      group: target.group ?? null,
      scope: target.scope,
      comparator: target.comparator,
      baseline: target.baseline,
      deadline: target.deadline,
      milestones: target.milestones,
      clause: target.clause,
      note: target.note ?? null,
    });
    if (target.metric === null) continue;
    for (const metricId of [target.metric, ...target.alternatives]) {
      const metric = metrics.get(metricId)!;
      const how = { unit: metric.unit, accumulation: metricAccumulation(metric) };
      for (const [key, points] of series) {
        const [id, group, region] = key.split('|') as [string, string, string];
        if (id !== metricId || group !== (target.group ?? '') || !within(region, target.scope)) continue;
        const rows = targetStatus({ ...target, metric: metricId, deadline: target.deadline ?? null }, region, points, how);
        status.push(...(metricId === target.metric ? rows : rows.map((r) => ({ ...r, headline: false }))));
      }
    }
  }
  return { definitions, status };
}
