/**
 * Names of the files the explorer downloads: what they hold and the data vintage, e.g.
 * `explorer_coverage_all_regions_130000_county_2024-12-31_2024-12-31.csv` (Hebei's counties at
 * the end of 2024), so that two downloads of different data never share a name.
 *
 * Pure TypeScript: no DOM, no Node APIs.
 */
import type { ExplorerState } from './state.ts';

/** Formats the explorer downloads. */
export const DOWNLOAD_FORMATS = ['csv', 'parquet', 'arrow'] as const;
/** A download format. */
export type DownloadFormat = (typeof DOWNLOAD_FORMATS)[number];

/** MIME type of each format. */
export const MIME: Readonly<Record<DownloadFormat, string>> = {
  csv: 'text/csv;charset=utf-8',
  parquet: 'application/vnd.apache.parquet',
  arrow: 'application/vnd.apache.arrow.file',
};

/**
 * What a download holds: a view of a metric, with what narrows it (region, level, breakdown,
 * categories, dates: `detail`, in that order), or the SQL panel's result.
 */
export type DownloadSubject =
  | { readonly metric: string; readonly view: 'regions' | 'periods' | 'categories' | 'regions-by-category'; readonly detail?: readonly string[] }
  | { readonly sql: true };

/** A part of a file name safe on every system: letters, digits, `_` and `-` only. */
function safe(part: string): string {
  return part.replace(/[^A-Za-z0-9_-]+/g, '-').replace(/^-+|-+$/g, '') || 'x';
}

/** The file name of a download, with the data vintage. */
export function downloadName(subject: DownloadSubject, vintage: string, format: DownloadFormat): string {
  const what = 'sql' in subject ? 'query' : [safe(subject.metric), subject.view, ...(subject.detail ?? []).map(safe)].join('_');
  return `explorer_${what}_${safe(vintage)}.${format}`;
}

/**
 * What the table of a view holds, for its file name: the metric and view, then the region
 * (the listed regions' parent, or the picked region for the trend and the categories; `all`),
 * the level of a region list, the breakdown with its kept categories, and the date (the range
 * of a trend).
 */
export function viewSubject(state: ExplorerState): DownloadSubject {
  const { table } = state;
  const view = table === 'region' ? 'regions' : table === 'period' ? 'periods' : table === 'matrix' ? 'regions-by-category' : 'categories';
  const region = table === 'region' || table === 'matrix' ? (state.scope ?? 'all') : (state.selected ?? state.scope ?? 'all');
  const kept = state.dimension === null ? [] : [state.categories.length === 0 ? state.dimension : `${state.dimension}-${state.categories.join('+')}`];
  // One line per category in the trend: each category apart.
  const breakdown = table === 'period' && state.split ? kept.map((k) => `${k}-each`) : kept;
  // Compared regions in the trend: named instead of the focus.
  const compared = table === 'period' && state.compare.length > 0 ? [`compare-${state.compare.join('+')}`] : null;
  return {
    metric: state.metric,
    view,
    detail: [...(compared ?? [region]), ...(table === 'region' || table === 'matrix' ? [state.level] : []), ...breakdown, table === 'period' ? `${state.from}--${state.to}` : state.to],
  };
}
