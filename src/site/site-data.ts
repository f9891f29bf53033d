/**
 * Build-time access to the data the pages show: the ingest summary
 * (public/data/summary.json), the policy document metadata
 * (data/campaigns/documents.json), the document texts (data/sources/) and the input-file
 * descriptions of the data contract (data/schemas/*.json).
 *
 * Everything is read from disk relative to the project root (the working directory of
 * `astro build`), validated with zod, and cached. Never import this from client code.
 */
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { regionLevelSchema, type RegionLevel } from '../lib/contract/published.ts';
import type { Locale } from '../lib/i18n.ts';
import { levelRank } from '../lib/contract/published-vocabulary.ts';

/** Project root: `astro build`, vitest and the scripts all run from it. */
const ROOT = process.cwd();

/** Where the ingest writes the summary, relative to the project root. */
export const SUMMARY_PATH = 'public/data/summary.json';

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'expected YYYY-MM-DD');
const isoDateLoose = z.string().regex(/^\d{4}(-\d{2}(-\d{2})?)?$/, 'expected YYYY[-MM[-DD]]');
const count = z.number().int().nonnegative();

/** One region covered by the data. */
export const summaryRegionSchema = z.object({
  code: z.string().regex(/^\d{6}$/, 'six-digit GB/T 2260 code'),
  level: regionLevelSchema,
  parent: z.string().regex(/^\d{6}$/).nullable(),
  name_zh: z.string().min(1),
  name_en: z.string().min(1),
  /**
   * Regions directly below it in the national division; when the data holds fewer of them,
   * the region is covered only in part (its figures are those of the regions it holds).
   */
  children_total: z.number().int().nonnegative(),
});

/** Row accounting for one input file. */
export const summaryFileSchema = z.object({
  file: z.string().min(1),
  rows_read: count,
  rows_accepted: count,
  rows_rejected: count,
});

/** The ingest summary the pages are built from (public/data/summary.json). */
export const summarySchema = z.object({
  synthetic: z.boolean(),
  source: z.string().min(1),
  vintage: isoDate,
  built_at: z.string().min(10),
  periods: z.array(isoDate),
  files: z.array(summaryFileSchema),
  regions: z.array(summaryRegionSchema),
});

/** The ingest summary. */
export type SiteSummary = z.infer<typeof summarySchema>;
/** One region of the summary. */
export type SummaryRegion = z.infer<typeof summaryRegionSchema>;
/** Row accounting for one input file. */
export type SummaryFile = z.infer<typeof summaryFileSchema>;

const transmittalSchema = z.object({
  issuer_zh: z.string().min(1),
  issuer_en: z.string().min(1),
  number: z.string().min(1).nullable(),
  date: isoDateLoose,
});

/** One policy document (data/campaigns/documents.json). */
export const policyDocumentSchema = z.object({
  id: z.string().regex(/^[a-z0-9-]+$/),
  file: z.string().regex(/^[\w.-]+\.txt$/),
  region_code: z.string().regex(/^\d{6}$/),
  place_zh: z.string().min(1),
  place_en: z.string().min(1),
  number: z.string().min(1).nullable(),
  date: isoDateLoose,
  issuer_zh: z.string().min(1),
  issuer_en: z.string().min(1),
  title_zh: z.string().min(1),
  title_en: z.string().min(1),
  summary_zh: z.string().min(1),
  summary_en: z.string().min(1),
  sets_zh: z.array(z.string().min(1)).min(1),
  sets_en: z.array(z.string().min(1)).min(1),
  transmittal: transmittalSchema.nullable(),
  note_zh: z.string().min(1).nullable(),
  note_en: z.string().min(1).nullable(),
});

/** One policy document. */
export type PolicyDocument = z.infer<typeof policyDocumentSchema>;

const documentsFileSchema = z.object({
  description: z.string(),
  documents: z.array(policyDocumentSchema).min(1),
});

const fileDescriptionSchema = z.object({
  file: z.string(),
  description: z.object({ zh: z.string(), en: z.string() }),
});

function readJson(relativePath: string): unknown {
  return JSON.parse(readFileSync(join(ROOT, relativePath), 'utf8'));
}

function describeIssues(error: z.ZodError): string {
  return error.issues.map((i) => `  ${i.path.join('.') || '(root)'}: ${i.message}`).join('\n');
}

let summaryCache: SiteSummary | undefined;

/**
 * The ingest summary, validated. Fails the build with instructions when the file is
 * missing or malformed.
 */
export function loadSummary(): SiteSummary {
  if (summaryCache) return summaryCache;
  if (!existsSync(join(ROOT, SUMMARY_PATH))) {
    throw new Error(
      `${SUMMARY_PATH} not found. The pages are built from the ingest summary: ` +
        'run `npm run data` (or `npm run build`, which runs it) first.',
    );
  }
  const parsed = summarySchema.safeParse(readJson(SUMMARY_PATH));
  if (!parsed.success) {
    throw new Error(
      `${SUMMARY_PATH} does not have the expected shape; re-run \`npm run data\`.\n` +
        describeIssues(parsed.error),
    );
  }
  summaryCache = parsed.data;
  return summaryCache;
}

let documentsCache: readonly PolicyDocument[] | undefined;

/** The five policy documents, in file order, validated (and their text files checked). */
export function loadDocuments(): readonly PolicyDocument[] {
  if (documentsCache) return documentsCache;
  const parsed = documentsFileSchema.safeParse(readJson('data/campaigns/documents.json'));
  if (!parsed.success) {
    throw new Error(`data/campaigns/documents.json is invalid:\n${describeIssues(parsed.error)}`);
  }
  const ids = new Set<string>();
  for (const doc of parsed.data.documents) {
    if (ids.has(doc.id)) throw new Error(`documents.json: duplicate id ${doc.id}`);
    ids.add(doc.id);
    if (!existsSync(join(ROOT, 'data/sources', doc.file))) {
      throw new Error(`documents.json: ${doc.id} names data/sources/${doc.file}, which is missing`);
    }
  }
  documentsCache = parsed.data.documents;
  return documentsCache;
}

/** The full text of a policy document, exactly as stored in data/sources/. */
export function readSourceText(file: string): string {
  if (!/^[\w.-]+\.txt$/.test(file)) throw new Error(`not a source text file name: ${file}`);
  return readFileSync(join(ROOT, 'data/sources', file), 'utf8');
}

/**
 * Bilingual descriptions of the input files, keyed by file name, taken from the data
 * contract (data/schemas/*.json). Files the contract does not describe are absent.
 */
export function loadFileDescriptions(): ReadonlyMap<string, { zh: string; en: string }> {
  const result = new Map<string, { zh: string; en: string }>();
  const dir = join(ROOT, 'data/schemas');
  if (!existsSync(dir)) return result;
  for (const name of readdirSync(dir).filter((n) => n.endsWith('.json')).sort()) {
    const parsed = fileDescriptionSchema.safeParse(readJson(join('data/schemas', name)));
    if (parsed.success) result.set(parsed.data.file, parsed.data.description);
  }
  return result;
}

/** The field suffix used in data files for each locale (`title_zh`, `title_en`). */
const SUFFIX: Readonly<Record<Locale, 'zh' | 'en'>> = { 'zh-CN': 'zh', en: 'en' };

/**
 * Pick the field for `locale` from a record with `<field>_zh` / `<field>_en` pairs:
 * `localized(region, 'name', 'en')` → `region.name_en`.
 */
export function localized<F extends string, T extends Record<`${F}_zh` | `${F}_en`, unknown>>(
  record: T,
  field: F,
  locale: Locale,
): T[`${F}_zh` | `${F}_en`] {
  return record[`${field}_${SUFFIX[locale]}`];
}

/** Number of regions at each level. */
export function countRegionsByLevel(regions: readonly SummaryRegion[]): Record<RegionLevel, number> {
  const counts: Record<RegionLevel, number> = { province: 0, prefecture: 0, county: 0 };
  for (const region of regions) counts[region.level] += 1;
  return counts;
}

/** Totals over all input files. */
export function totalRows(files: readonly SummaryFile[]): Omit<SummaryFile, 'file'> {
  return files.reduce(
    (acc, f) => ({
      rows_read: acc.rows_read + f.rows_read,
      rows_accepted: acc.rows_accepted + f.rows_accepted,
      rows_rejected: acc.rows_rejected + f.rows_rejected,
    }),
    { rows_read: 0, rows_accepted: 0, rows_rejected: 0 },
  );
}

/** Does every file satisfy rows read = rows accepted + rows rejected? */
export function rowsBalance(files: readonly SummaryFile[]): boolean {
  return files.every((f) => f.rows_read === f.rows_accepted + f.rows_rejected);
}

/**
 * Regions in reading order: each province followed by its prefectures, each prefecture
 * followed by its counties (a county directly under a province follows the province's
 * prefectures); codes ascending within a level.
 */
export function sortRegions(regions: readonly SummaryRegion[]): SummaryRegion[] {
  const byParent = new Map<string | null, SummaryRegion[]>();
  for (const region of regions) {
    const list = byParent.get(region.parent) ?? [];
    list.push(region);
    byParent.set(region.parent, list);
  }
  for (const list of byParent.values()) {
    list.sort((a, b) => levelRank(a.level) - levelRank(b.level) || a.code.localeCompare(b.code));
  }
  const codes = new Set(regions.map((r) => r.code));
  const out: SummaryRegion[] = [];
  const visit = (region: SummaryRegion): void => {
    out.push(region);
    for (const child of byParent.get(region.code) ?? []) visit(child);
  };
  const roots = regions
    .filter((r) => r.parent === null || !codes.has(r.parent))
    .sort((a, b) => a.code.localeCompare(b.code));
  for (const root of roots) visit(root);
  return out;
}
