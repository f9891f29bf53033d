import type { Comparator, StatusRow, TargetStatus } from '../contract/published.ts';

/** What status computation needs of a target. */
export interface StatusTarget {
  readonly id: string;
  readonly metric: string | null;
  readonly comparator: Comparator;
  /** YYYY-MM-DD. */
  readonly baseline: string;
  readonly deadline: string | null;
}

/** A published value of the target's metric, for one region and period. */
export interface MetricPoint {
  readonly period: string;
  readonly value: number | null;
  readonly numerator: number | null;
  readonly denominator: number | null;
  readonly suppressed: boolean;
}

/** Thresholds of the progress ratio (actual change / change expected by now). */
export const ON_TRACK_RATIO = 0.95;
export const AT_RISK_RATIO = 0.5;
/** How many of the latest points the projection's straight line is fitted to. */
export const PROJECTION_POINTS = 4;

const DAY = 86_400_000;
const time = (date: string) => Date.parse(`${date}T00:00:00Z`);
const yearBefore = (date: string) => {
  const d = new Date(time(date));
  d.setUTCFullYear(d.getUTCFullYear() - 1);
  return d.toISOString().slice(0, 10);
};

/**
 * Status of one target in one region at every period from its baseline on, from the
 * published (already protected) values of its metric.
 *
 * Before the deadline the value is compared with the straight path from the baseline value to
 * the target: on track when the change since the baseline is at least 95% of the change the
 * path expects by now (or the target is already reached), at risk from 50%, off track below
 * (the ratio method of Open SDG's progress status, applied to a path with a deadline). A
 * projection fits a straight line to the latest points and reads it at the deadline. From the
 * deadline on, the target was met or missed by its value at the deadline (the last period not
 * after it); later rows still show where the value stands now. Requirements without a deadline
 * are compliant or not at each period, with the number of units still to fix.
 */
export function targetStatus(target: StatusTarget, region: string, points: readonly MetricPoint[], unit: 'rate' | 'count'): StatusRow[] {
  const series = [...points].sort((a, b) => a.period.localeCompare(b.period));
  const byPeriod = new Map(series.map((p) => [p.period, p]));
  const scale = unit === 'rate' ? 100 : 1;
  const goal = (period: string): number | null => {
    switch (target.comparator.type) {
      case 'at_least':
        return target.comparator.value;
      case 'all':
        return unit === 'rate' ? 1 : null;
      case 'between':
        return target.comparator.min;
      case 'increase': {
        const previous = byPeriod.get(yearBefore(period));
        return previous?.value ?? null;
      }
      case 'tracked':
        return null;
    }
  };
  const meets = (value: number, period: string): boolean | null => {
    const g = goal(period);
    if (target.comparator.type === 'between') return value >= target.comparator.min && value <= target.comparator.max;
    if (target.comparator.type === 'increase') return g === null ? null : value > g;
    return g === null ? null : value >= g - 1e-12;
  };
  const baselinePoint = series.filter((p) => p.period <= target.baseline).at(-1) ?? series.find((p) => p.period >= target.baseline);
  const inWindow = series.filter((p) => p.period >= target.baseline && (target.deadline === null || p.period <= target.deadline));
  const firstMet = inWindow.find((p) => p.value !== null && meets(p.value, p.period) === true)?.period ?? null;
  const atDeadline = target.deadline === null ? undefined : series.filter((p) => p.period <= target.deadline!).at(-1);

  const rows: StatusRow[] = [];
  for (const point of series.filter((p) => p.period >= target.baseline)) {
    const g = goal(point.period);
    const base = {
      target: target.id,
      metric: target.metric,
      region,
      period: point.period,
      value: point.value,
      target_value: g,
      expected: null as number | null,
      projected: null as number | null,
      deadline_value: null as number | null,
      deadline_gap: null as number | null,
      first_met: firstMet,
    };
    const fix = { still_to_fix: stillToFix(point, unit) };
    const gap = point.value !== null && g !== null ? round((g - point.value) * scale) : null;
    if (target.comparator.type === 'tracked') {
      rows.push({ ...base, gap: null, ...fix, status: point.suppressed ? 'suppressed' : 'tracked' });
      continue;
    }
    if (point.suppressed || point.value === null) {
      rows.push({ ...base, gap: null, still_to_fix: null, status: point.suppressed ? 'suppressed' : 'no_data' });
      continue;
    }
    const ok = meets(point.value, point.period);
    if (target.deadline === null) {
      rows.push({ ...base, gap, ...fix, status: ok === null ? 'no_data' : ok ? 'compliant' : 'not_compliant' });
      continue;
    }
    if (point.period >= target.deadline) {
      const final = atDeadline;
      const finalOk = final?.value != null ? meets(final.value, final.period) : null;
      const finalGap = final?.value != null && goal(final.period) !== null ? round((goal(final.period)! - final.value) * scale) : null;
      rows.push({ ...base, gap, deadline_value: final?.value ?? null, deadline_gap: finalGap, ...fix, status: finalOk === null ? 'no_data' : finalOk ? 'met' : 'missed' });
      continue;
    }
    // Before the deadline: the straight path, the progress ratio and the projection.
    let expected: number | null = null;
    let status: TargetStatus = ok === null ? 'no_data' : ok ? 'on_track' : 'off_track';
    if (g !== null && baselinePoint?.value != null && target.comparator.type !== 'increase') {
      const t0 = time(target.baseline);
      const share = Math.min(1, Math.max(0, (time(point.period) - t0) / (time(target.deadline) - t0)));
      expected = baselinePoint.value + (g - baselinePoint.value) * share;
      const due = expected - baselinePoint.value;
      if (ok === false) {
        const ratio = due <= 0 ? (point.value >= expected ? 1 : 0) : (point.value - baselinePoint.value) / due;
        status = ratio >= ON_TRACK_RATIO ? 'on_track' : ratio >= AT_RISK_RATIO ? 'at_risk' : 'off_track';
      }
    }
    const recent = series.filter((p) => p.period <= point.period && p.value !== null && !p.suppressed).slice(-PROJECTION_POINTS);
    let projected = recent.length >= 2 ? project(recent, target.deadline) : null;
    if (projected !== null && unit === 'rate') projected = Math.min(1, Math.max(0, projected));
    if (projected !== null && unit === 'count') projected = Math.max(0, projected);
    rows.push({ ...base, expected: expected === null ? null : round(expected), projected: projected === null ? null : round(projected), gap, ...fix, status });
  }
  return rows;
}

/**
 * Units in the denominator not yet in the numerator (e.g. enterprises without a union). It is
 * the difference of two published numbers of the same cell: publishing it tells nothing more,
 * so it is shown whenever the cell is (a small difference in a cell of k or more units is not
 * a cell below k).
 */
function stillToFix(point: MetricPoint, unit: 'rate' | 'count'): number | null {
  if (unit !== 'rate' || point.suppressed || point.numerator === null || point.denominator === null) return null;
  return Math.round(point.denominator - point.numerator);
}

/** Least-squares straight line through the points, read at `date`. */
function project(points: readonly MetricPoint[], date: string): number {
  const xs = points.map((p) => time(p.period) / DAY);
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
  return my + slope * (time(date) / DAY - mx);
}

function round(value: number): number {
  return Math.round(value * 1e6) / 1e6;
}
