/**
 * The exported image of a catalogue chart in a language: its spec (src/lib/chart-spec.ts)
 * laid out by chart-export.ts with the site's source, vintage and synthetic-data lines.
 * Build-time only.
 */
import type { CatalogEntry } from './chart-catalog.ts';
import { exportSvg } from './chart-export.ts';
import { formatDate } from '../lib/format.ts';
import { htmlLang, t, type Locale } from '../lib/i18n.ts';
import { loadPublished } from './site-published.ts';

/** The standalone SVG of a chart; `origin` (`https://…`, or '') prefixes the page URL printed in it. */
export function chartImageSvg(entry: CatalogEntry, locale: Locale, origin: string): string {
  const spec = entry.spec(locale);
  const published = loadPublished();
  return exportSvg({
    lang: htmlLang(locale),
    title: spec.title,
    subtitle: spec.subtitle,
    svg: spec.svg,
    panels: spec.panels,
    keyItems: spec.keyItems,
    notes: spec.notes,
    source: t(locale, 'export.source', { sources: spec.sources.join(locale === 'en' ? '; ' : '；'), site: t(locale, 'site.name') }),
    vintage: spec.provenance === 'published' ? t(locale, 'export.vintage.published') : t(locale, 'export.vintage', { date: formatDate(locale, published.vintage) }),
    url: `${origin}${entry.page(locale)}`,
    synthetic: spec.provenance !== 'published' && published.synthetic ? t(locale, 'export.synthetic') : undefined,
  });
}
