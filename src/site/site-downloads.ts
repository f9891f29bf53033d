/**
 * Per-metric CSV downloads, made at build time from the published metric values
 * (metrics.json `metrics`, already disclosure-protected): one file per metric at
 * /downloads/<metric>.csv, with region names in both languages, UTF-8 with a byte-order
 * mark so that Excel shows the Chinese correctly. Suppressed values stay empty with
 * suppressed = true, exactly as published.
 */
import { loadPublished, OTHER_REGION } from './site-published.ts';
import { loadRegionTree } from './site-regions.ts';
import { csvField } from '../lib/csv-field.ts';
import { levelRank } from '../lib/contract/published-vocabulary.ts';

/** The columns of a metric download. */
export const METRIC_CSV_COLUMNS = [
  'metric', 'period', 'level', 'region', 'region_name_zh', 'region_name_en', 'parent', 'group',
  'numerator', 'denominator', 'population', 'value', 'suppressed',
] as const;

/** The site path of a metric's CSV download. */
export function metricCsvPath(metric: string): string {
  return `/downloads/${metric}.csv`;
}

function cell(value: string | number | boolean | null | undefined): string {
  if (value === null || value === undefined) return '';
  return csvField(String(value));
}

const cache = new Map<string, string>();

/** The CSV text of a metric's published values (with BOM), sorted by period, level and region. */
export function metricCsv(metric: string): string {
  const cached = cache.get(metric);
  if (cached !== undefined) return cached;
  const tree = loadRegionTree();
  const rows = [...loadPublished().metricRows(metric)].sort(
    (a, b) =>
      a.period.localeCompare(b.period) ||
      levelRank(a.level) - levelRank(b.level) ||
      (a.parent ?? '').localeCompare(b.parent ?? '') ||
      a.region.localeCompare(b.region) ||
      (a.group ?? '').localeCompare(b.group ?? ''),
  );
  const lines = [METRIC_CSV_COLUMNS.join(',')];
  for (const r of rows) {
    const region = r.region === OTHER_REGION ? undefined : tree.get(r.region);
    lines.push(
      [
        r.metric, r.period, r.level, r.region, region?.name_zh, region?.name_en, r.parent, r.group ?? 'all',
        r.numerator, r.denominator, r.population, r.value, r.suppressed,
      ]
        .map(cell)
        .join(','),
    );
  }
  const text = `\uFEFF${lines.join('\r\n')}\r\n`;
  cache.set(metric, text);
  return text;
}

/** Size in bytes of a metric's CSV download. */
export function metricCsvBytes(metric: string): number {
  return Buffer.byteLength(metricCsv(metric), 'utf8');
}
