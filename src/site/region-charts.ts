/**
 * The two charts of a region page (both languages): the key metrics' trends beside the
 * region above (small multiples), and the regions below (or, for a county, beside) it
 * compared on two rates (dot plot). Moved out of RegionPage.astro so that the region page,
 * the embed views, the exported images and the briefing packs render the same specs.
 * Build-time only (reads the published data).
 */
import { COLORS } from '../charts/common.ts';
import { DOT_STYLES, dotPlotSummaries, dotPlotSvg, type DotPlotInput } from '../charts/dot-plot.ts';
import { trendPanelSvg, trendPanelsSummaries, type TrendPanelsInput } from '../charts/trend-panels.ts';
import type { ChartSpec, KeyItem } from '../lib/chart-spec.ts';
import { formatDate } from '../lib/format.ts';
import { t, type Locale } from '../lib/i18n.ts';
import { metricsById } from './site-campaigns.ts';
import { chartAttrs, chartDocument, panelAttrs } from './site-charts.ts';
import { localized, type SummaryRegion } from './site-data.ts';
import { regionCompareMetrics, regionKeyMetrics } from '../lib/site-key-metrics.ts';
import { definitionName, showValue } from '../lib/site-values.ts';
import { metricLabel } from '../lib/site-metrics.ts';
import { loadPublished } from './site-published.ts';
import { oncePerLocale } from './once-per-locale.ts';
import { loadRegionTree, metricHref, regionHref } from './site-regions.ts';
import type { TableSpec } from '../lib/site-tables.ts';

/** The charts of one region, and the comparison table the page shows under the dot plot. */
export interface RegionCharts {
  readonly trends: ChartSpec;
  /** Absent when there is nothing to compare with (or nothing to plot). */
  readonly compare?: ChartSpec;
  /** Whether the comparison is of the regions below or beside. */
  readonly compareMode: 'children' | 'siblings';
  /** The regions compared (the region itself included when they are its siblings). */
  readonly comparing: readonly SummaryRegion[];
  readonly compareTable: TableSpec;
}

/** The source line of charts drawn from the published data alone. */
export function dataSources(locale: Locale): string[] {
  return [t(locale, 'export.source.data')];
}

/** The charts of a region in one language, by its code (computed once per build). */
export const regionCharts = oncePerLocale((locale, code): RegionCharts => {
  // The tree's region, whose name says what a part-covered region covers.
  const region = loadRegionTree().get(code);
  if (region === undefined) throw new Error(`region-charts: no region ${code}`);
  return buildRegionCharts(locale, region);
});

function buildRegionCharts(locale: Locale, region: SummaryRegion): RegionCharts {
  const published = loadPublished();
  const tree = loadRegionTree();
  const metrics = metricsById();
  const doc = chartDocument();
  const name = localized(region, 'name', locale);
  const vintage = published.vintage;
  const parent = region.parent === null ? undefined : tree.get(region.parent);
  const parentName = parent === undefined ? null : localized(parent, 'name', locale);
  const keyMetrics = regionKeyMetrics(metrics.values());
  const sources = dataSources(locale);

  // Trends beside the region above.
  const trendId = 'trends';
  const first = published.periods[0] ?? vintage;
  const trendInput: TrendPanelsInput = {
    locale,
    from: first,
    to: vintage,
    panels: keyMetrics.map((metric) => ({
      key: metric.id,
      title: metricLabel(metric, locale),
      unit: metric.unit,
      points: published.series(metric.id, region.code).map((r) => ({ period: r.period, value: r.suppressed ? null : r.value })),
      compare:
        parent === undefined
          ? null
          : {
              label: localized(parent, 'name', locale),
              points: published.series(metric.id, parent.code).map((r) => ({ period: r.period, value: r.suppressed ? null : r.value })),
            },
    })),
  };
  const trendKey: KeyItem[] = [{ kind: 'line', color: COLORS.accent, label: name }];
  if (parent !== undefined) trendKey.push({ kind: 'dash', color: COLORS.compare, label: localized(parent, 'name', locale) });
  const trends: ChartSpec = {
    id: trendId,
    kind: 'trend-panels',
    size: 'wide',
    title:
      parentName === null
        ? t(locale, 'region.trends.title', { region: name })
        : t(locale, 'region.trends.title.compare', { region: name, parent: parentName }),
    subtitle: t(locale, 'export.subtitle.trends', { from: formatDate(locale, first), to: formatDate(locale, vintage) }),
    summary: trendPanelsSummaries(trendInput),
    panels: trendInput.panels.map((panel, i) => ({
      title: panel.title,
      href: metricHref(locale, panel.key),
      svg: trendPanelSvg(trendInput, panel, doc, panelAttrs(trendId, i)),
    })),
    keyItems: trendKey,
    notes: [],
    table: {
      caption: t(locale, 'region.trends.table', { region: name }),
      columns: [{ label: t(locale, 'col.period') }, ...keyMetrics.map((m) => ({ label: metricLabel(m, locale), numeric: true }))],
      rows: [...published.periods]
        .reverse()
        .filter((p) => keyMetrics.some((m) => published.cell(m.id, region.code, p) !== undefined))
        .map((p) => ({
          header: formatDate(locale, p),
          cells: keyMetrics.map((m) => showValue(locale, published.cell(m.id, region.code, p), m.unit)),
        })),
    },
    sources,
  };

  // The regions below (or beside, for a county).
  const children = tree.children(region.code);
  const comparing = children.length > 0 ? children : tree.siblings(region.code);
  const compareMode = children.length > 0 ? 'children' : 'siblings';
  const compareMetrics = regionCompareMetrics(metrics.values());
  const compareId = 'compare';
  const dotInput: DotPlotInput = {
    locale,
    unit: 'rate',
    when: formatDate(locale, vintage),
    regions: comparing.map((r) => ({ code: r.code, label: localized(r, 'name', locale), highlight: r.code === region.code })),
    series: compareMetrics.map((m) => ({
      key: m.id,
      label: metricLabel(m, locale),
      values: new Map(
        comparing.map((r) => {
          const cell = published.cell(m.id, r.code, vintage);
          return [r.code, cell === undefined || cell.suppressed ? null : cell.value];
        }),
      ),
    })),
  };
  const compareTable: TableSpec = {
    caption: t(locale, compareMode === 'children' ? 'region.compare.table.children' : 'region.compare.table.siblings', {
      region: compareMode === 'children' ? name : parent === undefined ? name : localized(parent, 'name', locale),
      date: formatDate(locale, vintage),
    }),
    columns: [{ label: t(locale, 'col.region') }, ...keyMetrics.map((m) => ({ label: metricLabel(m, locale), numeric: true }))],
    rows: comparing.map((r) => ({
      header: localized(r, 'name', locale),
      href: r.code === region.code ? undefined : regionHref(locale, r.code),
      className: r.code === region.code ? 'is-current' : undefined,
      cells: keyMetrics.map((m) => showValue(locale, published.cell(m.id, r.code, vintage), m.unit)),
    })),
  };
  const compareKey: KeyItem[] = compareMetrics.map((m, i) => ({
    kind: (['circle', 'diamond', 'triangle'] as const)[i] ?? 'circle',
    color: DOT_STYLES[i]?.color ?? COLORS.ink,
    label: metricLabel(m, locale),
  }));
  const definitionNotes = compareMetrics
    .map((m) => ({ m, d: definitionName(locale, m) }))
    .filter((x) => x.d !== null)
    .map((x) => t(locale, 'region.definition_note', { metric: metricLabel(x.m, locale), definition: x.d ?? '' }));
  const compareSvg = comparing.length > 1 ? dotPlotSvg(dotInput, doc, chartAttrs(compareId)) : '';
  const compare: ChartSpec | undefined =
    compareSvg !== ''
      ? {
          id: compareId,
          kind: 'dot-plot',
          title:
            compareMode === 'children'
              ? t(locale, 'region.compare.title.children', { region: name, date: formatDate(locale, vintage) })
              : t(locale, 'region.compare.title.siblings', { region: name, parent: parentName ?? '', date: formatDate(locale, vintage) }),
          subtitle: compareMetrics.map((m) => metricLabel(m, locale)).join(locale === 'en' ? ', ' : '、'),
          summary: dotPlotSummaries(dotInput),
          svg: compareSvg,
          keyItems: compareKey,
          notes: definitionNotes,
          table: compareTable,
          sources,
        }
      : undefined;
  return { trends, compare, compareMode, comparing, compareTable };
}
