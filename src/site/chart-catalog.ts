/**
 * Every chart of the site that can leave it, under one id each: a campaign target's
 * progress and ranking (`target-<target>-progress`, `target-<target>-rank`), a region's
 * trends and comparison (`region-<code>-trends`, `region-<code>-compare`), a metric's
 * provinces and prefectures (`metric-<id>-provinces`, `metric-<id>-prefectures`), the
 * published national figures of the context page (`context-national-density` …). The
 * embed views, frozen images, CSV files and oEmbed files are generated from this list.
 * Build-time only.
 */
import { oembedPath } from '../lib/chart-links.ts';
import type { ChartSpec } from '../lib/chart-spec.ts';
import { localePath, type Locale } from '../lib/i18n.ts';
import { metricCharts } from './metric-charts.ts';
import { regionCharts } from './region-charts.ts';
import { isMeasured } from './site-campaigns.ts';
import { loadSummary } from './site-data.ts';
import { loadSiteMetrics } from '../lib/site-metrics.ts';
import { loadPublished } from './site-published.ts';
import { campaignHref, metricHref, regionHref } from './site-regions.ts';
import { targetCharts } from './target-charts.ts';
import { CENSUS_PROVINCES, CONTEXT_CHARTS, contextCharts, provinceCensusChart } from './context-charts.ts';

/** What page a chart belongs to. */
export type ChartOwner = 'target' | 'region' | 'metric' | 'context';

/** The id of a chart across the site: `target-ningxia-2020-t1-progress`. */
export function chartKey(owner: ChartOwner, key: string, chart: string): string {
  return `${owner}-${key}-${chart}`;
}

/** One chart of the catalogue. */
export interface CatalogEntry {
  /** Site-wide id ({@link chartKey}). */
  readonly id: string;
  readonly owner: ChartOwner;
  /** The page the chart is on, with the anchor of its figure. */
  page(locale: Locale): string;
  /** The chart in a language. */
  spec(locale: Locale): ChartSpec;
  /** A campaign or region (headline) chart: also offered in the briefing packs. */
  readonly main: boolean;
}

let cache: readonly CatalogEntry[] | undefined;
let byId: ReadonlyMap<string, CatalogEntry> | undefined;

/** Every exportable chart, in a stable order (targets, regions, metrics). */
export function chartCatalog(): readonly CatalogEntry[] {
  if (cache !== undefined) return cache;
  const published = loadPublished();
  const out: CatalogEntry[] = [];
  const add = (owner: ChartOwner, key: string, chart: string, main: boolean, href: (l: Locale) => string, get: (l: Locale) => ChartSpec | undefined) => {
    const first = get('zh-CN');
    if (first === undefined) return;
    out.push({
      id: chartKey(owner, key, chart),
      owner,
      main,
      page: (l) => `${href(l)}#${first.id}`,
      spec: (l) => {
        const spec = get(l);
        if (spec === undefined) throw new Error(`chart-catalog: no ${l} chart ${chartKey(owner, key, chart)}`);
        return spec;
      },
    });
  };
  for (const target of published.definitions) {
    if (!isMeasured(target)) continue;
    const href = (l: Locale) => campaignHref(l, target.document);
    add('target', target.id, 'progress', true, href, (l) => targetCharts(l, target.id).progress);
    add('target', target.id, 'rank', true, href, (l) => targetCharts(l, target.id).rank);
  }
  for (const region of loadSummary().regions) {
    const href = (l: Locale) => regionHref(l, region.code);
    add('region', region.code, 'trends', true, href, (l) => regionCharts(l, region.code).trends);
    add('region', region.code, 'compare', false, href, (l) => regionCharts(l, region.code).compare);
  }
  for (const metric of loadSiteMetrics()) {
    const href = (l: Locale) => metricHref(l, metric.id);
    add('metric', metric.id, 'provinces', false, href, (l) => metricCharts(l, metric.id).provinces);
    add('metric', metric.id, 'prefectures', false, href, (l) => metricCharts(l, metric.id).prefectures);
  }
  for (const name of CONTEXT_CHARTS) add('context', 'national', name, false, (l) => localePath(l, '/context/'), (l) => contextCharts(l)[name]);
  const regions = new Set(loadSummary().regions.map((r) => r.code));
  for (const province of CENSUS_PROVINCES.filter((code) => regions.has(code))) {
    add('context', province, 'census', false, (l) => regionHref(l, province), (l) => provinceCensusChart(l, province));
  }
  cache = out;
  byId = new Map(out.map((e) => [e.id, e]));
  return out;
}

/** A chart of the catalogue by id, or undefined (a page's chart that is not exported). */
export function catalogEntry(id: string): CatalogEntry | undefined {
  chartCatalog();
  return byId?.get(id);
}

/** The oEmbed discovery links of the charts `ids` that are in the catalogue (for BaseLayout). */
export function oembedLinks(locale: Locale, ids: readonly string[]): { href: string; title: string }[] {
  return ids.flatMap((id) => {
    const entry = catalogEntry(id);
    return entry === undefined ? [] : [{ href: oembedPath(locale, id), title: entry.spec(locale).title }];
  });
}
