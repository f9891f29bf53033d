/**
 * oEmbed JSON of every catalogue chart (src/site/chart-oembed.ts), in each locale.
 */
import type { APIRoute, GetStaticPaths } from 'astro';
import { requireLocale } from '../../../lib/i18n.ts';
import { catalogEntry, chartCatalog } from '../../../site/chart-catalog.ts';
import { chartOembed } from '../../../site/chart-oembed.ts';
import { localeRoutes } from '../../../site/locale-routes.ts';

export const getStaticPaths = (() => localeRoutes(chartCatalog().map((entry) => ({ params: { id: entry.id } })))) satisfies GetStaticPaths;

export const GET: APIRoute = ({ params, site, currentLocale }) => {
  const entry = catalogEntry(String(params.id));
  if (entry === undefined) throw new Error(`oembed: no chart ${String(params.id)}`);
  return new Response(JSON.stringify(chartOembed(entry, requireLocale(currentLocale), site?.origin ?? '')), {
    headers: { 'Content-Type': 'application/json; charset=utf-8' },
  });
};
