/**
 * How the pages show published values: suppressed values as "不予公布 / not published",
 * counts below the disclosure threshold as "<k", missing values as a dash, targets in
 * words, group and breakdown names, and which 入会率 definition a rate uses. Built on
 * format.ts (numbers, dates) and i18n.ts (words). Plain TypeScript.
 */
import { contract } from './contract/contract.ts';
import { MISSING, formatDate, formatNumber, formatValue, type ValueUnit } from './format.ts';
import { t, type Locale, type MessageKey } from './i18n.ts';
import type { MetricDefinition } from './metrics/metric-schema.ts';
import type { Comparator, MetricRow, StatusRow, TargetDefinition, TargetStatus } from './contract/published.ts';

/** A metric value as published: the number, "不予公布" when suppressed, a dash when absent. */
export function showValue(
  locale: Locale,
  row: Pick<MetricRow, 'value' | 'suppressed'> | undefined,
  unit: ValueUnit,
): string {
  if (row === undefined) return MISSING;
  if (row.suppressed) return t(locale, 'value.suppressed');
  return formatValue(locale, row.value, unit, { fixed: unit === 'rate' });
}

/** What a target still needs at a status row: the count, "不予公布" (withheld with its cell), or a dash. */
export function showNeeded(locale: Locale, row: StatusRow | undefined): string {
  if (row === undefined) return MISSING;
  if (row.status === 'suppressed') return t(locale, 'value.suppressed');
  return formatNumber(locale, row.needed_to_meet);
}

/**
 * What a status was judged on, in words: "2020年12月31日的53.8%" / "53.8% at 31 Dec 2020";
 * null when the row has no verdict (tracked, baseline, no data, withheld).
 */
export function verdictBasis(locale: Locale, row: StatusRow, unit: ValueUnit): string | null {
  if (row.judged_period === null) return null;
  return t(locale, 'verdict.basis', { value: formatValue(locale, row.judged_value, unit, { fixed: unit === 'rate' }), date: formatDate(locale, row.judged_period) });
}

/** The status word of a status. */
export function statusWord(locale: Locale, status: TargetStatus): string {
  return t(locale, `status.${status}` as MessageKey);
}

/** The status word inside a sentence (English lowercases it: "not compliant"). */
export function statusInSentence(locale: Locale, status: TargetStatus): string {
  const word = statusWord(locale, status);
  return locale === 'en' ? word.charAt(0).toLowerCase() + word.slice(1) : word;
}

/**
 * A target in words: "≥ 55%", "100%（全部）", "高于上年同期", "10–20", "不设数值".
 */
export function targetText(locale: Locale, comparator: Comparator, unit: ValueUnit): string {
  switch (comparator.type) {
    case 'at_least':
      return t(locale, 'target.at_least', { value: formatValue(locale, comparator.value, unit) });
    case 'all':
      return t(locale, 'target.all');
    case 'increase':
      return t(locale, 'target.increase');
    case 'between':
      return t(locale, 'target.between', {
        min: formatValue(locale, comparator.min, unit),
        max: formatValue(locale, comparator.max, unit),
      });
    case 'tracked':
      return t(locale, 'target.tracked');
  }
}

/** The name of a category of a breakdown (a group, an ownership type …) from the contract. */
export function categoryName(locale: Locale, dimension: string, code: string): string {
  if (code === 'other') return t(locale, 'group.other');
  const value = contract.enums[dimension]?.values.find((v) => v.code === code);
  if (value === undefined) return code;
  return locale === 'en' ? value.en : value.zh;
}

/** The short name of the 入会率 definition a metric uses ("统计调查口径"), or null. */
export function definitionName(locale: Locale, metric: MetricDefinition | undefined): string | null {
  if (metric?.definition === undefined) return null;
  return t(locale, `method.rate.${metric.definition}.name`);
}

/**
 * What is still missing for a rate, in words: "尚未建会的50人以上企业" for coverage_50plus,
 * from the metric's definition (`still_lacks`, which every rate has: registry.ts).
 */
export function stillToFixLabel(locale: Locale, metric: MetricDefinition): string {
  if (metric.still_lacks === undefined) throw new Error(`site-values: metric ${metric.id} has no still_lacks`);
  return locale === 'en' ? metric.still_lacks.en : metric.still_lacks.zh;
}

/**
 * What a target's needed-to-meet counts, in words. For full coverage, the units still
 * without ("尚未建会的50人以上企业"); for a level, the units of the numerator still to add
 * ("达标还需增加的农民工会员人数" / "More migrant-worker members needed to meet the target").
 */
export function neededLabel(locale: Locale, comparator: Comparator, metric: MetricDefinition): string {
  if (comparator.type === 'all') return stillToFixLabel(locale, metric);
  const what = metric.unit === 'count' ? (locale === 'en' ? metric.label.en : metric.label.zh) : t(locale, `metric.measure.${metric.numerator}` as MessageKey);
  return t(locale, 'needed.more', { what: locale === 'en' ? what.charAt(0).toLowerCase() + what.slice(1) : what });
}

/** The label of a target, in a locale. */
export function targetLabel(locale: Locale, target: TargetDefinition): string {
  return locale === 'en' ? target.label.en : target.label.zh;
}

/**
 * The verdict of a target with a deadline that has passed, from the first status row on or
 * after the deadline: the period and value it was judged on, its gap and the status (a tracked
 * requirement, never judged: the value of that row). Undefined before the deadline or without one.
 */
export function deadlineVerdict(
  target: TargetDefinition,
  rows: readonly StatusRow[],
): { period: string; value: number | null; gap: number | null; status: TargetStatus } | undefined {
  if (target.deadline === null) return undefined;
  const row = rows.find((r) => r.period >= target.deadline!);
  if (row === undefined) return undefined;
  if (row.status === 'tracked') return { period: row.period, value: row.value, gap: null, status: row.status };
  return { period: row.judged_period ?? target.deadline, value: row.judged_value, gap: row.judged_gap, status: row.status };
}
