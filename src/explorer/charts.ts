/**
 * The explorer's charts, drawn with Observable Plot: the regions (ranked bars), the trend
 * (a line over the period range) and the categories (bars in the breakdown's order).
 *
 * The same functions draw the build-time SVG of the default view (with linkedom's
 * `document`, in src/components/pages/ExplorerPage.astro) and every view in the browser,
 * so the chart a reader sees before the explorer loads is the one it redraws.
 *
 * Strict CSP (no inline styles): Plot's `<style>` element is removed and its rules live in
 * src/explorer/explorer.css (class `explorer-plot`); nothing here sets a style attribute.
 * Marks a reader can click carry `data-key` (region code, period or category); the
 * keyboard route to the same choices is the table and the form.
 */
import * as Plot from '@observablehq/plot';
import { formatDate, formatNumber, formatPercent, formatValue } from '../lib/format.ts';
import { OTHER, message, type Catalog } from '../lib/explorer/catalog.ts';
import { keyParts, type ViewRow } from '../lib/explorer/rows.ts';
import type { ViewTarget } from '../lib/explorer/view-target.ts';
import { isGap, rankWindow, type RankItem } from '../lib/explorer/rank-window.ts';
import { toDate } from '../lib/iso-date.ts';
import { tidyPlotSvg } from '../lib/tidy-plot-svg.ts';
import { timeTicks } from '../lib/time-ticks.ts';

/** Colours (each at least 3:1 against white). */
export const CHART_COLORS = {
  bar: '#0b4f8a',
  met: '#1a7f37',
  missed: '#b42318',
  dim: '#6f8fb3',
  selected: '#c2410c',
  muted: '#4a5260',
  target: '#b42318',
  rule: '#1b1f24',
} as const;

/** Colours of the lines of a trend split by category, in the breakdown's order (each at least 3:1 against white); `other` in grey. */
export const SERIES_COLORS = ['#0b4f8a', '#c2410c', '#1a7f37', '#7c3aed', '#9a6700', '#be185d', '#0e7490', '#5b21b6', '#3f6212'] as const;

/** What a chart needs besides its rows. */
export interface ChartOptions {
  readonly document: Document;
  readonly catalog: Catalog;
  readonly unit: 'rate' | 'count';
  /** The campaign target the view is judged against: its lines drawn and labelled, bars coloured met or missed. */
  readonly target: ViewTarget | null;
  /** Id of the element naming the chart, and of the one describing it. */
  readonly labelledBy: string;
  readonly describedBy: string;
  /** Width in SVG units (default 720; the browser passes its container's width). */
  readonly width?: number;
}

const WIDTH = 720;
const FONT = 12;
const ROW = 22;

/** Rough width of a label in SVG units (CJK characters are about one em wide). */
function labelWidth(text: string): number {
  let w = 0;
  for (const ch of text) w += /[\u2e80-\u9fff\uff00-\uffef]/.test(ch) ? FONT : FONT * 0.6;
  return w;
}

/** A label cut to fit, with an ellipsis. */
function shorten(text: string, max: number): string {
  if (labelWidth(text) <= max) return text;
  let out = '';
  for (const ch of text) {
    if (labelWidth(`${out}${ch}…`) > max) break;
    out += ch;
  }
  return `${out}…`;
}

/** The value as readers see it; the word for suppressed cells. */
function shown(options: ChartOptions, row: ViewRow): string {
  if (row.suppressed) return message(options.catalog, 'explorer.suppressed');
  return formatValue(options.catalog.locale, row.value, options.unit, { fixed: options.unit === 'rate' });
}

/** A mark's tooltip text: the value, or for a suppressed cell why it is not shown. */
function tip(options: ChartOptions, row: ViewRow): string {
  return row.suppressed ? message(options.catalog, 'explorer.suppressed.why', { k: options.catalog.k }) : shown(options, row);
}

/** Tick labels of the value axis. */
function valueTick(options: ChartOptions): (value: number) => string {
  const { locale } = options.catalog;
  return options.unit === 'rate'
    ? (v) => formatPercent(locale, v, { digits: 0 })
    : (v) => formatNumber(locale, v);
}

/** The name of the region an "other" row lies in (all provinces when none). */
function parentName(catalog: Catalog, code: string | null): string {
  const region = code === null ? undefined : catalog.regions.find((r) => r.code === code);
  if (region === undefined) return message(catalog, 'explorer.focus.all');
  return catalog.locale === 'en' ? region.name_en : region.name_zh;
}

/** How many ticks a value axis of this many SVG units has room for ("100%" and a gap each). */
export function valueTickCount(span: number): number {
  return Math.max(2, Math.min(5, Math.floor(span / 56)));
}

/** Upper end of the value axis: the largest value or target, with a little room. */
function valueMax(rows: readonly ViewRow[], options: ChartOptions): number {
  const values = [...rows.map((r) => r.value ?? 0), ...(options.target?.lines ?? [])];
  const max = Math.max(0, ...values);
  if (max === 0) return options.unit === 'rate' ? 1 : 1;
  return options.unit === 'rate' ? Math.min(1, max * 1.08) || 1 : max * 1.08;
}

/** A render transform that tags each element a mark draws with its row's key. */
function tagKeys(rows: readonly ViewRow[]): Plot.RenderFunction {
  return (index, scales, values, dimensions, context, next) => {
    const group = next?.(index, scales, values, dimensions, context) ?? null;
    if (group !== null) {
      const children = [...group.children];
      index.forEach((i, j) => {
        const row = rows[i];
        const child = children[j];
        if (row !== undefined && child !== undefined) child.setAttribute('data-key', row.key);
      });
    }
    return group;
  };
}

/** Plot's output as the site's chart SVG: no `<style>`, class, role and accessible name. */
function finish(node: Element, options: ChartOptions, kind: string): SVGSVGElement {
  if (node.tagName.toLowerCase() !== 'svg') throw new Error('explorer charts: expected an <svg>');
  const svg = node as SVGSVGElement;
  tidyPlotSvg(svg, FONT);
  svg.setAttribute('class', `chart-svg explorer-plot explorer-plot--${kind}`);
  svg.setAttribute('role', 'img');
  svg.setAttribute('aria-labelledby', options.labelledBy);
  svg.setAttribute('aria-describedby', options.describedBy);
  svg.removeAttribute('aria-label');
  return svg;
}

/** Horizontal bars, one per row, in the rows' order; suppressed rows marked in words; gaps told in words. */
function bars(items: readonly RankItem[], options: ChartOptions, highlight: (row: ViewRow) => boolean, anyHighlight: boolean, kind: string): SVGSVGElement {
  const rows = items.filter((item): item is ViewRow => !isGap(item));
  const published = rows.filter((r) => !r.suppressed && r.value !== null);
  const suppressed = rows.filter((r) => r.suppressed || r.value === null);
  const gaps = items.filter(isGap).map((gap) => ({ key: gap.key, text: message(options.catalog, `explorer.chart.gap.${gap.gap}`, { count: gap.count }) }));
  // An "other" row names its parent first, so that two of them stay apart when cut short.
  const labels = new Map(rows.map((r) => [r.key, r.region === OTHER ? message(options.catalog, 'explorer.chart.other.region', { parent: parentName(options.catalog, r.parent) }) : r.label]));
  const byKey = new Map(rows.map((r) => [r.key, r]));
  const width = options.width ?? WIDTH;
  const marginLeft = Math.min(220, Math.round(width * 0.38), Math.max(60, ...[...labels.values()].map((label) => labelWidth(label) + 16)));
  const marginRight = 70;
  const target = options.target;
  /** Met or missed, for a bar judged against the target (null when there is none to meet). */
  const judged = (row: ViewRow): boolean | null => (target === null || row.value === null ? null : target.meets(row.value));
  const fill = (row: ViewRow) => {
    const met = judged(row);
    if (met !== null) return met ? CHART_COLORS.met : CHART_COLORS.missed;
    return highlight(row) ? (anyHighlight ? CHART_COLORS.selected : CHART_COLORS.bar) : anyHighlight ? CHART_COLORS.dim : CHART_COLORS.bar;
  };
  const status = (row: ViewRow) => {
    const met = judged(row);
    return met === null ? '' : ` · ${message(options.catalog, met ? 'explorer.chart.met' : 'explorer.chart.missed')}`;
  };
  const max = valueMax(rows, options);
  const svg = Plot.plot({
    document: options.document,
    className: 'explorer-plot',
    width,
    height: 40 + items.length * ROW,
    marginLeft,
    marginRight,
    marginTop: 30,
    marginBottom: target === null ? 10 : 28,
    x: { domain: [0, max], axis: 'top', grid: true, label: null, tickFormat: valueTick(options), ticks: valueTickCount(width - marginLeft - marginRight) },
    y: {
      domain: items.map((item) => item.key),
      label: null,
      tickSize: 0,
      tickFormat: (key: string) => {
        const row = byKey.get(key);
        if (row === undefined) return '';
        const text = shorten(labels.get(key) ?? key, marginLeft - 12);
        return highlight(row) && anyHighlight ? `▸ ${text}` : text;
      },
    },
    marks: [
      // A gap ("⋯ 122 more, see the table") is a sentence: from the left edge across the empty row.
      Plot.text(gaps, { y: 'key', text: 'text', frameAnchor: 'left', textAnchor: 'start', dx: 4 - marginLeft, fill: CHART_COLORS.muted }),
      Plot.barX(published, {
        x: 'value',
        y: 'key',
        fill,
        title: (r: ViewRow) => `${r.label}: ${shown(options, r)}${status(r)}`,
        render: tagKeys(published),
      }),
      Plot.text(published, {
        x: 'value',
        y: 'key',
        text: (r: ViewRow) => shown(options, r),
        textAnchor: 'start',
        dx: 4,
        fill: CHART_COLORS.rule,
      }),
      Plot.text(suppressed, {
        x: 0,
        y: 'key',
        text: (r: ViewRow) => shown(options, r),
        textAnchor: 'start',
        dx: 4,
        fill: CHART_COLORS.muted,
        fontStyle: 'italic',
        title: (r: ViewRow) => `${r.label}: ${tip(options, r)}`,
        render: tagKeys(suppressed),
      }),
      ...(target?.lines ?? []).map((v) => Plot.ruleX([v], { stroke: CHART_COLORS.target, strokeWidth: 2, strokeDasharray: '5,3' })),
      // Each target line named under the bars, where no bar is.
      ...(target === null
        ? []
        : [
            Plot.text(target.lines, {
              x: (v: number) => v,
              frameAnchor: 'bottom',
              dy: 16,
              text: (v: number) => target.label(v),
              textAnchor: 'middle',
              fill: CHART_COLORS.target,
            }),
          ]),
      Plot.ruleX([0], { stroke: CHART_COLORS.rule }),
    ],
  });
  return finish(svg, options, kind);
}

/**
 * The regions of a level, ranked; the selected region highlighted. Many regions are cut
 * to the top and bottom of the ranking and the selected one (src/lib/explorer/rank-window.ts).
 */
export function regionChart(rows: readonly ViewRow[], options: ChartOptions & { readonly selected: string | null }): SVGSVGElement {
  return bars(rankWindow(rows, options.selected), options, (r) => r.key === options.selected, options.selected !== null, 'region');
}

/** The categories of a breakdown; the kept categories highlighted. */
export function categoryChart(rows: readonly ViewRow[], options: ChartOptions & { readonly kept: readonly string[] }): SVGSVGElement {
  const kept = new Set(options.kept);
  return bars(rows, options, (r) => kept.has(r.key), kept.size > 0, 'category');
}


/** The line a row of a split trend belongs to (`period|category` or `period|region`): its category or region code. */
function seriesOf(row: ViewRow): string {
  return keyParts(row.key)[1] ?? row.key;
}

/** The name of a row's line: the compared region's, or the category's. */
function seriesName(row: ViewRow): string {
  return seriesOf(row) === row.region ? row.regionName : row.categoryName;
}

/** The colour of each line of a split trend, by series, in row order (suppressed categories together in grey). */
function seriesColors(rows: readonly ViewRow[]): Map<string, string> {
  const colors = new Map<string, string>();
  for (const row of rows) {
    const series = seriesOf(row);
    if (colors.has(series)) continue;
    const grey = series === OTHER && series !== row.region;
    colors.set(series, grey ? CHART_COLORS.muted : (SERIES_COLORS[colors.size % SERIES_COLORS.length] ?? CHART_COLORS.bar));
  }
  return colors;
}

/** The focus over time: a line through the published values, suppressed periods marked. */
export function periodChart(
  rows: readonly ViewRow[],
  options: ChartOptions & { readonly from: string; readonly to: string },
): SVGSVGElement {
  const published = rows.filter((r) => !r.suppressed && r.value !== null);
  const suppressed = rows.filter((r) => r.suppressed || r.value === null);
  const { locale } = options.catalog;
  const max = valueMax(rows, options);
  // Split by category or by compared region: a line each, named in a legend under the chart.
  const split = rows.some((r) => keyParts(r.key)[1] !== null);
  const colors = seriesColors(rows);
  const names = new Map(rows.map((r) => [seriesOf(r), seriesName(r)]));
  const color = (r: ViewRow) => (split ? (colors.get(seriesOf(r)) ?? CHART_COLORS.bar) : CHART_COLORS.bar);
  const named = (r: ViewRow) => (split ? `${seriesName(r)} · ` : '');
  const from = toDate(options.from);
  const to = toDate(options.to);
  const single = from.getTime() === to.getTime();
  const domain: [Date, Date] = single ? [new Date(from.getTime() - 2e10), new Date(to.getTime() + 2e10)] : [from, to];
  const current = rows.find((r) => r.period === options.to);
  const deadline = options.target?.deadline ?? null;
  // Ticks on the period ends the points sit on, labelled as year ends or months; fewer when narrow.
  const width = options.width ?? WIDTH;
  const axis = timeTicks(locale, options.from, options.to, width < 480 ? 3 : 6, (year) => message(options.catalog, 'explorer.chart.year_end', { year }));
  // Room for half the label of a tick on the last date, centred on the frame's right edge.
  const lastTick = axis.ticks.at(-1);
  const marginRight = Math.max(24, lastTick === undefined || single ? 0 : Math.ceil(labelWidth(axis.format(lastTick)) / 2) + 4);
  const perRow = width >= 480 ? 3 : 2;
  const legendRows = split ? Math.ceil(colors.size / perRow) : 0;
  const LEGEND_ROW = 20;
  // Room for the legend under the time axis's labels.
  const legendSpace = legendRows === 0 ? 0 : 12 + legendRows * LEGEND_ROW;
  const svg = Plot.plot({
    document: options.document,
    className: 'explorer-plot',
    width,
    height: 300 + legendSpace,
    marginLeft: 64,
    marginRight,
    marginTop: 20,
    marginBottom: 36 + legendSpace,
    x: { type: 'utc', domain, label: null, ticks: axis.ticks, tickFormat: axis.format },
    y: { domain: [0, max], grid: true, label: null, tickFormat: valueTick(options), ticks: 5 },
    marks: [
      Plot.ruleY([0], { stroke: CHART_COLORS.rule }),
      ...(options.target?.lines ?? []).map((v) => Plot.ruleY([v], { stroke: CHART_COLORS.target, strokeWidth: 2, strokeDasharray: '5,3' })),
      // The target's level named at the left end of its line, above it.
      ...(options.target === null
        ? []
        : [
            Plot.text(options.target.lines, {
              x: domain[0],
              y: (v: number) => v,
              text: (v: number) => options.target!.label(v),
              textAnchor: 'start',
              dx: 4,
              dy: -8,
              fill: CHART_COLORS.target,
            }),
          ]),
      ...(deadline !== null && deadline >= options.from && deadline <= options.to ? [Plot.ruleX([toDate(deadline)], { stroke: CHART_COLORS.target, strokeDasharray: '2,3' })] : []),
      ...(current !== undefined ? [Plot.ruleX([toDate(current.period)], { stroke: CHART_COLORS.selected, strokeOpacity: 0.6 })] : []),
      Plot.lineY(rows, {
        x: (r: ViewRow) => toDate(r.period),
        y: (r: ViewRow) => (r.suppressed ? null : r.value),
        z: (r: ViewRow) => (split ? seriesOf(r) : null),
        stroke: (r: ViewRow) => color(r),
        strokeWidth: 2,
      }),
      Plot.dot(published, {
        x: (r: ViewRow) => toDate(r.period),
        y: 'value',
        r: split ? 3 : 4,
        fill: (r: ViewRow) => (!split && r.period === options.to ? CHART_COLORS.selected : color(r)),
        title: (r: ViewRow) => `${named(r)}${formatDate(locale, r.period)}: ${shown(options, r)}`,
        render: tagKeys(published),
      }),
      Plot.dot(suppressed, {
        x: (r: ViewRow) => toDate(r.period),
        y: 0,
        r: 4,
        symbol: 'times',
        stroke: CHART_COLORS.muted,
        title: (r: ViewRow) => `${named(r)}${formatDate(locale, r.period)}: ${tip(options, r)}`,
        render: tagKeys(suppressed),
      }),
    ],
  });
  if (split) {
    // The legend: a swatch and a name per category, in rows under the time axis.
    const doc = options.document;
    const ns = 'http://www.w3.org/2000/svg';
    const legend = doc.createElementNS(ns, 'g');
    legend.setAttribute('class', 'explorer-legend');
    const column = (width - 64 - marginRight) / perRow;
    [...colors].forEach(([code, fill], i) => {
      const x = 64 + (i % perRow) * column;
      const y = 306 + Math.floor(i / perRow) * LEGEND_ROW;
      const dot = doc.createElementNS(ns, 'circle');
      dot.setAttribute('cx', String(x + 5));
      dot.setAttribute('cy', String(y - 4));
      dot.setAttribute('r', '5');
      dot.setAttribute('fill', fill);
      const label = doc.createElementNS(ns, 'text');
      label.setAttribute('x', String(x + 14));
      label.setAttribute('y', String(y));
      label.setAttribute('fill', CHART_COLORS.rule);
      label.setAttribute('text-anchor', 'start');
      label.textContent = shorten(names.get(code) ?? code, column - 18);
      legend.append(dot, label);
    });
    (svg as Element).append(legend);
  }
  return finish(svg, options, 'period');
}
