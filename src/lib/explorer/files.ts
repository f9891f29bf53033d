/**
 * Names of the files the explorer downloads: what they hold and the data vintage, e.g.
 * `explorer_coverage_all_regions_2024-12-31.csv`, so that two downloads of different
 * data never share a name.
 *
 * Pure TypeScript: no DOM, no Node APIs.
 */

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

/** What a download holds: a view of a metric, or the SQL panel's result. */
export type DownloadSubject = { readonly metric: string; readonly view: 'regions' | 'periods' | 'categories' } | { readonly sql: true };

/** A part of a file name safe on every system: letters, digits, `_` and `-` only. */
function safe(part: string): string {
  return part.replace(/[^A-Za-z0-9_-]+/g, '-').replace(/^-+|-+$/g, '') || 'x';
}

/** The file name of a download, with the data vintage. */
export function downloadName(subject: DownloadSubject, vintage: string, format: DownloadFormat): string {
  const what = 'sql' in subject ? 'query' : `${safe(subject.metric)}_${subject.view}`;
  return `explorer_${what}_${safe(vintage)}.${format}`;
}
