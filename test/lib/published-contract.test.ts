/**
 * The published data contract (src/lib/contract/published.ts): a small metrics.json and
 * manifest.json as the ingest writes them parse unchanged, a malformed row is refused with a
 * message naming its path, and the vocabularies agree with the schemas built on them. When
 * `npm run data` has run, the files in public/data parse too.
 */
import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import {
  comparatorSchema,
  comparatorTypes,
  manifestSchema,
  metricsFileSchema,
  publishedCellSchema,
  publishedColumns,
  regionLevels,
  regionLevelSchema,
  targetStatuses,
  statusRowSchema,
  type Manifest,
  type MetricsFile,
} from '../../src/lib/contract/published.ts';

const bilingual = (zh: string, en: string) => ({ zh, en });

/** A metrics.json of a few rows, each kind of row once, in the shape and key order the ingest writes. */
const metricsSample: MetricsFile = {
  vintage: '2024-12-31',
  generated_at: '2023-11-14T22:13:20.000Z',
  synthetic: true,
  k: 5,
  metrics: [
    { metric: 'coverage_all', period: '2020-12-31', level: 'province', region: '640000', parent: null, numerator: 812, denominator: 1000, population: 1000, value: 0.812, suppressed: false },
    { metric: 'coverage_all', period: '2020-12-31', level: 'county', region: '640104', parent: '640100', numerator: null, denominator: null, population: null, value: null, suppressed: true },
    { metric: 'coverage_all', period: '2020-12-31', level: 'county', region: 'other', parent: '640100', numerator: 1, denominator: 5, population: 5, value: 0.2, suppressed: false },
    { metric: 'group_enrollment_rate', period: '2020-12-31', level: 'prefecture', region: '640100', parent: '640000', numerator: 40, denominator: 50, population: 50, value: 0.8, suppressed: false, group: 'care_worker' },
  ],
  targets: [
    { target: 'ningxia-2020-coverage', metric: 'coverage_all', headline: true, region: '640000', period: '2020-12-31', value: 0.812, target_value: 1, expected: null, projected: null, judged_period: '2020-12-31', judged_value: 0.812, judged_gap: 18.8, progress: null, first_met: null, gap: 18.8, needed_to_meet: 188, status: 'missed' },
    { target: 'ningxia-2020-stations', metric: null, headline: true, region: '640000', period: '2020-12-31', value: null, target_value: null, expected: null, projected: null, judged_period: null, judged_value: null, judged_gap: null, progress: null, first_met: null, gap: null, needed_to_meet: null, status: 'tracked' },
  ],
  target_definitions: [
    {
      id: 'ningxia-2020-coverage', document: 'ningxia-2020', document_number: '宁工办通（2020）12号', document_date: '2020-03-31',
      issuer: bilingual('宁夏回族自治区总工会办公室', 'General Office of the Ningxia Federation of Trade Unions'),
      label: bilingual('应建尽建', 'A union wherever one should be founded'), metric: 'coverage_all', alternatives: [], group: null, scope: '640000',
      comparator: { type: 'all' }, baseline: '2019-12-31', deadline: '2020-12-31',
      milestones: [{ date: '2020-07-30', label: bilingual('书面报告', 'Written report due') }],
      clause: { section: '三、（二）7', zh: '努力实现应建尽建。', en: 'Found a union wherever one should be founded.' }, note: null,
    },
    {
      id: 'ningxia-2020-stations', document: 'ningxia-2020', document_number: null, document_date: '2020',
      issuer: bilingual('宁夏回族自治区总工会办公室', 'General Office of the Ningxia Federation of Trade Unions'),
      label: bilingual('10-20个服务阵地', '10–20 service sites'), metric: null, alternatives: [], group: null, scope: '640000',
      comparator: { type: 'between', min: 10, max: 20 }, baseline: '2019-12-31', deadline: null, milestones: [],
      clause: { section: '三、（二）7', zh: '打造10-20个服务阵地。', en: 'Build 10–20 service sites.' }, note: bilingual('按上报数量计。', 'Counted from reports.'),
    },
  ],
};

const manifestSample: Manifest = {
  vintage: '2024-12-31',
  generated_at: '2023-11-14T22:13:20.000Z',
  synthetic: true,
  k: 5,
  files: [
    { file: 'metrics.json', format: 'json', bytes: 31788923, rows: 143192, sha256: 'a'.repeat(64), description: 'metric totals per region and period, with target status rows' },
    { file: 'cube.arrow', format: 'arrow', bytes: 11695832, rows: 336331, sha256: '0'.repeat(64), description: 'every published cell' },
  ],
};

/** A deep copy of the sample, changed by `edit`. */
function changed<T>(sample: T, edit: (copy: T) => void): unknown {
  const copy = structuredClone(sample);
  edit(copy);
  return copy;
}

/** The message a failed parse gives, which names the path of each problem. */
function refusal(schema: z.ZodType, value: unknown): string {
  const result = schema.safeParse(value);
  expect(result.success).toBe(false);
  return result.success ? '' : z.prettifyError(result.error);
}

describe('the published data contract', () => {
  it('parses metrics.json and manifest.json as the ingest writes them, unchanged', () => {
    expect(metricsFileSchema.parse(metricsSample)).toEqual(metricsSample);
    expect(manifestSchema.parse(manifestSample)).toEqual(manifestSample);
    // A submission without periods publishes no vintage.
    expect(metricsFileSchema.parse({ ...metricsSample, vintage: null, metrics: [], targets: [] }).vintage).toBeNull();
  });

  it('refuses a malformed row with a message naming its path', () => {
    expect(refusal(metricsFileSchema, changed(metricsSample, (m) => void ((m.metrics[1] as { level: string }).level = 'city')))).toMatch(/metrics\[1\]\.level/);
    expect(refusal(metricsFileSchema, changed(metricsSample, (m) => void ((m.metrics[3] as { value: unknown }).value = '0.8')))).toMatch(/metrics\[3\]\.value/);
    expect(refusal(metricsFileSchema, changed(metricsSample, (m) => void ((m.targets[0] as { status: string }).status = 'late')))).toMatch(/targets\[0\]\.status/);
    expect(refusal(metricsFileSchema, changed(metricsSample, (m) => void ((m.target_definitions[1]!.comparator as { min?: number }).min = undefined)))).toMatch(
      /target_definitions\[1\]\.comparator\.min/,
    );
    expect(refusal(metricsFileSchema, changed(metricsSample, (m) => void delete (m.metrics[0] as { suppressed?: boolean }).suppressed))).toMatch(/metrics\[0\]\.suppressed/);
    expect(refusal(manifestSchema, changed(manifestSample, (m) => void ((m.files[1] as { format: string }).format = 'xlsx')))).toMatch(/files\[1\]\.format/);
    expect(refusal(manifestSchema, changed(manifestSample, (m) => void ((m.files[0] as { sha256: string }).sha256 = 'abc')))).toMatch(/files\[0\]\.sha256/);
  });

  it('has a cube cell with exactly the published columns, in order', () => {
    expect(Object.keys(publishedCellSchema.shape)).toEqual(publishedColumns.map(([name]) => name));
    const cell = { metric: 'coverage_all', period: '2020-12-31', level: 'province', region: '640000', parent: null, breakdown: 'ownership', category: 'private', numerator: 3, denominator: 4, population: 4, value: 0.75, suppressed: false };
    expect(Object.keys(publishedCellSchema.parse(cell))).toEqual(publishedColumns.map(([name]) => name));
  });

  it('builds its schemas on the vocabularies', () => {
    expect(comparatorSchema.options.map((o) => o.shape.type.value)).toEqual([...comparatorTypes]);
    expect(statusRowSchema.shape.status.options).toEqual([...targetStatuses]);
    expect(regionLevelSchema.options).toEqual([...regionLevels]);
    // Comparators are strict: a target file (and metrics.json) with another key is refused.
    expect(refusal(comparatorSchema, { type: 'all', value: 1 })).toMatch(/value/);
  });

  it('knows the region levels of the site fixture', () => {
    const summary = JSON.parse(readFileSync('test/fixtures/site/summary.json', 'utf8')) as { regions: { level: unknown }[] };
    const levels = z.array(regionLevelSchema).parse(summary.regions.map((r) => r.level));
    expect(new Set(levels)).toEqual(new Set(regionLevels));
  });

  it.skipIf(!existsSync('public/data/manifest.json'))('parses the manifest of the published data (public/data, from `npm run data`)', () => {
    const manifest = manifestSchema.parse(JSON.parse(readFileSync('public/data/manifest.json', 'utf8')));
    expect(manifest.files.map((f) => f.file)).toEqual(expect.arrayContaining(['metrics.json', 'cube.arrow', 'cube.parquet', 'cube.csv']));
  });
});
