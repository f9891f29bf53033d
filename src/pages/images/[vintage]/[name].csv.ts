/**
 * /images/<vintage>/<chart>.<vintage>.<locale>.csv: the data table of every catalogue chart
 * as CSV (src/lib/table-csv.ts), frozen at the data vintage like the images beside it.
 */
import type { APIRoute, GetStaticPaths } from 'astro';
import { catalogEntry, chartCatalog } from '../../../site/chart-catalog.ts';
import { exportName } from '../../../lib/chart-links.ts';
import { LOCALES, type Locale } from '../../../lib/i18n.ts';
import { loadPublished } from '../../../site/site-published.ts';
import { tableCsv } from '../../../lib/table-csv.ts';

export const getStaticPaths = (() => {
  const vintage = loadPublished().vintage;
  return chartCatalog()
    .filter((entry) => entry.spec('zh-CN').table !== undefined)
    .flatMap((entry) =>
      LOCALES.map((locale) => ({ params: { vintage, name: exportName(entry.id, vintage, locale) }, props: { id: entry.id, locale } })),
    );
}) satisfies GetStaticPaths;

export const GET: APIRoute = ({ props }) => {
  const { id, locale } = props as { id: string; locale: Locale };
  const table = catalogEntry(id)?.spec(locale).table;
  if (table === undefined) throw new Error(`images: no data table for chart ${id}`);
  return new Response(tableCsv(table), { headers: { 'Content-Type': 'text/csv; charset=utf-8' } });
};
