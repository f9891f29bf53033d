/**
 * oEmbed JSON of every catalogue chart (src/site/chart-oembed.ts), in Chinese.
 */
import type { APIRoute, GetStaticPaths } from 'astro';
import { catalogEntry, chartCatalog } from '../../site/chart-catalog.ts';
import { chartOembed } from '../../site/chart-oembed.ts';

export const getStaticPaths = (() => chartCatalog().map((entry) => ({ params: { id: entry.id } }))) satisfies GetStaticPaths;

export const GET: APIRoute = ({ params, site }) => {
  const entry = catalogEntry(String(params.id));
  if (entry === undefined) throw new Error(`oembed: no chart ${String(params.id)}`);
  return new Response(JSON.stringify(chartOembed(entry, 'zh-CN', site?.origin ?? '')), {
    headers: { 'Content-Type': 'application/json; charset=utf-8' },
  });
};
