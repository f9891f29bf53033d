/**
 * Small multiples: one small line chart per panel (a metric in a region, or a region for a
 * metric), each with an optional comparison line (e.g. the parent region) and an optional
 * target line, on a shared y scale so that panels can be compared. Each panel is its own
 * SVG so that the page lays the panels out in a grid that reflows on phones.
 *
 * Pure: `trendPanelOptions` → Plot options of one panel, `trendPanelSvg` → its SVG string,
 * `trendPanelsSummary` → all panels in words.
 */
import * as Plot from '@observablehq/plot';
import { formatDate, formatValue, type ValueUnit } from '../lib/format.ts';
import { t, type Locale } from '../lib/i18n.ts';
import { COLORS, FONT_SIZE, axisMargins, latestValueLabel, valueTicks, niceCeil, renderPlot, timeTicks, toDate, type ChartDocument, type SvgAttributes } from './common.ts';

/** One value of a line (null when not published or missing). */
export interface TrendPoint {
  readonly period: string;
  readonly value: number | null;
}

/** One panel. */
export interface TrendPanel {
  readonly key: string;
  readonly title: string;
  readonly unit: ValueUnit;
  readonly points: readonly TrendPoint[];
  /** A comparison line, e.g. the parent region. */
  readonly compare?: { readonly label: string; readonly points: readonly TrendPoint[] } | null;
  readonly target?: number | null;
}

/** Shared settings of a set of panels. */
export interface TrendPanelsInput {
  readonly locale: Locale;
  readonly panels: readonly TrendPanel[];
  readonly from: string;
  readonly to: string;
  /** Upper end of the y axis for rate panels (shared); default: fitted to all panels. */
  readonly rateMax?: number;
}

const WIDTH = 300;
const HEIGHT = 150;

const known = (points: readonly TrendPoint[]) =>
  points.filter((p): p is { period: string; value: number } => p.value !== null);

/** The shared upper end of the y axis of the rate panels. */
export function sharedRateMax(input: TrendPanelsInput): number {
  if (input.rateMax !== undefined) return input.rateMax;
  const values = input.panels
    .filter((p) => p.unit === 'rate')
    .flatMap((p) => [...known(p.points), ...known(p.compare?.points ?? [])].map((x) => x.value).concat(p.target ?? 0));
  return Math.min(1, niceCeil(Math.max(0.01, ...values) * 1.05));
}

/** The Plot options of one panel. */
export function trendPanelOptions(input: TrendPanelsInput, panel: TrendPanel): Plot.PlotOptions {
  const { locale } = input;
  const inRange = (p: TrendPoint) => p.period >= input.from && p.period <= input.to;
  const line = panel.points.filter(inRange).map((p) => ({ date: toDate(p.period), value: p.value, period: p.period }));
  const compare = (panel.compare?.points ?? []).filter(inRange).map((p) => ({ date: toDate(p.period), value: p.value }));
  const values = [...known(panel.points.filter(inRange)), ...known((panel.compare?.points ?? []).filter(inRange))].map((p) => p.value);
  const yMax = panel.unit === 'rate' ? sharedRateMax(input) : niceCeil(Math.max(1, ...values, panel.target ?? 0) * 1.1);
  const value = valueTicks(locale, panel.unit, yMax, 3);
  const { left } = axisMargins(WIDTH, value.ticks.map(value.format), null, { right: 26 });
  const { ticks, format } = timeTicks(locale, input.from, input.to, WIDTH - left - 26, 3);
  const margin = axisMargins(WIDTH, value.ticks.map(value.format), { ticks, format, from: input.from, to: input.to }, { right: 26 });
  const last = known(line).at(-1) as { date: Date; value: number; period: string } | undefined;
  const marks: Plot.Markish[] = [
    Plot.gridY({ ticks: value.ticks, stroke: COLORS.grid, strokeOpacity: 1 }),
    Plot.axisY({ ticks: value.ticks, tickFormat: value.format, label: null, tickSize: 0 }),
    Plot.axisX({ ticks, tickFormat: format, label: null }),
    Plot.ruleY([0], { stroke: COLORS.muted }),
  ];
  if (panel.target != null) {
    marks.push(Plot.ruleY([panel.target], { stroke: COLORS.target, strokeWidth: 1.25, strokeDasharray: '5 3' }));
  }
  if (compare.length > 0) {
    marks.push(Plot.line(compare, { x: 'date', y: 'value', stroke: COLORS.compare, strokeWidth: 1.5, strokeDasharray: '4 2' }));
  }
  marks.push(
    Plot.line(line, { x: 'date', y: 'value', stroke: COLORS.accent, strokeWidth: 2 }),
    Plot.dot(known(line), {
      x: 'date',
      y: 'value',
      r: 2,
      fill: COLORS.accent,
      title: (d: { period: string; value: number }) => `${formatDate(locale, d.period)}${locale === 'zh-CN' ? '：' : ': '}${formatValue(locale, d.value, panel.unit)}`,
    }),
  );
  if (last) {
    marks.push(
      latestValueLabel(last, locale, panel.unit, -9),
    );
  }
  return {
    width: WIDTH,
    height: HEIGHT,
    marginLeft: margin.left,
    marginRight: margin.right,
    marginTop: 12,
    marginBottom: 24,
    style: { fontSize: `${FONT_SIZE}px` },
    x: { type: 'utc', domain: [toDate(input.from), toDate(input.to)] },
    y: { domain: [0, yMax] },
    marks,
  };
}

/** One panel as an SVG string. */
export function trendPanelSvg(input: TrendPanelsInput, panel: TrendPanel, document: ChartDocument, attrs: SvgAttributes = {}): string {
  return renderPlot(trendPanelOptions(input, panel), document, attrs);
}

/** One panel in words: "建会率：2024年12月31日为35.2%，2019年12月31日为24.0%（上级地区：30.1%）。" */
export function trendPanelSummary(input: TrendPanelsInput, panel: TrendPanel): string {
  const { locale } = input;
  const points = known(panel.points.filter((p) => p.period >= input.from && p.period <= input.to));
  const last = points.at(-1);
  const first = points[0];
  const v = (x: number) => formatValue(locale, x, panel.unit);
  if (last === undefined || first === undefined) return t(locale, 'summary.trend.none', { title: panel.title });
  const compareLast = panel.compare ? known(panel.compare.points).filter((p) => p.period === last.period).at(-1) : undefined;
  const base =
    first.period === last.period
      ? t(locale, 'summary.trend.one', { title: panel.title, date: formatDate(locale, last.period), value: v(last.value) })
      : t(locale, 'summary.trend.range', {
          title: panel.title,
          first_date: formatDate(locale, first.period),
          first_value: v(first.value),
          date: formatDate(locale, last.period),
          value: v(last.value),
        });
  if (compareLast === undefined || panel.compare == null) return base;
  const compare = t(locale, 'summary.trend.compare', { label: panel.compare.label, value: v(compareLast.value) });
  return locale === 'zh-CN' ? `${base}${compare}` : `${base} ${compare}`;
}

/** All panels in words, one sentence (or two) per panel. */
export function trendPanelsSummaries(input: TrendPanelsInput): string[] {
  return input.panels.map((p) => trendPanelSummary(input, p));
}

/** All panels in words, as one text. */
export function trendPanelsSummary(input: TrendPanelsInput): string {
  return trendPanelsSummaries(input).join(input.locale === 'zh-CN' ? '' : ' ');
}
