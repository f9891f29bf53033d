/**
 * Progress chart of one target in one region: the metric's value over time, the target line
 * (or band, for a range), the straight path from the baseline value to the target at the
 * deadline, the deadline, the document's phases and its milestones.
 *
 * Pure: `progressOptions` turns the data into Plot options, `progressSvg` renders them with a
 * given document, `progressSummary` says the same in words (both languages), for the
 * chart's accessible description and the text under it.
 */
import * as Plot from '@observablehq/plot';
import { formatDate, formatGap, formatValue, type ValueUnit } from '../lib/format.ts';
import { t, type Locale, type MessageKey } from '../lib/i18n.ts';
import type { Comparator, TargetStatus } from '../lib/contract/published.ts';
import { targetLevel } from '../lib/status/target-level.ts';
import { COLORS, FONT_SIZE, axisMargins, valueLabel, haloText, latestValueLabel, valueTicks, niceCeil, renderPlot, textWidth, timeTicks, toDate, type ChartDocument, type SvgAttributes } from './common.ts';

/** One value of the series (null when not published or missing). */
export interface ProgressPoint {
  readonly period: string;
  readonly value: number | null;
  readonly suppressed: boolean;
}

/** A dated span or point with a label, already in the page's language. */
export interface ProgressPhase {
  readonly start: string;
  readonly end: string;
  readonly label: string;
}
export interface ProgressMilestone {
  readonly date: string;
  readonly label: string;
}

/** The latest status of the target in this region, from the published status rows. */
export interface ProgressStatus {
  readonly period: string;
  readonly status: TargetStatus;
  readonly value: number | null;
  readonly gap: number | null;
  /** The period and value the status was judged on (the deadline's from the deadline on), and its gap. */
  readonly judgedPeriod: string | null;
  readonly judgedValue: number | null;
  readonly judgedGap: number | null;
  readonly expected: number | null;
  readonly projected: number | null;
}

/** Everything the progress chart shows. */
export interface ProgressInput {
  readonly locale: Locale;
  readonly unit: ValueUnit;
  /** The values of the metric in the region, ascending by period. */
  readonly points: readonly ProgressPoint[];
  readonly comparator: Comparator;
  /** `year` for a count that restarts every year: its path starts from 0 at the start of the deadline's year. */
  readonly accumulation: 'stock' | 'year';
  /** The baseline date and the value there (the first point at or before it). */
  readonly baseline: { readonly period: string; readonly value: number | null } | null;
  readonly deadline: string | null;
  readonly phases: readonly ProgressPhase[];
  readonly milestones: readonly ProgressMilestone[];
  /** First and last date of the x axis. */
  readonly from: string;
  readonly to: string;
  readonly status: ProgressStatus | null;
}

/**
 * The straight path to the target at the deadline, if there is one: from the baseline value,
 * or, for a count that restarts every year, from 0 at the start of the deadline's year.
 */
function straightPath(input: ProgressInput): { date: Date; value: number }[] {
  const goal = targetLevel(input.comparator, input.unit);
  if (goal === null || input.deadline === null) return [];
  if (input.accumulation === 'year') {
    return [
      { date: toDate(`${input.deadline.slice(0, 4)}-01-01`), value: 0 },
      { date: toDate(input.deadline), value: goal },
    ];
  }
  if (input.baseline?.value == null) return [];
  return [
    { date: toDate(input.baseline.period), value: input.baseline.value },
    { date: toDate(input.deadline), value: goal },
  ];
}

// Drawn for a phone: at 390 px the chart is about its own width, so its text stays 12 px.
const WIDTH = 360;
const HEIGHT = 240;
const MARGIN_TOP = 16;
const MARGIN_BOTTOM = 28;

/** A box a label would cover, in the plot's frame (x right, y down, SVG units). */
export interface Box {
  readonly x0: number;
  readonly x1: number;
  readonly y0: number;
  readonly y1: number;
}

/**
 * Where the deadline's label goes along its rule, as the distance of its middle from the top
 * of the frame: the foot of the rule, else under the phase numbers, else the middle or a
 * quarter, whichever first covers none of the `taken` boxes (dots, the value and target
 * labels); the one that covers fewest when all do. The label spans `x0`–`x1`, 14 units high.
 */
export function deadlinePlace(x0: number, x1: number, height: number, taken: readonly Box[]): number {
  const candidates = [height - 10, 30, height / 2, height * 0.3, height * 0.7];
  const covered = (c: number) => taken.filter((b) => b.x0 < x1 && b.x1 > x0 && b.y0 < c + 7 && b.y1 > c - 7).length;
  let best = candidates[0]!;
  for (const c of candidates) {
    if (covered(c) === 0) return c;
    if (covered(c) < covered(best)) best = c;
  }
  return best;
}

/** The Plot options of the progress chart. */
export function progressOptions(input: ProgressInput): Plot.PlotOptions {
  const { locale, unit } = input;
  const points = input.points.filter((p) => p.period >= input.from && p.period <= input.to);
  const data = points.map((p) => ({ date: toDate(p.period), value: p.suppressed ? null : p.value, period: p.period }));
  const known = data.filter((d): d is { date: Date; value: number; period: string } => d.value !== null);
  const goal = targetLevel(input.comparator, unit);
  const upper = input.comparator.type === 'between' ? input.comparator.max : goal;
  const top = Math.max(upper ?? 0, ...known.map((d) => d.value), 0);
  const yMax = unit === 'rate' ? Math.min(1, niceCeil(top * 1.08)) || 1 : niceCeil(top * 1.12);
  const value = valueTicks(locale, unit, yMax, 5);
  const { left } = axisMargins(WIDTH, value.ticks.map(value.format), null, { right: 28 });
  const { ticks, format } = timeTicks(locale, input.from, input.to, WIDTH - left - 28);
  const margin = axisMargins(WIDTH, value.ticks.map(value.format), { ticks, format, from: input.from, to: input.to }, { right: 28 });
  const path = straightPath(input);
  const phases = input.phases
    .filter((p) => p.end >= input.from && p.start <= input.to)
    .map((p, i) => ({ x1: toDate(p.start < input.from ? input.from : p.start), x2: toDate(p.end > input.to ? input.to : p.end), n: String(i + 1), label: p.label, i }));
  const milestones = input.milestones
    .filter((m) => m.date >= input.from && m.date <= input.to)
    .map((m) => ({ date: toDate(m.date), label: m.label }));
  const deadline = input.deadline !== null && input.deadline >= input.from && input.deadline <= input.to ? [toDate(input.deadline)] : [];
  const tip = (d: { period: string; value: number | null }) =>
    `${formatDate(locale, d.period)}${locale === 'zh-CN' ? '：' : ': '}${d.value === null ? t(locale, 'value.suppressed') : formatValue(locale, d.value, unit)}`;
  // The value labelled is the one the status was judged on (the deadline's, once it has
  // passed), ringed; without a verdict in the window, the last value shown.
  const judged = input.status?.judgedPeriod == null ? undefined : known.find((d) => d.period === input.status!.judgedPeriod);
  const last = judged ?? known.at(-1);
  const marks: Plot.Markish[] = [
    Plot.rectX(phases, { x1: 'x1', x2: 'x2', y1: 0, y2: yMax, fill: (d: { i: number }) => (d.i % 2 === 0 ? COLORS.band : COLORS.bandAlt), title: 'label' }),
    Plot.text(phases, { x: (d: { x1: Date; x2: Date }) => new Date((d.x1.getTime() + d.x2.getTime()) / 2), y: yMax, text: 'n', dy: 9, fill: COLORS.muted }),
    Plot.gridY({ ticks: value.ticks, stroke: COLORS.grid, strokeOpacity: 1 }),
    Plot.axisY({ ticks: value.ticks, tickFormat: value.format, label: null, tickSize: 0 }),
    Plot.axisX({ ticks, tickFormat: format, label: null }),
    Plot.ruleY([0], { stroke: COLORS.muted }),
  ];
  if (input.comparator.type === 'between') {
    marks.push(
      Plot.rectY([{ y1: input.comparator.min, y2: input.comparator.max }], {
        x1: toDate(input.from),
        x2: toDate(input.to),
        y1: 'y1',
        y2: 'y2',
        fill: COLORS.target,
        fillOpacity: 0.1,
      }),
    );
  }
  // The target line's label ("目标 55%"); a range is labelled as a band instead.
  const goalText = goal === null || input.comparator.type === 'between' ? null : t(locale, 'chart.target', { value: formatValue(locale, goal, unit) });
  const label = (y: number, text: string) =>
    haloText([y], {
      y: (d: number) => d,
      frameAnchor: 'left',
      text: () => text,
      textAnchor: 'start',
      dy: -7,
      dx: 4,
      fill: COLORS.target,
      fontWeight: 600,
    });
  if (input.comparator.type === 'between') {
    // A range is a band, labelled at its top; no single target line.
    const { min, max } = input.comparator;
    marks.push(label(max, t(locale, 'chart.target.range', { min: formatValue(locale, min, unit), max: formatValue(locale, max, unit) })));
  } else if (goal !== null && goalText !== null) {
    marks.push(Plot.ruleY([goal], { stroke: COLORS.target, strokeWidth: 1.5, strokeDasharray: '6 3' }), label(goal, goalText));
  }
  for (const m of milestones) {
    marks.push(Plot.ruleX([m.date], { stroke: COLORS.muted, strokeDasharray: '1 3', title: () => m.label }));
  }
  // Positions in the plot's frame, to keep labels apart.
  const frame = { width: WIDTH - margin.left - margin.right, height: HEIGHT - MARGIN_TOP - MARGIN_BOTTOM };
  const start = toDate(input.from).getTime();
  const span = toDate(input.to).getTime() - start || 1;
  const x = (d: Date) => ((d.getTime() - start) / span) * frame.width;
  const y = (v: number) => (1 - v / yMax) * frame.height;
  // The value labelled: above its dot; below it when it sits on the target line, or would
  // reach the top edge or the phase numbers there.
  const crowded =
    last !== undefined &&
    ((goal !== null && Math.abs(last.value - goal) < yMax * 0.08) || y(last.value) - 17 < (phases.length > 0 ? 18 : 0));
  const lastDy = crowded ? 14 : -10;
  if (deadline.length > 0) {
    const text = t(locale, 'chart.deadline');
    const right = x(deadline[0]!) - 4;
    const taken: Box[] = [
      // Dots with their ring (radius 6) and a little air.
      ...known.map((d) => ({ x0: x(d.date) - 8, x1: x(d.date) + 8, y0: y(d.value) - 8, y1: y(d.value) + 8 })),
      ...(goal === null || goalText === null ? [] : [{ x0: 0, x1: textWidth(goalText) + 8, y0: y(goal) - 20, y1: y(goal) }]),
      ...(last === undefined ? [] : [{ x0: x(last.date) - textWidth(valueLabel(locale, last.value, unit)), x1: x(last.date), y0: y(last.value) + lastDy - 7, y1: y(last.value) + lastDy + 7 }]),
    ];
    const place = deadlinePlace(right - textWidth(text), right, frame.height, taken);
    marks.push(
      Plot.ruleX(deadline, { stroke: COLORS.ink, strokeWidth: 1 }),
      haloText(deadline, {
        x: (d: Date) => d,
        frameAnchor: 'top',
        lineAnchor: 'middle',
        text: () => text,
        dy: place,
        dx: -4,
        textAnchor: 'end',
        fill: COLORS.ink,
      }),
    );
  }
  if (path.length === 2) {
    marks.push(Plot.line(path, { x: 'date', y: 'value', stroke: COLORS.path, strokeWidth: 1.5, strokeDasharray: '2 3' }));
  }
  marks.push(
    Plot.line(data, { x: 'date', y: 'value', stroke: COLORS.accent, strokeWidth: 2.5 }),
    Plot.dot(known, { x: 'date', y: 'value', fill: COLORS.accent, r: 3, title: tip }),
  );
  if (judged) {
    marks.push(Plot.dot([judged], { x: 'date', y: 'value', r: 6, stroke: COLORS.ink, strokeWidth: 1.5, fill: 'none' }));
  }
  if (last) marks.push(latestValueLabel(last, locale, unit, lastDy));
  return {
    width: WIDTH,
    height: HEIGHT,
    marginLeft: margin.left,
    marginRight: margin.right,
    marginTop: MARGIN_TOP,
    marginBottom: MARGIN_BOTTOM,
    style: { fontSize: `${FONT_SIZE}px` },
    x: { type: 'utc', domain: [toDate(input.from), toDate(input.to)] },
    y: { domain: [0, yMax] },
    marks,
  };
}

/** The progress chart as an SVG string. */
export function progressSvg(input: ProgressInput, document: ChartDocument, attrs: SvgAttributes = {}): string {
  return renderPlot(progressOptions(input), document, attrs);
}

/**
 * The chart in words, from the target and its latest status:
 * "目标55%，期限2020年12月31日。到期时为53.8%，差1.2个百分点，未达成。最新（2024年12月31日）为56.6%。"
 * / "Target 55% by 31 Dec 2020. 53.8% at the deadline, 1.2 percentage points short: missed. Latest (31 Dec 2024): 56.6%."
 */
export function progressSummary(input: ProgressInput): string {
  const { locale, unit } = input;
  const v = (x: number | null) => formatValue(locale, x, unit);
  const parts: string[] = [];
  const goal = targetLevel(input.comparator, unit);
  const c = input.comparator;
  if (c.type === 'between') {
    parts.push(t(locale, 'summary.target.between', { min: v(c.min), max: v(c.max) }));
  } else if (goal !== null) {
    parts.push(t(locale, 'summary.target.value', { value: v(goal) }));
  } else if (c.type === 'increase') {
    parts.push(t(locale, 'summary.target.increase'));
  } else {
    parts.push(t(locale, 'summary.target.tracked'));
  }
  if (input.deadline !== null && c.type !== 'tracked') {
    parts.push(t(locale, 'summary.deadline', { date: formatDate(locale, input.deadline) }));
  }
  const sentences = [`${parts.join(locale === 'zh-CN' ? '，' : ' ')}${locale === 'zh-CN' ? '。' : '.'}`];
  if (input.accumulation === 'year' && input.deadline !== null && c.type !== 'tracked') {
    sentences.push(t(locale, 'summary.year_count', { year: input.deadline.slice(0, 4) }));
  }
  const s = input.status;
  if (s !== null) {
    const status = t(locale, `status.${s.status}` as MessageKey);
    const word = locale === 'en' ? status.charAt(0).toLowerCase() + status.slice(1) : status;
    const short = (gap: number | null) => (gap !== null && gap > 0 ? formatGap(locale, gap, unit) : null);
    const afterDeadline = input.deadline !== null && s.period >= input.deadline && s.judgedPeriod !== null;
    if (afterDeadline) {
      const gap = c.type === 'increase' ? null : short(s.judgedGap);
      const at = { date: formatDate(locale, s.judgedPeriod!), value: v(s.judgedValue), status: word };
      sentences.push(gap === null ? t(locale, 'summary.at_deadline', at) : t(locale, 'summary.at_deadline.short', { ...at, gap }));
      if (s.period !== s.judgedPeriod) {
        sentences.push(t(locale, input.accumulation === 'year' ? 'summary.later.year' : 'summary.later', { date: formatDate(locale, s.period), value: v(s.value) }));
      }
    } else if (s.status === 'suppressed' || s.status === 'no_data') {
      sentences.push(t(locale, 'summary.none', { date: formatDate(locale, s.period), status: word }));
    } else {
      const gap = goal === null ? null : short(s.gap);
      const key: MessageKey = gap === null ? 'summary.now' : 'summary.now.short';
      sentences.push(t(locale, key, { date: formatDate(locale, s.period), value: v(s.value), gap: gap ?? '', status: word }));
      if (s.expected !== null) sentences.push(t(locale, 'summary.expected', { value: v(s.expected) }));
      if (s.projected !== null) sentences.push(t(locale, 'summary.projected', { value: v(s.projected) }));
    }
  }
  return sentences.join(locale === 'zh-CN' ? '' : ' ');
}
