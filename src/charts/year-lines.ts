/**
 * Published yearly figures as lines, one per series (national union density and bargaining
 * coverage; migrant-worker totals): a dot on every published year (years without a figure are
 * gaps in the dots, not in the line, and the summary says which years are published), the last
 * value of each series written beside it as published (labels that would overlap pulled apart).
 *
 * Pure: `yearLinesOptions` → Plot options, `yearLinesSvg` → SVG string, `yearLinesSummaries`
 * → the chart in words, one sentence per series.
 */
import * as Plot from '@observablehq/plot';
import type { ValueUnit } from '../lib/format.ts';
import type { Locale } from '../lib/i18n.ts';
import { COLORS, FONT_SIZE, haloText, renderPlot, textWidth, valueTicks, type ChartDocument, type SvgAttributes } from './common.ts';

/** One line. */
export interface YearSeries {
  readonly key: string;
  readonly label: string;
  /** Published values by year (a rate as a fraction), each with its text as published ("44.25%", "29,973万人"). */
  readonly points: readonly { readonly year: number; readonly value: number; readonly text: string }[];
}

/** Everything the chart shows. */
export interface YearLinesInput {
  readonly locale: Locale;
  readonly unit: ValueUnit;
  readonly series: readonly YearSeries[];
}

/** Colours of the series, in order. */
export const YEAR_LINE_COLORS = [COLORS.accent, COLORS.second] as const;

/** Drawn at a phone's width, as the other charts are, so that its text is never scaled below 12 px there. */
const WIDTH = 360;
const HEIGHT = 240;
const MARGIN_TOP = 16;
const MARGIN_BOTTOM = 28;
/** Least distance between two end labels, in SVG units. */
const LINE_GAP = FONT_SIZE + 2;

/** The Plot options of the chart. */
export function yearLinesOptions(input: YearLinesInput): Plot.PlotOptions {
  const { locale, unit } = input;
  const data = input.series.flatMap((s, i) => s.points.map((p) => ({ ...p, key: s.key, label: s.label, color: YEAR_LINE_COLORS[i % YEAR_LINE_COLORS.length]! })));
  if (data.length === 0) throw new Error('year-lines: no points');
  const years = data.map((d) => d.year);
  const [first, last] = [Math.min(...years), Math.max(...years)];
  const top = Math.max(...data.map((d) => d.value));
  const y = valueTicks(locale, unit, unit === 'rate' ? Math.min(1, top * 1.15) : top * 1.15, 5);
  const yMax = y.ticks.at(-1)!;
  const plotHeight = HEIGHT - MARGIN_TOP - MARGIN_BOTTOM;
  // Each series' last value beside its last dot; labels closer than a line apart are pulled apart.
  const ends = input.series
    .map((s, i) => ({ ...s.points.at(-1)!, color: YEAR_LINE_COLORS[i % YEAR_LINE_COLORS.length]!, px: MARGIN_TOP + (1 - s.points.at(-1)!.value / yMax) * plotHeight, dy: 0 }))
    .sort((a, b) => a.px - b.px);
  for (let i = 1; i < ends.length; i += 1) {
    const gap = ends[i]!.px + ends[i]!.dy - (ends[i - 1]!.px + ends[i - 1]!.dy);
    if (gap < LINE_GAP) {
      ends[i - 1]!.dy -= (LINE_GAP - gap) / 2;
      ends[i]!.dy += (LINE_GAP - gap) / 2;
    }
  }
  const marginRight = Math.ceil(Math.max(...ends.map((e) => textWidth(e.text)))) + 14;
  const marginLeft = Math.ceil(Math.max(...y.ticks.map((v) => textWidth(y.format(v))))) + 10;
  const tip = (d: (typeof data)[number]) => `${d.label} · ${String(d.year)}${locale === 'zh-CN' ? '年：' : ': '}${d.text}`;
  return {
    width: WIDTH,
    height: HEIGHT,
    marginLeft,
    marginRight,
    marginTop: MARGIN_TOP,
    marginBottom: MARGIN_BOTTOM,
    style: { fontSize: `${String(FONT_SIZE)}px` },
    x: { domain: [first, last], ticks: yearTicks(first, last), tickFormat: (v: number) => String(v), label: null },
    y: { domain: [0, yMax], ticks: y.ticks, tickFormat: y.format, label: null, grid: true },
    marks: [
      Plot.ruleY([0], { stroke: COLORS.grid }),
      ...input.series.map((s, i) => Plot.line(s.points, { x: 'year', y: 'value', stroke: YEAR_LINE_COLORS[i % YEAR_LINE_COLORS.length], strokeWidth: 2 })),
      Plot.dot(data, { x: 'year', y: 'value', r: 3, fill: 'color', title: tip }),
      ...ends.map((end) => haloText([end], { x: 'year', y: 'value', text: 'text', textAnchor: 'start', dx: 7, dy: Math.round(end.dy * 10) / 10, fill: end.color, fontWeight: 700 })),
    ],
  };
}

/** Yearly ticks, every n years so that at most six fit. */
function yearTicks(first: number, last: number): number[] {
  const step = Math.max(1, Math.ceil((last - first) / 5));
  const ticks: number[] = [];
  for (let year = first; year <= last; year += step) ticks.push(year);
  return ticks;
}

/** The chart as an SVG string. */
export function yearLinesSvg(input: YearLinesInput, document: ChartDocument, attrs: SvgAttributes = {}): string {
  return renderPlot(yearLinesOptions(input), document, attrs);
}

/** The chart in words: per series, its first and last published values and the years published. */
export function yearLinesSummaries(input: YearLinesInput): string[] {
  const { locale } = input;
  return input.series.map((s) => {
    const first = s.points[0]!;
    const last = s.points.at(-1)!;
    const years = s.points.map((p) => String(p.year)).join(locale === 'zh-CN' ? '、' : ', ');
    return locale === 'zh-CN'
      ? `${s.label}：${String(first.year)}年${first.text}，${String(last.year)}年${last.text}（公布年份：${years}）。`
      : `${s.label}: ${first.text} in ${String(first.year)}, ${last.text} in ${String(last.year)} (years published: ${years}).`;
  });
}
