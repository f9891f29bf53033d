/**
 * The two charts of a metric page (both languages): its trend in each province (small
 * multiples) and the prefectures ranked at the data vintage. Moved out of MetricPage.astro
 * so that the metric page, the embed views and the exported images render the same specs.
 * Build-time only (reads the published data).
 */
import { rankedBarsSummary, rankedBarsSvg, type RankedBarsInput } from '../charts/ranked-bars.ts';
import { trendPanelSvg, trendPanelsSummaries, type TrendPanelsInput } from '../charts/trend-panels.ts';
import type { ChartSpec } from '../lib/chart-spec.ts';
import { formatDate } from '../lib/format.ts';
import { t, type Locale } from '../lib/i18n.ts';
import type { MetricDefinition } from '../lib/metrics/metric-schema.ts';
import { chartAttrs, chartDocument, panelAttrs } from './site-charts.ts';
import { localized } from './site-data.ts';
import { metricDescription, metricLabel } from '../lib/site-metrics.ts';
import { loadPublished } from './site-published.ts';
import { metricsById } from './site-campaigns.ts';
import { oncePerLocale } from './once-per-locale.ts';
import { loadRegionTree, regionHref } from './site-regions.ts';
import { showValue } from '../lib/site-values.ts';
import { dataSources } from './region-charts.ts';

/** The charts of one metric; each is absent when it would show nothing. */
export interface MetricCharts {
  readonly provinces?: ChartSpec;
  readonly prefectures?: ChartSpec;
}

/** The charts of a metric in one language, by its id (computed once per build). */
export const metricCharts = oncePerLocale((locale, id): MetricCharts => {
  const metric = metricsById().get(id);
  if (metric === undefined) throw new Error(`metric-charts: no metric ${id}`);
  return buildMetricCharts(locale, metric);
});

function buildMetricCharts(locale: Locale, metric: MetricDefinition): MetricCharts {
  const published = loadPublished();
  const tree = loadRegionTree();
  const doc = chartDocument();
  const label = metricLabel(metric, locale);
  const unit = metric.unit;
  const vintage = published.vintage;
  const sources = dataSources(locale);
  const subtitle = metricDescription(metric, locale);

  // Trend in each province.
  const provinces = tree.all.filter((r) => r.level === 'province');
  const trendId = 'provinces';
  const trendInput: TrendPanelsInput = {
    locale,
    from: published.periods[0] ?? vintage,
    to: vintage,
    panels: provinces.map((p) => ({
      key: p.code,
      title: localized(p, 'name', locale),
      unit,
      points: published.series(metric.id, p.code).map((r) => ({ period: r.period, value: r.suppressed ? null : r.value })),
    })),
  };
  const hasTrend = trendInput.panels.some((p) => p.points.some((x) => x.value !== null));
  const trends: ChartSpec | undefined = hasTrend
    ? {
        id: trendId,
        kind: 'trend-panels',
        size: 'wide',
        title: t(locale, 'metric.trend.title', { metric: label }),
        subtitle,
        summary: trendPanelsSummaries(trendInput),
        panels: trendInput.panels.map((panel, i) => ({
          title: panel.title,
          href: regionHref(locale, panel.key),
          svg: trendPanelSvg(trendInput, panel, doc, panelAttrs(trendId, i)),
        })),
        keyItems: [],
        notes: [],
        table: {
          caption: t(locale, 'metric.trend.table', { metric: label }),
          columns: [{ label: t(locale, 'col.period') }, ...provinces.map((p) => ({ label: localized(p, 'name', locale), numeric: true }))],
          rows: [...published.periods]
            .reverse()
            .filter((period) => provinces.some((p) => published.cell(metric.id, p.code, period) !== undefined))
            .map((period) => ({
              header: formatDate(locale, period),
              cells: provinces.map((p) => showValue(locale, published.cell(metric.id, p.code, period), unit)),
            })),
        },
        sources,
      }
    : undefined;

  // Prefectures ranked.
  const prefectures = tree.all.filter((r) => r.level === 'prefecture');
  const rankId = 'prefectures';
  const rankInput: RankedBarsInput = {
    locale,
    unit,
    measure: label,
    when: formatDate(locale, vintage),
    rows: prefectures.map((r) => {
      const cell = published.cell(metric.id, r.code, vintage);
      return { code: r.code, label: localized(r, 'name', locale), value: cell === undefined || cell.suppressed ? null : cell.value };
    }),
  };
  const rankSvg = rankedBarsSvg(rankInput, doc, chartAttrs(rankId));
  const rank: ChartSpec | undefined =
    rankSvg === ''
      ? undefined
      : {
          id: rankId,
          kind: 'ranked-bars',
          title: t(locale, 'metric.rank.title', { metric: label, date: formatDate(locale, vintage) }),
          subtitle,
          summary: rankedBarsSummary(rankInput),
          svg: rankSvg,
          keyItems: [],
          notes: [t(locale, 'metric.rank.note')],
          table: {
            caption: t(locale, 'metric.rank.title', { metric: label, date: formatDate(locale, vintage) }),
            columns: [{ label: t(locale, 'col.region') }, { label: t(locale, 'col.value'), numeric: true }],
            rows: [...prefectures]
              .map((r) => ({ r, cell: published.cell(metric.id, r.code, vintage) }))
              .sort((a, b) => (b.cell?.suppressed === false ? (b.cell.value ?? -1) : -1) - (a.cell?.suppressed === false ? (a.cell.value ?? -1) : -1))
              .map(({ r, cell }) => ({ header: localized(r, 'name', locale), href: regionHref(locale, r.code), cells: [showValue(locale, cell, unit)] })),
          },
          sources,
        };
  return { provinces: trends, prefectures: rank };
}
