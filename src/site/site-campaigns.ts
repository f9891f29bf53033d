/**
 * What the campaign pages and the home page's campaign cards share: the headline target of
 * each document, the time window its charts show, and the chart inputs built from the
 * published rows. Plain functions over the published data (src/site/site-published.ts).
 */
import { toDate, toIso, yearsBefore } from '../charts/common.ts';
import type { ProgressInput } from '../charts/progress.ts';
import type { Locale } from '../lib/i18n.ts';
import type { MetricDefinition } from '../lib/metrics/metric-schema.ts';
import { loadSiteMetrics } from '../lib/site-metrics.ts';
import { metricAccumulation } from '../lib/metrics/metric-accumulation.ts';
import type { TargetDefinition } from '../lib/contract/published.ts';
import { phasesOf, type Published } from './site-published.ts';
import { formatDateRange } from '../lib/format.ts';

/** The metric definitions by id. */
export function metricsById(): ReadonlyMap<string, MetricDefinition> {
  byId ??= new Map(loadSiteMetrics().map((m) => [m.id, m]));
  return byId;
}
let byId: ReadonlyMap<string, MetricDefinition> | undefined;

/** How the metric accumulates over time (a stock, or a count within the year); a stock when unknown. */
export function metricAccumulationOf(metric: string): 'stock' | 'year' {
  const definition = metricsById().get(metric);
  return definition === undefined ? 'stock' : metricAccumulation(definition);
}

/** Does the site measure this target (it names a metric)? */
export function isMeasured(target: TargetDefinition): target is TargetDefinition & { metric: string } {
  return target.metric !== null;
}

/**
 * The target a document's card leads with: the first target the site measures and judges
 * (not only tracked); else the first measured one; else the first.
 */
export function headlineTarget(targets: readonly TargetDefinition[]): TargetDefinition | undefined {
  return (
    targets.find((t) => isMeasured(t) && t.comparator.type !== 'tracked') ?? targets.find(isMeasured) ?? targets[0]
  );
}

/**
 * The time window a target's charts show. Without a deadline: from two years before the
 * baseline to the data vintage. With one, the campaign stays readable however short it is:
 * from a year (or the campaign's own length, if longer) before the baseline, to the vintage
 * but no later than max(1 year, 4 × the campaign's length) after the deadline. Never before
 * the first period, and ending on a period with data (`periods`, default every published
 * period): the last one within that limit, so that the axis does not run on past the points
 * (Hebei's autumn 2018 campaign ends in December 2018, its next value a year later).
 */
export function chartWindow(target: TargetDefinition, published: Published, periods: readonly string[] = published.periods): { from: string; to: string } {
  const first = published.periods[0] ?? target.baseline;
  const clampFrom = (date: string) => (date < first ? first : date);
  if (target.deadline === null) {
    return { from: clampFrom(yearsBefore(target.baseline, 2)), to: published.vintage };
  }
  const day = 86_400_000;
  const span = Math.max(0, (toDate(target.deadline).getTime() - toDate(target.baseline).getTime()) / day);
  const before = Math.max(365, span);
  const after = Math.max(365, 4 * span);
  const from = clampFrom(toIso(new Date(toDate(target.baseline).getTime() - before * day)));
  const limit = toIso(new Date(toDate(target.deadline).getTime() + after * day));
  const bound = limit < published.vintage ? limit : published.vintage;
  const end = periods.filter((p) => p <= bound).at(-1) ?? bound;
  return { from, to: end > target.deadline ? end : target.deadline };
}

/** The progress chart input of a target in a region, from the published rows. */
export function progressInput(
  locale: Locale,
  target: TargetDefinition & { metric: string },
  region: string,
  published: Published,
  unit: 'rate' | 'count',
): ProgressInput {
  const series = published.series(target.metric, region, target.group);
  const baselineRow = series.filter((r) => r.period <= target.baseline).at(-1) ?? series.find((r) => r.period >= target.baseline);
  const status = published.latestTargetRow(target.id, region);
  const { from, to } = chartWindow(target, published, series.map((r) => r.period));
  return {
    locale,
    unit,
    points: series.map((r) => ({ period: r.period, value: r.value, suppressed: r.suppressed })),
    comparator: target.comparator,
    accumulation: metricAccumulationOf(target.metric),
    baseline: baselineRow === undefined ? null : { period: baselineRow.period, value: baselineRow.suppressed ? null : baselineRow.value },
    deadline: target.deadline,
    phases: phasesOf(target.document).map((p) => ({ start: p.start, end: p.end, label: locale === 'en' ? p.label.en : p.label.zh })),
    milestones: target.milestones.map((m) => ({ date: m.date, label: locale === 'en' ? m.label.en : m.label.zh })),
    from,
    to,
    status:
      status === undefined
        ? null
        : {
            period: status.period,
            status: status.status,
            value: status.value,
            gap: status.gap,
            judgedPeriod: status.judged_period,
            judgedValue: status.judged_value,
            judgedGap: status.judged_gap,
            expected: status.expected,
            projected: status.projected,
          },
  };
}

/** The phases of a document as text lines: "1. 制定方案阶段：2020年2月1日至2020年3月31日". */
export function phaseLines(locale: Locale, document: string): { n: number; label: string; range: string }[] {
  return phasesOf(document).map((p, i) => ({
    n: i + 1,
    label: locale === 'en' ? p.label.en : p.label.zh,
    range: formatDateRange(locale, p.start, p.end),
  }));
}

/** How the site's measured targets stand, each in its own scope region at the latest period. */
export interface VerdictTally {
  /** Levels whose deadline has passed: met, missed, and not judged (withheld or no data at the deadline). */
  readonly passed: number;
  readonly met: number;
  readonly missed: number;
  /** Levels whose deadline is still ahead. */
  readonly open: number;
  /** Standing rules, and how many are met at the latest period. */
  readonly standing: number;
  readonly compliant: number;
  /** Growth targets, and how many are below their baseline. */
  readonly growth: number;
  readonly deterioration: number;
  /** Requirements shown without a verdict (tracked) or not measured at all. */
  readonly unjudged: number;
}

/** Counts the verdicts of every target definition, for the home page's one-sentence summary. */
export function verdictTally(published: Published): VerdictTally {
  const tally = { passed: 0, met: 0, missed: 0, open: 0, standing: 0, compliant: 0, growth: 0, deterioration: 0, unjudged: 0 };
  for (const target of published.definitions) {
    const row = target.metric === null ? undefined : published.latestTargetRow(target.id, target.scope);
    const kind = target.comparator.type;
    if (row === undefined || kind === 'tracked') tally.unjudged += 1;
    else if (kind === 'increase') {
      tally.growth += 1;
      if (row.status === 'deterioration') tally.deterioration += 1;
    } else if (target.deadline === null) {
      tally.standing += 1;
      if (row.status === 'compliant') tally.compliant += 1;
    } else if (row.period >= target.deadline) {
      tally.passed += 1;
      if (row.status === 'met') tally.met += 1;
      if (row.status === 'missed') tally.missed += 1;
    } else tally.open += 1;
  }
  return tally;
}
