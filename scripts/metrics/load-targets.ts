import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import documents from '../../data/campaigns/documents.json' with { type: 'json' };
import { checkClauses } from '../../src/lib/campaigns/clauses.ts';
import { loadAllTargets, type LoadedTarget, type MetricMap, type TargetError } from '../../src/lib/campaigns/validate-targets.ts';
import type { TargetFile } from '../../src/lib/campaigns/target-schema.ts';
import type { MetricDefinition } from '../../src/lib/metrics/metric-schema.ts';

/** Target or metric definitions that do not hold: the build stops and names each file and field. */
export class DefinitionError extends Error {
  override readonly name = 'DefinitionError';
}

/** A document of data/campaigns/documents.json. */
export type CampaignDocument = (typeof documents.documents)[number];

/**
 * Reads every data/campaigns/*.yaml, validates it against the metrics and documents, and
 * checks that every quoted clause stands verbatim in its document's text. Throws a
 * DefinitionError listing every problem.
 */
export function loadTargets(metrics: ReadonlyMap<string, MetricDefinition>, dir = 'data/campaigns'): {
  targets: LoadedTarget[];
  files: Record<string, TargetFile>;
  documents: readonly CampaignDocument[];
} {
  const texts: Record<string, string> = {};
  for (const name of readdirSync(dir).filter((n) => n.endsWith('.yaml')).sort()) texts[join(dir, name)] = readFileSync(join(dir, name), 'utf8');
  const metricMap: MetricMap = new Map([...metrics.values()].map((m) => [m.id, { unit: m.unit, grouped: m.breakdowns.includes('group'), ...(m.definition === undefined ? {} : { definition: m.definition }) }]));
  const { targets, files, errors } = loadAllTargets(texts, metricMap, documents.documents.map((d) => d.id));
  const problems: TargetError[] = [...errors];
  for (const [file, parsed] of Object.entries(files)) {
    const document = documents.documents.find((d) => d.id === parsed.document);
    if (document === undefined) continue;
    problems.push(...checkClauses(parsed, file, readFileSync(join('data/sources', document.file), 'utf8'), document.file));
  }
  if (problems.length > 0) {
    throw new DefinitionError(`invalid campaign targets:\n${problems.map((e) => `  ${e.file}${e.line === undefined ? '' : `:${e.line}`}: ${e.path}: ${e.message}`).join('\n')}`);
  }
  return { targets, files, documents: documents.documents };
}
