/**
 * /images/<vintage>/<chart>.<vintage>.<locale>.svg: every catalogue chart (src/site/chart-catalog.ts)
 * as a standalone SVG for briefings (src/site/chart-export.ts), frozen at the data vintage:
 * a later build with newer data writes new files under a new vintage instead of changing
 * these.
 */
import type { APIRoute, GetStaticPaths } from 'astro';
import { catalogEntry, chartCatalog } from '../../../site/chart-catalog.ts';
import { chartImageSvg } from '../../../site/chart-image.ts';
import { exportName } from '../../../lib/chart-links.ts';
import { LOCALES, type Locale } from '../../../lib/i18n.ts';
import { loadPublished } from '../../../site/site-published.ts';

export const getStaticPaths = (() => {
  const vintage = loadPublished().vintage;
  return chartCatalog().flatMap((entry) =>
    LOCALES.map((locale) => ({ params: { vintage, name: exportName(entry.id, vintage, locale) }, props: { id: entry.id, locale } })),
  );
}) satisfies GetStaticPaths;

export const GET: APIRoute = ({ props, site }) => {
  const { id, locale } = props as { id: string; locale: Locale };
  const entry = catalogEntry(id);
  if (entry === undefined) throw new Error(`images: no chart ${id}`);
  return new Response(chartImageSvg(entry, locale, site?.origin ?? ''), { headers: { 'Content-Type': 'image/svg+xml' } });
};
