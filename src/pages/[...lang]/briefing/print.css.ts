/**
 * The margins of a briefing pack's printed pages in each locale (src/lib/print-page-css.ts):
 * the synthetic-data banner on every page, the site, vintage and page number at the foot.
 */
import type { APIRoute, GetStaticPaths } from 'astro';
import { formatDate } from '../../../lib/format.ts';
import { requireLocale, t } from '../../../lib/i18n.ts';
import { printPageCss } from '../../../lib/print-page-css.ts';
import { localeRoutes } from '../../../site/locale-routes.ts';
import { loadSummary } from '../../../site/site-data.ts';

export const getStaticPaths = (() => localeRoutes()) satisfies GetStaticPaths;

export const GET: APIRoute = ({ site, currentLocale }) => {
  const locale = requireLocale(currentLocale);
  const summary = loadSummary();
  const css = printPageCss({
    banner: summary.synthetic ? t(locale, 'banner.synthetic.print') : null,
    foot: `${t(locale, 'site.name')} · ${t(locale, 'footer.vintage', { date: formatDate(locale, summary.vintage) })}`,
    pageNumber: t(locale, 'briefing.page', { page: '{page}', pages: '{pages}' }),
    origin: site?.origin ?? '',
  });
  return new Response(css, { headers: { 'Content-Type': 'text/css; charset=utf-8' } });
};
