/**
 * A small trend line without axes, for the campaign cards of the home page: the headline
 * metric over time, with the target as a dashed line and the deadline as a thin rule.
 * The card's text says the same in words, and is the chart's accessible name.
 *
 * Pure: `sparklineOptions` → Plot options, `sparklineSvg` → SVG string.
 */
import * as Plot from '@observablehq/plot';
import type { ValueUnit } from '../lib/format.ts';
import { COLORS, niceCeil, renderPlot, toDate, type ChartDocument, type SvgAttributes } from './common.ts';

/** Everything a sparkline shows. */
export interface SparklineInput {
  readonly unit: ValueUnit;
  readonly points: readonly { readonly period: string; readonly value: number | null }[];
  readonly target?: number | null;
  readonly deadline?: string | null;
  readonly from: string;
  readonly to: string;
}

const WIDTH = 240;
const HEIGHT = 56;

/** The Plot options of the sparkline. */
export function sparklineOptions(input: SparklineInput): Plot.PlotOptions {
  const data = input.points
    .filter((p) => p.period >= input.from && p.period <= input.to)
    .map((p) => ({ date: toDate(p.period), value: p.value }));
  const values = data.map((d) => d.value).filter((v): v is number => v !== null);
  const top = Math.max(input.target ?? 0, ...values, 0);
  const yMax = input.unit === 'rate' ? Math.min(1, niceCeil(top * 1.05)) || 1 : niceCeil(top * 1.1) || 1;
  const last = data.filter((d) => d.value !== null).at(-1);
  const marks: Plot.Markish[] = [Plot.ruleY([0], { stroke: COLORS.grid })];
  if (input.deadline != null && input.deadline >= input.from && input.deadline <= input.to) {
    marks.push(Plot.ruleX([toDate(input.deadline)], { stroke: COLORS.muted, strokeWidth: 1 }));
  }
  if (input.target != null) {
    marks.push(Plot.ruleY([input.target], { stroke: COLORS.target, strokeWidth: 1.25, strokeDasharray: '4 2' }));
  }
  marks.push(Plot.line(data, { x: 'date', y: 'value', stroke: COLORS.accent, strokeWidth: 2 }));
  if (last) marks.push(Plot.dot([last], { x: 'date', y: 'value', r: 3, fill: COLORS.accent }));
  return {
    width: WIDTH,
    height: HEIGHT,
    margin: 4,
    x: { type: 'utc', domain: [toDate(input.from), toDate(input.to)], axis: null },
    y: { domain: [0, yMax], axis: null },
    marks,
  };
}

/** The sparkline as an SVG string. */
export function sparklineSvg(input: SparklineInput, document: ChartDocument, attrs: SvgAttributes = {}): string {
  return renderPlot(sparklineOptions(input), document, { className: 'chart-svg--spark', ...attrs });
}
