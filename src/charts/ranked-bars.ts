/**
 * Regions ranked by a value, as horizontal bars, against a target line: bars coloured by
 * each region's status (the status is also in the tooltip and the table under the chart),
 * one region optionally highlighted. Regions without a published value are left out of the
 * chart and named in the summary.
 *
 * Pure: `rankedBarsOptions` → Plot options, `rankedBarsSvg` → SVG string,
 * `rankedBarsSummary` → the chart in words.
 */
import * as Plot from '@observablehq/plot';
import { formatValue, type ValueUnit } from '../lib/format.ts';
import { t, type Locale, type MessageKey } from '../lib/i18n.ts';
import type { TargetStatus } from '../lib/contract/published.ts';
import { COLORS, haloText, niceCeil, renderPlot, rowChartFrame, statusTone, textWidth, valueLabel, type ChartDocument, type SvgAttributes } from './common.ts';

/** One region of the ranking. */
export interface RankedRow {
  readonly code: string;
  readonly label: string;
  /** Null when not published (suppressed) or missing. */
  readonly value: number | null;
  readonly status?: TargetStatus | null;
  readonly highlight?: boolean;
  /** The value as its source writes it ("44.25%"), shown instead of the rounded label. */
  readonly text?: string;
}

/** Everything the ranking shows. */
export interface RankedBarsInput {
  readonly locale: Locale;
  readonly unit: ValueUnit;
  readonly rows: readonly RankedRow[];
  /** Value of the target line, if any. */
  readonly target?: number | null;
  /** What the values are, for the summary ("建会率（全部企业）"). */
  readonly measure: string;
  /** The date the values are for, already formatted. */
  readonly when: string;
}

/** The rows with a value, highest first (ties by code). */
export function rankRows(rows: readonly RankedRow[]): (RankedRow & { value: number })[] {
  return rows
    .filter((r): r is RankedRow & { value: number } => r.value !== null)
    .sort((a, b) => b.value - a.value || a.code.localeCompare(b.code));
}

/** The Plot options of the ranking. */
export function rankedBarsOptions(input: RankedBarsInput): Plot.PlotOptions {
  const { locale, unit } = input;
  const ranked = rankRows(input.rows);
  const data = ranked.map((r) => ({
    ...r,
    color: r.status ? COLORS[statusTone(r.status)] : COLORS.accent,
    text: r.text ?? valueLabel(locale, r.value, unit),
    tip: `${r.label}${locale === 'zh-CN' ? '：' : ': '}${r.text ?? formatValue(locale, r.value, unit)}${r.status ? ` · ${t(locale, `status.${r.status}` as MessageKey)}` : ''}`,
  }));
  const top = Math.max(input.target ?? 0, ...ranked.map((r) => r.value), 0);
  const xMax = unit === 'rate' ? Math.min(1, niceCeil(top * 1.02)) || 1 : niceCeil(top * 1.1) || 1;
  // Room on the right for the longest value label beyond its bar.
  const frame = rowChartFrame(ranked, locale, unit, { max: xMax, marginRight: Math.ceil(Math.max(0, ...data.map((d) => textWidth(d.text)))) + 8 });
  const marks: Plot.Markish[] = [
    ...frame.axis,
    Plot.barX(data, { y: 'code', x: 'value', fill: 'color', insetTop: 3, insetBottom: 3, title: 'tip' }),
    ...frame.labels,
    Plot.ruleX([0], { stroke: COLORS.ink }),
  ];
  const highlighted = data.filter((d) => d.highlight);
  if (highlighted.length > 0) {
    // A light band behind the highlighted region's row, under the bars.
    marks.splice(2, 0, Plot.cell(highlighted, { y: 'code', fill: COLORS.band, inset: 0 }));
  }
  if (input.target != null) {
    marks.push(Plot.ruleX([input.target], { stroke: COLORS.target, strokeWidth: 1.5, strokeDasharray: '6 3' }));
  }
  // The values last, on a halo: the target line passes behind them, never through them.
  marks.push(haloText(data, { y: 'code', x: 'value', text: 'text', textAnchor: 'start', dx: 4, fill: COLORS.ink }));
  return { ...frame.options, marks };
}

/** The ranking as an SVG string (an empty string when no region has a value). */
export function rankedBarsSvg(input: RankedBarsInput, document: ChartDocument, attrs: SvgAttributes = {}): string {
  if (rankRows(input.rows).length === 0) return '';
  return renderPlot(rankedBarsOptions(input), document, attrs);
}

/**
 * The ranking in words: "2024年12月31日建会率：最高为南宁市（45.0%），最低为来宾市（20.1%）；14个地区中3个达到目标55%；2个地区不予公布。"
 */
export function rankedBarsSummary(input: RankedBarsInput): string {
  const { locale, unit } = input;
  const ranked = rankRows(input.rows);
  const v = (row: { value: number; text?: string }) => row.text ?? formatValue(locale, row.value, unit);
  const missingCount = input.rows.length - ranked.length;
  const parts: string[] = [];
  const first = ranked[0];
  const last = ranked.at(-1);
  if (first === undefined || last === undefined) {
    return t(locale, 'summary.rank.none', { when: input.when, measure: input.measure });
  }
  parts.push(
    ranked.length === 1
      ? t(locale, 'summary.rank.one', { when: input.when, measure: input.measure, region: first.label, value: v(first) })
      : t(locale, 'summary.rank.range', {
          when: input.when,
          measure: input.measure,
          top: first.label,
          top_value: v(first),
          bottom: last.label,
          bottom_value: v(last),
        }),
  );
  if (input.target != null) {
    const reached = ranked.filter((r) => r.value >= input.target! - 1e-12).length;
    parts.push(
      reached === 0
        ? t(locale, 'summary.rank.reached.none', { total: ranked.length, target: v({ value: input.target }) })
        : t(locale, 'summary.rank.reached', { count: reached, total: ranked.length, target: v({ value: input.target }) }),
    );
  }
  if (missingCount === 1) parts.push(t(locale, 'summary.rank.missing.one'));
  else if (missingCount > 1) parts.push(t(locale, 'summary.rank.missing', { count: missingCount }));
  return parts.join(locale === 'zh-CN' ? '' : ' ');
}
