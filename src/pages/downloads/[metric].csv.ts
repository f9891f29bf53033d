/**
 * /downloads/<metric>.csv: one metric's published values as CSV (see
 * src/site/site-downloads.ts). Language-neutral: both languages link to the same file.
 */
import type { APIRoute, GetStaticPaths } from 'astro';
import { metricCsv } from '../../site/site-downloads.ts';
import { loadSiteMetrics } from '../../lib/site-metrics.ts';

export const getStaticPaths = (() => loadSiteMetrics().map((m) => ({ params: { metric: m.id } }))) satisfies GetStaticPaths;

export const GET: APIRoute = ({ params }) =>
  new Response(metricCsv(String(params.metric)), {
    headers: { 'Content-Type': 'text/csv; charset=utf-8' },
  });
