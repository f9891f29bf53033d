/**
 * Where each chart lives once it leaves its page: the embed view (live: follows the newest
 * data), the frozen image and data files (pinned to a data vintage, which their file names
 * carry), and the oEmbed description. Pure functions of the chart id, shared by the pages,
 * the endpoints that write the files and the tests.
 */
import { localePath, type Locale } from './i18n.ts';

/** The embed view of a chart: `/embed/target-x-progress/`, `/en/embed/…/`. */
export function embedPath(locale: Locale, id: string): string {
  return localePath(locale, `/embed/${id}/`);
}

/** The base name of a chart's frozen files: `<id>.<vintage>.<locale>`. */
export function exportName(id: string, vintage: string, locale: Locale): string {
  return `${id}.${vintage}.${locale}`;
}

/** The frozen standalone SVG of a chart: `/images/2024-12-31/<id>.2024-12-31.zh-CN.svg`. */
export function imagePath(id: string, vintage: string, locale: Locale): string {
  return `/images/${vintage}/${exportName(id, vintage, locale)}.svg`;
}

/** The frozen data of a chart (its data table) as CSV: `/images/2024-12-31/<id>.2024-12-31.en.csv`. */
export function chartCsvPath(id: string, vintage: string, locale: Locale): string {
  return `/images/${vintage}/${exportName(id, vintage, locale)}.csv`;
}

/** The oEmbed JSON of a chart: `/oembed/<id>.json`, `/en/oembed/<id>.json`. */
export function oembedPath(locale: Locale, id: string): string {
  return localePath(locale, `/oembed/${id}.json`);
}

/** Default size of the iframe in the embed snippet (the resize script corrects the height). */
export const EMBED_SIZE = { width: 720, height: 560 } as const;

/** Escape text for an HTML attribute value. */
function attr(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');
}

/**
 * The snippet a host page pastes: an iframe of the embed view at full width, and the
 * site's resize script (/embed.js), which keeps the iframe's height that of the chart.
 * `origin` is the site's origin (`https://…`), or '' for root-relative URLs.
 */
export function embedSnippet(origin: string, locale: Locale, id: string, title: string): string {
  return (
    `<iframe src="${attr(`${origin}${embedPath(locale, id)}`)}" title="${attr(title)}" ` +
    `width="100%" height="${EMBED_SIZE.height}" style="border:0;width:100%;max-width:100%" loading="lazy" data-uct-embed></iframe>` +
    `<script src="${attr(`${origin}/embed.js`)}" async></script>`
  );
}
