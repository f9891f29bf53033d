/**
 * What the chart modules share: rendering Observable Plot options to an SVG string with a
 * given `document` (server-side, e.g. linkedom's), the site's chart colours, time ticks in
 * each language, and label fitting.
 *
 * Chart modules are pure: data in, Plot options or an SVG string out. They never read
 * files; pages pass them the published rows.
 */
import * as Plot from '@observablehq/plot';
import { ticks as niceTicks } from 'd3';
import { formatValue, type ValueUnit } from '../lib/format.ts';
import { timeTicks as sharedTimeTicks } from '../lib/time-ticks.ts';
import { toDate, toIso } from '../lib/iso-date.ts';
import { tidyPlotSvg } from '../lib/tidy-plot-svg.ts';
import { t, type Locale } from '../lib/i18n.ts';
import type { TargetStatus } from '../lib/contract/published.ts';

/** The document a chart is rendered with (a real one in the browser, linkedom's on the server). */
export type ChartDocument = Document;

/** Colours of the charts (contrast ≥ 3:1 on white for every mark colour). */
export const COLORS = {
  ink: '#1b1f24',
  muted: '#4a5260',
  grid: '#d5d9e0',
  band: '#eef1f5',
  bandAlt: '#e2e7ee',
  accent: '#0b4f8a',
  compare: '#6b7280',
  target: '#b42318',
  path: '#4a5260',
  second: '#b45309',
  good: '#1a7f37',
  warn: '#9a6700',
  bad: '#b42318',
  neutral: '#6b7280',
} as const;

/** A status's tone, for colour (the status word is always written next to it). */
export type Tone = 'good' | 'warn' | 'bad' | 'neutral';

/** The tone of a target status. */
export function statusTone(status: TargetStatus): Tone {
  switch (status) {
    case 'on_track':
    case 'met':
    case 'compliant':
    case 'substantial_progress':
      return 'good';
    case 'at_risk':
    case 'moderate_progress':
    case 'limited_progress':
      return 'warn';
    case 'off_track':
    case 'missed':
    case 'not_compliant':
    case 'deterioration':
      return 'bad';
    default:
      return 'neutral';
  }
}

/** Attributes set on the root `<svg>` of a chart. */
export interface SvgAttributes {
  /** `id` of the element naming the chart (aria-labelledby). */
  readonly labelledBy?: string;
  /** `id` of the element describing the chart (aria-describedby). */
  readonly describedBy?: string;
  /** Accessible name, when there is no element to point to. */
  readonly label?: string;
  /** Extra class names. */
  readonly className?: string;
}

/** The font size of chart text, in SVG units. */
export const FONT_SIZE = 12;

/**
 * Render Plot options to an SVG string. Plot's inline `<style>` and class are replaced by
 * the site's `.chart-svg` class (styled in global.css), and the SVG is marked as an image
 * with the given accessible name and description.
 */
export function renderPlot(options: Plot.PlotOptions, document: ChartDocument, attrs: SvgAttributes = {}): string {
  const svg = Plot.plot({ ...options, document, className: 'plot' }) as unknown as SVGSVGElement;
  if (svg.tagName.toLowerCase() !== 'svg') throw new Error('charts: expected Plot to return an <svg> (no figure options)');
  tidyPlotSvg(svg, FONT_SIZE);
  roundAttributes(svg);
  svg.setAttribute('class', ['chart-svg', attrs.className].filter(Boolean).join(' '));
  svg.setAttribute('role', 'img');
  if (attrs.labelledBy !== undefined) svg.setAttribute('aria-labelledby', attrs.labelledBy);
  if (attrs.describedBy !== undefined) svg.setAttribute('aria-describedby', attrs.describedBy);
  if (attrs.label !== undefined) svg.setAttribute('aria-label', attrs.label);
  return svg.outerHTML;
}

/** Numbers with three or more decimals in attribute values (coordinates, paths; not "0.32em"). */
const LONG_DECIMAL = /-?\d+\.\d{3,}/g;

/**
 * Round the coordinates of every element to one decimal (a tenth of an SVG unit is far
 * below a pixel), which keeps the inline SVG small and the output stable. Text is untouched.
 */
function roundAttributes(root: Element): void {
  for (const element of [root, ...root.querySelectorAll('*')]) {
    for (const name of element.getAttributeNames()) {
      const value = element.getAttribute(name);
      if (value === null || !LONG_DECIMAL.test(value)) continue;
      LONG_DECIMAL.lastIndex = 0;
      element.setAttribute(name, value.replace(LONG_DECIMAL, (n) => String(Math.round(Number(n) * 10) / 10)));
    }
  }
}

export { toDate, toIso } from '../lib/iso-date.ts';

/** The same date `years` earlier (or later, when negative). */
export function yearsBefore(iso: string, years: number): string {
  const d = toDate(iso);
  d.setUTCFullYear(d.getUTCFullYear() - years);
  return toIso(d);
}

/**
 * Ticks for a time axis from `from` to `to` (ISO dates) on a plot `width` SVG units wide
 * (src/lib/time-ticks.ts): year ends labelled "2020年底" / "end-2020" for spans of more than
 * three years, else quarter ends labelled with the month; at most `max` of them, and fewer
 * until no two labels touch.
 */
export function timeTicks(locale: Locale, from: string, to: string, width: number, max = 6): { ticks: Date[]; format: (d: Date) => string } {
  const axis = (n: number) => sharedTimeTicks(locale, from, to, n, (year) => t(locale, 'chart.year_end', { year }));
  const start = toDate(from).getTime();
  const span = toDate(to).getTime() - start || 1;
  const fits = ({ ticks, format }: { ticks: Date[]; format: (d: Date) => string }) =>
    ticks.every((d, i) => {
      const next = ticks[i + 1];
      if (next === undefined) return true;
      const gap = ((next.getTime() - d.getTime()) / span) * width;
      return gap >= (textWidth(format(d)) + textWidth(format(next))) / 2 + 8;
    });
  for (let n = max; n > 2; n--) {
    const ticks = axis(n);
    if (fits(ticks)) return ticks;
  }
  return axis(2);
}

/** Is this character wide (CJK, full-width)? */
function isWide(char: string): boolean {
  return /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/u.test(char);
}

/**
 * Approximate width of a text in SVG units at `fontSize`, a little over what the site's fonts
 * draw (DejaVu Sans, Noto Sans CJK): wide characters 1 em, % and m/w 0.95, spaces and
 * punctuation 0.35, others 0.64.
 */
export function textWidth(text: string, fontSize = FONT_SIZE): number {
  let em = 0;
  for (const char of text) em += isWide(char) ? 1 : /[%mwMW]/.test(char) ? 0.95 : /[\s.,:;'’()|-]/.test(char) ? 0.35 : 0.64;
  return em * fontSize;
}

/** A time axis: its ticks and labels over the dates from `from` to `to`. */
export interface TimeAxis {
  readonly ticks: readonly Date[];
  readonly format: (d: Date) => string;
  readonly from: string;
  readonly to: string;
}

/**
 * The margins of a chart `width` units wide: on the left room for its widest value label
 * (Plot sets a y-axis label about 9 units left of the frame), and on both sides room for the
 * time labels centred on the first and last ticks near the frame's edges.
 */
export function axisMargins(width: number, valueLabels: readonly string[], time: TimeAxis | null, min: { left?: number; right: number }): { left: number; right: number } {
  let left = Math.max(min.left ?? 0, Math.ceil(Math.max(0, ...valueLabels.map((label) => textWidth(label)))) + 11);
  let right = min.right;
  if (time !== null && time.ticks.length > 0) {
    const start = toDate(time.from).getTime();
    const span = toDate(time.to).getTime() - start || 1;
    const first = time.ticks[0]!;
    const last = time.ticks.at(-1)!;
    // Twice: the first pass's margins change the frame the ticks are placed on.
    for (let pass = 0; pass < 2; pass++) {
      const frame = width - left - right;
      const at = (d: Date) => ((d.getTime() - start) / span) * frame;
      left = Math.max(left, Math.ceil(textWidth(time.format(first)) / 2 - at(first)) + 2);
      right = Math.max(right, Math.ceil(textWidth(time.format(last)) / 2 - (frame - at(last))) + 2);
    }
  }
  return { left, right };
}

/** Shorten a label to at most `width` SVG units, ending it with an ellipsis when cut. */
export function fitLabel(text: string, width: number, fontSize = FONT_SIZE): string {
  if (textWidth(text, fontSize) <= width) return text;
  let out = '';
  for (const char of text) {
    if (textWidth(`${out}${char}…`, fontSize) > width) break;
    out += char;
  }
  return `${out.trimEnd()}…`;
}

/** Round a number for use as a domain bound: the next "nice" value above it. */
export function niceCeil(value: number): number {
  if (value <= 0) return 1;
  const magnitude = 10 ** Math.floor(Math.log10(value));
  for (const step of [1, 1.2, 1.5, 2, 2.5, 3, 4, 5, 6, 8, 10]) {
    if (step * magnitude >= value) return step * magnitude;
  }
  return 10 * magnitude;
}

/**
 * Text on a white halo, as two marks: the same text in white with a white outline below, the
 * text itself above. Not one text with `paint-order: stroke`, which LibreOffice and Office
 * ignore: they paint the outline over the letters and the label vanishes.
 */
export function haloText<T>(data: Plot.Data | T[], options: Plot.TextOptions): Plot.Markish {
  return [Plot.text(data, { ...options, fill: 'white', stroke: 'white', strokeWidth: 3 }), Plot.text(data, options)];
}

/** A value as a chart writes it beside a mark: 万/亿 for counts, rates with one fixed decimal. */
export function valueLabel(locale: Locale, value: number, unit: ValueUnit): string {
  return formatValue(locale, value, unit, { compact: true, fixed: unit === 'rate' });
}

/**
 * The latest value written next to its dot, bold in the accent colour on a white halo
 * (progress and trend charts). `dy` places it above (negative) or below the dot.
 */
export function latestValueLabel(point: { date: Date; value: number }, locale: Locale, unit: ValueUnit, dy: number): Plot.Markish {
  return haloText([point], {
    x: 'date',
    y: 'value',
    text: (d: { value: number }) => valueLabel(locale, d.value, unit),
    textAnchor: 'end',
    dy,
    fill: COLORS.accent,
    fontWeight: 700,
  });
}

/**
 * The ticks of a value axis from 0 to `max` (about `count` of them, d3's nice steps) and their
 * labels, with the fewest decimals (0 to 2) that keep every label distinct once counts are
 * written in 万/亿 ("1万, 1.5万, 2万", not "1万, 2万, 2万").
 */
export function valueTicks(locale: Locale, unit: ValueUnit, max: number, count: number): { ticks: number[]; format: (v: number) => string } {
  const ticks = niceTicks(0, max, count);
  const formatWith = (digits: number) => (v: number) => formatValue(locale, v, unit, { digits, compact: true });
  const digits = [0, 1].find((d) => new Set(ticks.map(formatWith(d))).size === ticks.length) ?? 2;
  return { ticks, format: formatWith(digits) };
}

/** A row of a row chart (ranked bars, dot plot): one region, by code, with its label. */
export interface RowChartRow {
  readonly code: string;
  readonly label: string;
  readonly highlight?: boolean;
}

/** Width of the row charts (drawn for a phone: about their own size at 390 px), height of a row, widest label column (px). */
const ROW_CHART = { width: 360, row: 22, maxLabel: 140 } as const;

/**
 * What the row charts share: one row per region in the order given, the labels (fitted to
 * a column of at most 140 px, the highlighted one bold) at the left, a value axis with its
 * grid on top, from 0 to `xMax`. The caller places `axis` and `labels` among its own marks.
 */
export function rowChartFrame(
  rows: readonly RowChartRow[],
  locale: Locale,
  unit: ValueUnit,
  x: { readonly max: number; readonly marginRight: number },
): { axis: Plot.Markish[]; labels: Plot.Markish[]; options: Plot.PlotOptions } {
  const labelWidth = Math.min(ROW_CHART.maxLabel, Math.max(0, ...rows.map((r) => textWidth(r.label))));
  const labelled = rows.map((r) => ({ code: r.code, short: fitLabel(r.label, labelWidth), highlight: r.highlight === true }));
  const value = valueTicks(locale, unit, x.max, 4);
  const lastTick = value.ticks.at(-1);
  const label = (highlight: boolean) =>
    Plot.text(
      labelled.filter((r) => r.highlight === highlight),
      { y: 'code', text: 'short', frameAnchor: 'left', textAnchor: 'end', dx: -8, fill: COLORS.ink, ...(highlight ? { fontWeight: 700 } : {}) },
    );
  return {
    axis: [
      Plot.gridX({ ticks: value.ticks, stroke: COLORS.grid, strokeOpacity: 1 }),
      Plot.axisX({ ticks: value.ticks, tickFormat: value.format, label: null, anchor: 'top', tickSize: 0 }),
    ],
    labels: [label(false), label(true)],
    options: {
      width: ROW_CHART.width,
      height: Math.max(60, rows.length * ROW_CHART.row + 36),
      marginLeft: Math.ceil(labelWidth) + 12,
      // Room for the caller's labels, and for half the last tick's label, centred on the frame's edge.
      marginRight: Math.max(x.marginRight, lastTick === undefined ? 0 : Math.ceil(textWidth(value.format(lastTick)) / 2) + 2),
      marginTop: 24,
      marginBottom: 8,
      style: { fontSize: `${FONT_SIZE}px` },
      x: { domain: [0, x.max] },
      y: { domain: rows.map((r) => r.code), axis: null, padding: 0 },
    },
  };
}
