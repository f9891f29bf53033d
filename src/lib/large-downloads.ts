/**
 * Which published files the site serves gzip-compressed only: those too large for common
 * static hosts, which refuse a file over 25 MiB (Cloudflare Pages). The rule is written
 * once and read by the data page (its links and sizes, src/components/DownloadList.astro),
 * the endpoint that writes the compressed copies (src/pages/data/[file].gz.ts) and the build
 * step that leaves the originals out of the site (scripts/site/large-downloads-integration.ts).
 *
 * Pure TypeScript: no DOM, no Node APIs.
 */

/** Files over this size are served compressed (a margin under the 25 MiB hosts accept). */
export const LARGE_DOWNLOAD_BYTES = 20 * 1024 * 1024;

/** The files, of those given with their sizes, that the site serves as `<file>.gz` only. */
export function largeDownloads(files: readonly { readonly file: string; readonly bytes: number }[]): string[] {
  return files.filter((f) => f.bytes > LARGE_DOWNLOAD_BYTES).map((f) => f.file);
}
