/**
 * Build-time access to the published, disclosure-protected outputs of the data pipeline:
 * public/data/metrics.json (metric values, target status rows, target definitions) and
 * public/data/manifest.json (file sizes, k), parsed with the schemas of the published data
 * contract (src/lib/contract/published.ts). The pages are built from these files only, never
 * from the warehouse.
 *
 * metrics.json is about 30 MB: it is read, validated and indexed once per build (a
 * module-level cache), and every page asks the indexes below for the few rows it shows.
 * Also reads the campaign phases from data/campaigns/*.yaml (they are not in metrics.json).
 *
 * Never import this from client code.
 */
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { constants, gzipSync } from 'node:zlib';
import { parse as parseYaml } from 'yaml';
import { largeDownloads } from '../lib/large-downloads.ts';
import { z } from 'zod';
import { phaseSchema, type Phase } from '../lib/campaigns/target-schema.ts';
import {
  manifestSchema,
  metricsFileSchema,
  type Manifest,
  type MetricRow,
  type MetricsFile,
  type StatusRow,
  type TargetDefinition,
} from '../lib/contract/published.ts';

const ROOT = process.cwd();

/** Where the pipeline publishes the metric values and target status rows. */
export const METRICS_PATH = 'public/data/metrics.json';
/** Where the pipeline publishes the manifest of the published files. */
export const MANIFEST_PATH = 'public/data/manifest.json';

/** The region code of the row that collects suppressed parts under a parent. */
export const OTHER_REGION = 'other';

const key = (...parts: (string | null | undefined)[]): string => parts.map((p) => p ?? '').join('|');

/** The published data with indexes for the pages. */
export interface Published {
  readonly vintage: string;
  readonly generatedAt: string;
  readonly synthetic: boolean;
  /** The disclosure threshold the data was published with. */
  readonly k: number;
  /** Every period that has a metric value, ascending. */
  readonly periods: readonly string[];
  readonly definitions: readonly TargetDefinition[];
  /** The values of a metric in a region over time (ascending), total or one group. */
  series(metric: string, region: string, group?: string | null): readonly MetricRow[];
  /** The value of a metric in a region at a period. */
  cell(metric: string, region: string, period: string, group?: string | null): MetricRow | undefined;
  /** The latest row of a metric in a region at or before `period` (default: the vintage). */
  latest(metric: string, region: string, group?: string | null, period?: string): MetricRow | undefined;
  /** The rows of a metric at a period whose parent is `parent` (including the `other` row). */
  children(metric: string, parent: string, period: string, group?: string | null): readonly MetricRow[];
  /** Every row of a metric (all regions, periods and groups), in file order. */
  metricRows(metric: string): readonly MetricRow[];
  /** The groups a metric is published for (empty for ungrouped metrics). */
  groups(metric: string): readonly string[];
  /** A target's status rows in a region over time (ascending). */
  targetSeries(target: string, region: string): readonly StatusRow[];
  /** A target's status rows in a region over time under another definition of its rate (ascending). */
  alternativeSeries(target: string, metric: string, region: string): readonly StatusRow[];
  /** A target's status row in a region at a period. */
  targetRow(target: string, region: string, period: string): StatusRow | undefined;
  /** A target's latest status row in a region. */
  latestTargetRow(target: string, region: string): StatusRow | undefined;
  /** The targets with status rows in a region, in definition order. */
  targetsForRegion(region: string): readonly TargetDefinition[];
  /** A target definition by id. */
  definition(id: string): TargetDefinition | undefined;
  /** The target definitions of a document, in file order. */
  definitionsOf(document: string): readonly TargetDefinition[];
  /** The target definitions that use a metric, as their own or as another definition of their rate. */
  definitionsFor(metric: string): readonly TargetDefinition[];
}

let cache: Published | undefined;

function describe(error: z.ZodError): string {
  return error.issues
    .slice(0, 10)
    .map((i) => `  ${i.path.join('.') || '(root)'}: ${i.message}`)
    .join('\n');
}

function push<K, V>(map: Map<K, V[]>, k: K, v: V): void {
  const list = map.get(k);
  if (list) list.push(v);
  else map.set(k, [v]);
}

const byPeriod = (a: { period: string }, b: { period: string }): number => a.period.localeCompare(b.period);

/** metrics.json of a build with data (it has a vintage), as the pages need it. */
export type SiteMetricsFile = MetricsFile & { readonly vintage: string };

let metricsFile: SiteMetricsFile | undefined;

/**
 * metrics.json as published, parsed with the contract's schema once per build. The pages use
 * its indexes (loadPublished); the explorer reads the rows and definitions as they are.
 */
export function loadMetricsFile(): SiteMetricsFile {
  if (metricsFile) return metricsFile;
  const path = join(ROOT, METRICS_PATH);
  if (!existsSync(path)) {
    throw new Error(`${METRICS_PATH} not found. The pages are built from it: run \`npm run data\` first.`);
  }
  const parsed = metricsFileSchema.safeParse(JSON.parse(readFileSync(path, 'utf8')));
  if (!parsed.success) {
    throw new Error(`${METRICS_PATH} does not have the expected shape; re-run \`npm run data\`.\n${describe(parsed.error)}`);
  }
  const { vintage } = parsed.data;
  if (vintage === null) throw new Error(`${METRICS_PATH} has no vintage: the submission it was built from has no period.`);
  metricsFile = { ...parsed.data, vintage };
  return metricsFile;
}

/** The published data, read, validated and indexed once per build. */
export function loadPublished(): Published {
  if (cache) return cache;
  const data = loadMetricsFile();

  const seriesIndex = new Map<string, MetricRow[]>();
  const cellIndex = new Map<string, MetricRow>();
  const childIndex = new Map<string, MetricRow[]>();
  const rowsByMetric = new Map<string, MetricRow[]>();
  const groupsByMetric = new Map<string, Set<string>>();
  const periodSet = new Set<string>();
  for (const row of data.metrics) {
    const group = row.group ?? null;
    periodSet.add(row.period);
    push(rowsByMetric, row.metric, row);
    if (group !== null) {
      const set = groupsByMetric.get(row.metric) ?? new Set<string>();
      set.add(group);
      groupsByMetric.set(row.metric, set);
    }
    if (row.parent !== null) push(childIndex, key(row.metric, row.parent, row.period, group), row);
    if (row.region === OTHER_REGION) continue;
    push(seriesIndex, key(row.metric, row.region, group), row);
    cellIndex.set(key(row.metric, row.region, row.period, group), row);
  }
  for (const list of seriesIndex.values()) list.sort(byPeriod);

  const targetIndex = new Map<string, StatusRow[]>();
  const alternativeIndex = new Map<string, StatusRow[]>();
  const targetsByRegion = new Map<string, Set<string>>();
  for (const row of data.targets) {
    if (!row.headline) {
      push(alternativeIndex, key(row.target, row.metric ?? '', row.region), row);
      continue;
    }
    push(targetIndex, key(row.target, row.region), row);
    const set = targetsByRegion.get(row.region) ?? new Set<string>();
    set.add(row.target);
    targetsByRegion.set(row.region, set);
  }
  for (const list of [...targetIndex.values(), ...alternativeIndex.values()]) list.sort(byPeriod);
  const targetRowIndex = new Map<string, StatusRow>();
  for (const row of data.targets) if (row.headline) targetRowIndex.set(key(row.target, row.region, row.period), row);

  const definitions = data.target_definitions;
  const definitionById = new Map(definitions.map((d) => [d.id, d]));
  const periods = [...periodSet].sort();

  cache = {
    vintage: data.vintage,
    generatedAt: data.generated_at,
    synthetic: data.synthetic,
    k: data.k,
    periods,
    definitions,
    series: (metric, region, group = null) => seriesIndex.get(key(metric, region, group)) ?? [],
    cell: (metric, region, p, group = null) => cellIndex.get(key(metric, region, p, group)),
    latest: (metric, region, group = null, p = data.vintage) =>
      (seriesIndex.get(key(metric, region, group)) ?? []).filter((r) => r.period <= p).at(-1),
    children: (metric, parent, p, group = null) => childIndex.get(key(metric, parent, p, group)) ?? [],
    metricRows: (metric) => rowsByMetric.get(metric) ?? [],
    groups: (metric) => [...(groupsByMetric.get(metric) ?? [])],
    targetSeries: (target, region) => targetIndex.get(key(target, region)) ?? [],
    targetRow: (target, region, p) => targetRowIndex.get(key(target, region, p)),
    alternativeSeries: (target, metric, region) => alternativeIndex.get(key(target, metric, region)) ?? [],
    latestTargetRow: (target, region) => (targetIndex.get(key(target, region)) ?? []).at(-1),
    targetsForRegion: (region) => {
      const ids = targetsByRegion.get(region);
      return ids === undefined ? [] : definitions.filter((d) => ids.has(d.id));
    },
    definition: (id) => definitionById.get(id),
    definitionsOf: (document) => definitions.filter((d) => d.document === document),
    definitionsFor: (metric) => definitions.filter((d) => d.metric === metric || d.alternatives.includes(metric)),
  };
  return cache;
}

let manifestCache: Manifest | undefined;

/** The manifest of the published files (sizes, rows, checksums, k). */
export function loadManifest(): Manifest {
  if (manifestCache) return manifestCache;
  const path = join(ROOT, MANIFEST_PATH);
  if (!existsSync(path)) throw new Error(`${MANIFEST_PATH} not found: run \`npm run data\` first.`);
  const parsed = manifestSchema.safeParse(JSON.parse(readFileSync(path, 'utf8')));
  if (!parsed.success) throw new Error(`${MANIFEST_PATH} is malformed:\n${describe(parsed.error)}`);
  manifestCache = parsed.data;
  return manifestCache;
}

/** The published files the site serves gzip-compressed only (src/lib/large-downloads.ts), from the manifest's sizes. */
export function largePublishedFiles(): string[] {
  return largeDownloads(loadManifest().files);
}

const compressed = new Map<string, Uint8Array>();

/** A published file of public/data, gzip-compressed (made once per build). */
export function compressedPublishedFile(file: string): Uint8Array {
  if (!largePublishedFiles().includes(file)) throw new Error(`not a large published file: ${file}`);
  let bytes = compressed.get(file);
  if (bytes === undefined) {
    bytes = gzipSync(readFileSync(join(ROOT, 'public/data', file)), { level: constants.Z_BEST_COMPRESSION });
    compressed.set(file, bytes);
  }
  return bytes;
}

/** Size in bytes of a published file in public/data (e.g. `summary.json`), or null if absent. */
export function publishedFileSize(file: string): number | null {
  if (!/^[\w.-]+$/.test(file)) throw new Error(`not a published file name: ${file}`);
  const listed = loadManifest().files.find((f) => f.file === file);
  if (listed) return listed.bytes;
  const path = join(ROOT, 'public/data', file);
  return existsSync(path) ? readFileSync(path).byteLength : null;
}

const campaignFileSchema = z.object({ document: z.string(), phases: z.array(phaseSchema).default([]) });

let phasesCache: ReadonlyMap<string, readonly Phase[]> | undefined;

/**
 * The phases of each document's campaign, as its target file (data/campaigns/*.yaml) dates
 * them, keyed by document id. The target files are validated by the data pipeline; here only
 * the phases are read.
 */
export function loadPhases(): ReadonlyMap<string, readonly Phase[]> {
  if (phasesCache) return phasesCache;
  const dir = join(ROOT, 'data/campaigns');
  const result = new Map<string, readonly Phase[]>();
  for (const name of readdirSync(dir).filter((n) => n.endsWith('.yaml')).sort()) {
    const parsed = campaignFileSchema.safeParse(parseYaml(readFileSync(join(dir, name), 'utf8')));
    if (!parsed.success) throw new Error(`data/campaigns/${name}: phases malformed:\n${describe(parsed.error)}`);
    result.set(parsed.data.document, parsed.data.phases);
  }
  phasesCache = result;
  return phasesCache;
}

/** The phases of one document's campaign (empty when it names none). */
export function phasesOf(document: string): readonly Phase[] {
  return loadPhases().get(document) ?? [];
}
