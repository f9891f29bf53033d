/**
 * Regions compared on two or three rates at once, as a dot plot: one row per region, one
 * dot per measure (each with its own colour and shape), a thin line joining a region's
 * dots; sorted by the first measure; one region optionally highlighted.
 *
 * Pure: `dotPlotOptions` → Plot options, `dotPlotSvg` → SVG string, `dotPlotSummary` → the
 * chart in words.
 */
import * as Plot from '@observablehq/plot';
import { formatValue, type ValueUnit } from '../lib/format.ts';
import { t, type Locale } from '../lib/i18n.ts';
import { COLORS, niceCeil, renderPlot, rowChartFrame, type ChartDocument, type SvgAttributes } from './common.ts';

/** One measure of the comparison. */
export interface DotSeries {
  readonly key: string;
  readonly label: string;
  /** Value per region code (null or absent when not published). */
  readonly values: ReadonlyMap<string, number | null>;
}

/** One region of the comparison. */
export interface DotRegion {
  readonly code: string;
  readonly label: string;
  readonly highlight?: boolean;
}

/** Everything the dot plot shows. */
export interface DotPlotInput {
  readonly locale: Locale;
  readonly unit: ValueUnit;
  readonly regions: readonly DotRegion[];
  /** Two or three measures; the first sets the order. */
  readonly series: readonly DotSeries[];
  /** The date the values are for, already formatted. */
  readonly when: string;
}

/** Colours and symbols of the measures, in order. */
export const DOT_STYLES = [
  { color: COLORS.accent, symbol: 'circle' },
  { color: COLORS.second, symbol: 'diamond2' },
  { color: COLORS.good, symbol: 'triangle2' },
] as const;

/** Regions in the order the chart shows them: by the first measure, highest first; regions without it last. */
export function dotOrder(input: DotPlotInput): DotRegion[] {
  const first = input.series[0];
  const value = (code: string) => first?.values.get(code) ?? null;
  return [...input.regions].sort((a, b) => {
    const va = value(a.code);
    const vb = value(b.code);
    if (va === null && vb === null) return a.code.localeCompare(b.code);
    if (va === null) return 1;
    if (vb === null) return -1;
    return vb - va || a.code.localeCompare(b.code);
  });
}

/** The Plot options of the dot plot. */
export function dotPlotOptions(input: DotPlotInput): Plot.PlotOptions {
  const { locale, unit } = input;
  const regions = dotOrder(input).filter((r) => input.series.some((s) => s.values.get(r.code) != null));
  const dots = input.series.flatMap((s, i) =>
    regions.flatMap((r) => {
      const value = s.values.get(r.code) ?? null;
      return value === null
        ? []
        : [{ code: r.code, value, i, tip: `${r.label} · ${s.label}${locale === 'zh-CN' ? '：' : ': '}${formatValue(locale, value, unit)}` }];
    }),
  );
  const spans = regions.flatMap((r) => {
    const values = input.series.map((s) => s.values.get(r.code)).filter((v): v is number => v != null);
    return values.length < 2 ? [] : [{ code: r.code, x1: Math.min(...values), x2: Math.max(...values) }];
  });
  const top = Math.max(0, ...dots.map((d) => d.value));
  const xMax = unit === 'rate' ? Math.min(1, niceCeil(top * 1.05)) || 1 : niceCeil(top * 1.1) || 1;
  const frame = rowChartFrame(regions, locale, unit, { max: xMax, marginRight: 16 });
  const marks: Plot.Markish[] = [
    Plot.cell(
      regions.filter((r) => r.highlight),
      { y: 'code', fill: COLORS.band, inset: 0 },
    ),
    ...frame.axis,
    Plot.ruleY(spans, { y: 'code', x1: 'x1', x2: 'x2', stroke: COLORS.compare, strokeWidth: 1 }),
    Plot.dot(dots, {
      y: 'code',
      x: 'value',
      r: 4.5,
      fill: (d: { i: number }) => DOT_STYLES[d.i]?.color ?? COLORS.ink,
      symbol: (d: { i: number }) => DOT_STYLES[d.i]?.symbol ?? 'circle',
      title: 'tip',
    }),
    ...frame.labels,
  ];
  return { ...frame.options, symbol: { type: 'identity' }, marks };
}

/** The dot plot as an SVG string (an empty string when nothing has a value). */
export function dotPlotSvg(input: DotPlotInput, document: ChartDocument, attrs: SvgAttributes = {}): string {
  if (!input.regions.some((r) => input.series.some((s) => s.values.get(r.code) != null))) return '';
  return renderPlot(dotPlotOptions(input), document, attrs);
}

/**
 * The dot plot in words, one sentence per measure: "2024年12月31日，建会率最高为南宁市（45.0%），最低为来宾市（20.1%）。…"
 */
export function dotPlotSummary(input: DotPlotInput): string {
  return dotPlotSummaries(input).join(input.locale === 'zh-CN' ? '' : ' ');
}

/** The dot plot in words, one sentence per measure and one for the highlighted region. */
export function dotPlotSummaries(input: DotPlotInput): string[] {
  const { locale, unit } = input;
  const name = new Map(input.regions.map((r) => [r.code, r.label]));
  const sentences = input.series.map((s) => {
    const known = input.regions
      .map((r) => ({ code: r.code, value: s.values.get(r.code) ?? null }))
      .filter((r): r is { code: string; value: number } => r.value !== null)
      .sort((a, b) => b.value - a.value || a.code.localeCompare(b.code));
    const top = known[0];
    const bottom = known.at(-1);
    if (top === undefined || bottom === undefined) return t(locale, 'summary.rank.none', { when: input.when, measure: s.label });
    if (known.length === 1) {
      return t(locale, 'summary.rank.one', { when: input.when, measure: s.label, region: name.get(top.code) ?? top.code, value: formatValue(locale, top.value, unit) });
    }
    return t(locale, 'summary.rank.range', {
      when: input.when,
      measure: s.label,
      top: name.get(top.code) ?? top.code,
      top_value: formatValue(locale, top.value, unit),
      bottom: name.get(bottom.code) ?? bottom.code,
      bottom_value: formatValue(locale, bottom.value, unit),
    });
  });
  const highlighted = input.regions.find((r) => r.highlight);
  if (highlighted) {
    const values = input.series
      .map((s) => {
        const value = s.values.get(highlighted.code) ?? null;
        return `${s.label} ${value === null ? t(locale, 'value.suppressed') : formatValue(locale, value, unit)}`;
      })
      .join(locale === 'zh-CN' ? '，' : ', ');
    sentences.push(t(locale, 'summary.dots.highlight', { region: highlighted.label, values }));
  }
  return sentences;
}
