import type { Comparator, StatusRow, TargetStatus } from '../contract/published.ts';
import { neededToMeet } from './needed-to-meet.ts';
import { meetsTarget, targetLevel } from './target-level.ts';
import { PROJECTION_POINTS, progressThresholds } from './progress-thresholds.ts';
import { annualGrowth, trendClass } from './trend-progress.ts';

export { PROJECTION_POINTS, progressThresholds };

/** What status computation needs of a target. */
export interface StatusTarget {
  readonly id: string;
  readonly metric: string | null;
  readonly comparator: Comparator;
  /** YYYY-MM-DD. */
  readonly baseline: string;
  readonly deadline: string | null;
}

/** How the target's metric is counted. */
export interface StatusMetric {
  readonly unit: 'rate' | 'count';
  /**
   * `stock`: the value at the period (coverage, members). `year`: the count within the
   * period's calendar year so far (sites designated this year), which restarts every year.
   */
  readonly accumulation: 'stock' | 'year';
}

/** A published value of the target's metric, for one region and period. */
export interface MetricPoint {
  readonly period: string;
  readonly value: number | null;
  readonly numerator: number | null;
  readonly denominator: number | null;
  readonly suppressed: boolean;
}

const time = (date: string) => Date.parse(`${date}T00:00:00Z`);
const yearStart = (date: string) => `${date.slice(0, 4)}-01-01`;

/**
 * Status of one target in one region at every period from its baseline on, from the
 * published (already protected) values of its metric. Every judged row says which value it was
 * judged on (`judged_period`, `judged_value`): its own before the deadline, the value at the
 * deadline from then on.
 *
 * - The baseline row is the starting point and has no status (`baseline`).
 * - A level by a deadline (at least X, all, a range): before the deadline, the change since the
 *   baseline over the change the straight path to the target expects by now (on track from
 *   95%, at risk from 60%, else off track; on track once the level is reached). A count within
 *   the year starts its path from 0 at the start of the deadline's year, and only that year's
 *   periods are judged. From the deadline on: met or missed, by the value at the deadline.
 * - A level without a deadline (a standing rule): compliant or not at each period.
 * - An increase: Open SDG's classes of the compound annual growth since the baseline
 *   (substantial, moderate or limited progress, deterioration); with a deadline, the class at
 *   the deadline stands from then on.
 * - Tracked requirements are shown, not judged.
 */
export function targetStatus(target: StatusTarget, region: string, points: readonly MetricPoint[], metric: StatusMetric): StatusRow[] {
  const { unit, accumulation } = metric;
  const series = [...points].sort((a, b) => a.period.localeCompare(b.period));
  const comparator = target.comparator;
  const deadline = target.deadline;
  const level = targetLevel(comparator, unit);
  const scale = unit === 'rate' ? 100 : 1;
  const known = (p: MetricPoint | undefined): p is MetricPoint & { value: number } => p !== undefined && !p.suppressed && p.value !== null;
  const meets = (value: number): boolean => meetsTarget(comparator, unit, value) === true;
  const gapOf = (value: number | null): number | null => (value === null || level === null ? null : round((level - value) * scale));

  // A count within the year is judged within the deadline's year; anything else from the baseline.
  const windowStart = accumulation === 'year' && deadline !== null ? yearStart(deadline) : target.baseline;
  const baselinePoint = series.filter((p) => p.period <= target.baseline).at(-1) ?? series.find((p) => p.period >= target.baseline);
  const atDeadline = deadline === null ? undefined : series.filter((p) => p.period <= deadline && p.period >= windowStart).at(-1);
  const firstMet =
    level === null
      ? null
      : (series.find((p) => p.period > windowStart && p.period > target.baseline && (deadline === null || p.period <= deadline) && known(p) && meets(p.value))?.period ?? null);

  const rows: StatusRow[] = [];
  for (const point of series.filter((p) => p.period >= target.baseline)) {
    // A later year's own count says nothing of how far the deadline's year was from its target.
    const laterYear = accumulation === 'year' && deadline !== null && point.period > deadline;
    const base: StatusRow = {
      target: target.id,
      metric: target.metric,
      headline: true,
      region,
      period: point.period,
      value: point.value,
      target_value: level,
      gap: known(point) && !laterYear ? gapOf(point.value) : null,
      needed_to_meet: laterYear ? null : neededToMeet(comparator, point, unit),
      expected: null,
      projected: null,
      judged_period: null,
      judged_value: null,
      judged_gap: null,
      progress: null,
      first_met: firstMet,
      status: 'no_data',
    };
    const judged = (on: MetricPoint | undefined, status: TargetStatus, progress: number | null = null): StatusRow =>
      known(on)
        ? { ...base, judged_period: on.period, judged_value: on.value, judged_gap: gapOf(on.value), progress: progress === null ? null : round(progress), status }
        : { ...base, status: on?.suppressed ? 'suppressed' : 'no_data' };

    if (comparator.type === 'tracked') {
      rows.push({ ...base, status: point.suppressed ? 'suppressed' : 'tracked' });
      continue;
    }
    if (point.period === baselinePoint?.period || point.period < windowStart) {
      rows.push({ ...base, status: point.suppressed ? 'suppressed' : 'baseline' });
      continue;
    }
    if (comparator.type === 'increase') {
      const on = deadline !== null && point.period >= deadline ? atDeadline : point;
      if (!known(baselinePoint) || !known(on)) {
        rows.push(judged(on, 'no_data'));
        continue;
      }
      const growth = annualGrowth(baselinePoint.value, baselinePoint.period, on.value, on.period);
      rows.push(growth === null ? { ...base, status: 'baseline' } : judged(on, trendClass(growth, baselinePoint.value, unit), Number.isFinite(growth) ? growth : null));
      continue;
    }
    if (deadline === null) {
      rows.push(known(point) ? judged(point, meets(point.value) ? 'compliant' : 'not_compliant') : judged(point, 'no_data'));
      continue;
    }
    if (point.period >= deadline) {
      rows.push(known(atDeadline) ? judged(atDeadline, meets(atDeadline.value) ? 'met' : 'missed') : judged(atDeadline, 'no_data'));
      continue;
    }
    if (!known(point)) {
      rows.push(judged(point, 'no_data'));
      continue;
    }
    // Before the deadline: the straight path from the start value to the target.
    const start = accumulation === 'year' ? { period: windowStart, value: 0 } : known(baselinePoint) ? { period: baselinePoint.period, value: baselinePoint.value } : null;
    const goal = comparator.type === 'between' ? comparator.min : level;
    let status: TargetStatus = meets(point.value) ? 'on_track' : 'off_track';
    let expected: number | null = null;
    let ratio: number | null = null;
    if (start !== null && goal !== null) {
      const share = Math.min(1, Math.max(0, (time(point.period) - time(start.period)) / (time(deadline) - time(start.period))));
      expected = start.value + (goal - start.value) * share;
      const due = expected - start.value;
      ratio = due <= 0 ? (point.value >= expected ? 1 : 0) : (point.value - start.value) / due;
      if (status !== 'on_track') status = ratio >= progressThresholds.onTrack ? 'on_track' : ratio >= progressThresholds.atRisk ? 'at_risk' : 'off_track';
    }
    rows.push({
      ...judged(point, status, ratio),
      expected: expected === null ? null : round(expected),
      projected: projection(series, point, deadline, unit, accumulation, windowStart),
    });
  }
  return rows;
}

/**
 * The value at the deadline if the recent trend goes on. A stock: the least-squares straight
 * line through the latest points, read at the deadline. A count within the year: this year's
 * count at the pace so far (count ÷ share of the year gone).
 */
function projection(
  series: readonly MetricPoint[],
  point: MetricPoint,
  deadline: string,
  unit: 'rate' | 'count',
  accumulation: 'stock' | 'year',
  windowStart: string,
): number | null {
  let projected: number | null;
  if (accumulation === 'year') {
    const share = (time(point.period) - time(windowStart)) / (time(deadline) - time(windowStart));
    projected = share > 0 ? point.value! / share : null;
  } else {
    const recent = series.filter((p) => p.period <= point.period && p.value !== null && !p.suppressed).slice(-PROJECTION_POINTS);
    projected = recent.length >= 2 ? straightLine(recent, deadline) : null;
  }
  if (projected === null) return null;
  return round(unit === 'rate' ? Math.min(1, Math.max(0, projected)) : Math.max(0, projected));
}

/** Least-squares straight line through the points, read at `date`. */
function straightLine(points: readonly MetricPoint[], date: string): number {
  const xs = points.map((p) => time(p.period) / 86_400_000);
  const ys = points.map((p) => p.value!);
  const mx = xs.reduce((a, b) => a + b, 0) / xs.length;
  const my = ys.reduce((a, b) => a + b, 0) / ys.length;
  let sxy = 0;
  let sxx = 0;
  xs.forEach((x, i) => {
    sxy += (x - mx) * (ys[i]! - my);
    sxx += (x - mx) ** 2;
  });
  const slope = sxx === 0 ? 0 : sxy / sxx;
  return my + slope * (time(date) / 86_400_000 - mx);
}

function round(value: number): number {
  return Math.round(value * 1e6) / 1e6;
}
