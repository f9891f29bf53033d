/**
 * The oEmbed description (https://oembed.com, type "rich") of a catalogue chart in a
 * language: the iframe snippet of its embed view, its default size, its title and the
 * site as provider. Served as static files (/oembed/<chart>.json, /en/oembed/<chart>.json)
 * and announced by a `<link rel="alternate" type="application/json+oembed">` on the
 * chart's page and embed view. Build-time only.
 */
import type { CatalogEntry } from './chart-catalog.ts';
import { EMBED_SIZE, embedSnippet } from '../lib/chart-links.ts';
import { localePath, t, type Locale } from '../lib/i18n.ts';

/** An oEmbed 1.0 "rich" response. */
export interface OembedRich {
  readonly version: '1.0';
  readonly type: 'rich';
  readonly title: string;
  readonly provider_name: string;
  readonly provider_url: string;
  readonly html: string;
  readonly width: number;
  readonly height: number;
}

/** The oEmbed response of a chart; `origin` is the site's (`https://…`, or '' for root-relative URLs). */
export function chartOembed(entry: CatalogEntry, locale: Locale, origin: string): OembedRich {
  const title = entry.spec(locale).title;
  return {
    version: '1.0',
    type: 'rich',
    title,
    provider_name: t(locale, 'site.name'),
    provider_url: `${origin}${localePath(locale, '/')}`,
    html: embedSnippet(origin, locale, entry.id, title),
    width: EMBED_SIZE.width,
    height: EMBED_SIZE.height,
  };
}
