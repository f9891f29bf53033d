/**
 * A chart of the site as data: what ChartFigure.astro shows (title, SVG or panels, key,
 * summary, notes, data table) plus what a chart needs once it leaves the site (a subtitle
 * saying what it is measured against, its sources, the page it lives on). Built at build
 * time by target-charts.ts, region-charts.ts and metric-charts.ts; rendered on pages,
 * embed views, exported images and CSV files alike, so they never disagree.
 */
import type { TableSpec } from './site-tables.ts';

/** One entry of a chart's key. */
export interface KeyItem {
  readonly kind: 'line' | 'dash' | 'dot' | 'band' | 'bar' | 'rule' | 'rule-dotted' | 'circle' | 'diamond' | 'triangle';
  readonly color: string;
  readonly label: string;
}

/** One small multiple. */
export interface Panel {
  readonly title: string;
  readonly svg: string;
  readonly href?: string;
}

/** A chart, ready to render. */
export interface ChartSpec {
  /** The id of the figure on its page (anchor and ARIA ids). */
  readonly id: string;
  /** Kind of chart (the chart module's name). */
  readonly kind: string;
  readonly title: string;
  /** What the chart is measured against (the target, or what is shown), for exports. */
  readonly subtitle: string;
  /** The chart in words. */
  readonly summary: string | readonly string[];
  readonly svg?: string;
  readonly panels?: readonly Panel[];
  readonly keyItems: readonly KeyItem[];
  readonly notes: readonly string[];
  readonly table?: TableSpec;
  readonly size?: 'normal' | 'wide';
  /** Where the figures come from (document titles, data source), for exports. */
  readonly sources: readonly string[];
  /**
   * `published`: real figures published elsewhere (data/reference/published-figures.csv), not
   * the site's data: marked so on the page and in exports, and never with the synthetic-data
   * warning. Absent: the site's own data.
   */
  readonly provenance?: 'published';
}
