import { metricDefinition, type MetricDefinition } from './metric-schema.ts';
import { sources } from './sources.ts';

/** A problem in a metric definition, with the file and path of the offending value. */
export interface MetricIssue {
  readonly file: string;
  readonly path: string;
  readonly message: string;
}

/**
 * Validates metric definitions (one per file) against the schema and the cubes they read:
 * measures, dimensions and values must exist, ids must be unique and match the file name,
 * rates need a denominator. Collects every issue.
 */
export function validateMetrics(files: Readonly<Record<string, unknown>>): { metrics: MetricDefinition[]; issues: MetricIssue[] } {
  const issues: MetricIssue[] = [];
  const metrics: MetricDefinition[] = [];
  for (const [file, raw] of Object.entries(files)) {
    const parsed = metricDefinition.safeParse(raw);
    if (!parsed.success) {
      for (const issue of parsed.error.issues) issues.push({ file, path: issue.path.join('.') || '(root)', message: issue.message });
      continue;
    }
    const m = parsed.data;
    const source = sources[m.source];
    const problem = (path: string, message: string) => issues.push({ file, path, message });
    if (!file.endsWith(`${m.id}.json`)) problem('id', `id ${m.id} does not match the file name`);
    for (const [field, measure] of [['numerator', m.numerator], ['denominator', m.denominator], ['population', m.population], ['contributors', m.contributors]] as const) {
      if (measure != null && !(measure in source.measures)) problem(field, `unknown measure ${measure} of ${m.source}; known: ${Object.keys(source.measures).join(', ')}`);
    }
    if (m.unit === 'rate' && m.denominator === null) problem('denominator', 'a rate needs a denominator');
    if (m.unit === 'count' && m.denominator !== null) problem('denominator', 'a count has no denominator');
    if (m.unit === 'rate' && m.still_lacks === undefined) problem('still_lacks', 'a rate needs still_lacks: what it still lacks, in words, in both languages');
    if (m.unit === 'count' && m.still_lacks !== undefined) problem('still_lacks', 'a count has no still_lacks (what a count lacks is the count missing)');
    if (m.region_page?.compare !== undefined && m.unit !== 'rate') problem('region_page.compare', 'region pages compare rates only');
    if (m.disclosure !== 'none' && m.population === null) problem('population', `disclosure by ${m.disclosure} needs a population measure`);
    // Disclosure control protects a cell by the unit counts its measures are computed from
    // (sources.ts): the metric's own population and contributors must be among them.
    const over = new Set([m.numerator, m.denominator].flatMap((id) => (id != null && id in source.measures ? source.measures[id]!.over : [])));
    for (const [field, measure] of [['population', m.population], ['contributors', m.contributors]] as const) {
      if (m.disclosure !== 'none' && measure != null && measure in source.measures && !over.has(measure)) {
        problem(field, `${measure} is not a unit count the numerator or denominator is computed from (${[...over].join(', ')}); add it to their "over" in sources.ts`);
      }
    }
    if (m.disclosure === 'none' && source.measures[m.numerator]?.kind !== 'none') problem('disclosure', `${m.numerator} is about ${m.source}: it needs disclosure control`);
    for (const [dim, values] of Object.entries(m.where)) {
      const allowed = source.dims[dim];
      if (allowed === undefined) problem(`where.${dim}`, `unknown dimension ${dim} of ${m.source}`);
      else for (const value of values) if (!allowed.includes(value)) problem(`where.${dim}`, `unknown ${dim} ${value}`);
    }
    for (const [i, dim] of m.breakdowns.entries()) {
      if (!(dim in source.dims)) problem(`breakdowns.${i}`, `unknown dimension ${dim} of ${m.source}`);
    }
    metrics.push(m);
  }
  const seen = new Set<string>();
  for (const m of metrics) {
    if (seen.has(m.id)) issues.push({ file: `${m.id}.json`, path: 'id', message: `duplicate metric id ${m.id}` });
    seen.add(m.id);
  }
  // The region pages' places: 1, 2, … n, each taken once.
  for (const role of ['key', 'compare'] as const) {
    const placed = metrics.filter((m) => m.region_page?.[role] !== undefined).sort((a, b) => a.region_page![role]! - b.region_page![role]!);
    placed.forEach((m, i) => {
      if (m.region_page![role] !== i + 1) {
        issues.push({ file: `${m.id}.json`, path: `region_page.${role}`, message: `${role} places must run 1, 2, 3… without gaps or repeats; ${m.id} has ${String(m.region_page![role])} where ${String(i + 1)} is due` });
      }
    });
  }
  return { metrics: metrics.sort((a, b) => a.id.localeCompare(b.id)), issues };
}

/** The metrics by id, or an error listing every issue with its file and path. */
export function createRegistry(files: Readonly<Record<string, unknown>>): ReadonlyMap<string, MetricDefinition> {
  const { metrics, issues } = validateMetrics(files);
  if (issues.length > 0) {
    throw new Error(`invalid metric definitions:\n${issues.map((i) => `  ${i.file}: ${i.path}: ${i.message}`).join('\n')}`);
  }
  return new Map(metrics.map((m) => [m.id, m]));
}
