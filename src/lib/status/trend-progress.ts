import { progressThresholds } from './progress-thresholds.ts';

/** The classes of a trend target (Open SDG's progress statuses without a target value). */
export type TrendClass = 'substantial_progress' | 'moderate_progress' | 'limited_progress' | 'deterioration';

const YEAR = 365.25 * 86_400_000;

/**
 * Open SDG's progress measure for an indicator without a numeric target (its "methodology 1"):
 * the compound annual growth from the baseline value to the current one, over the years
 * between their dates. A baseline of 0 grows without bound when the value rises (Open SDG
 * would divide by 0.001) and not at all when it stays 0. Null when there is no time between.
 */
export function annualGrowth(base: number, baseDate: string, value: number, date: string): number | null {
  const years = (Date.parse(`${date}T00:00:00Z`) - Date.parse(`${baseDate}T00:00:00Z`)) / YEAR;
  if (!(years > 0)) return null;
  if (base <= 0) return value > 0 ? Infinity : 0;
  return (value / base) ** (1 / years) - 1;
}

/**
 * The class of an annual growth: substantial, moderate or limited progress, or deterioration
 * (below 0). For a rate the thresholds shrink by Open SDG's limit coefficient as the baseline
 * nears 100%; a rate already at 100% that stays there is substantial progress.
 */
export function trendClass(growth: number, base: number, unit: 'rate' | 'count'): TrendClass {
  const coefficient = unit === 'rate' ? limitCoefficient(base) : 1;
  if (growth < 0) return 'deterioration';
  if (coefficient === 0) return 'substantial_progress';
  if (growth >= progressThresholds.substantial * coefficient) return 'substantial_progress';
  if (growth >= progressThresholds.moderate * coefficient) return 'moderate_progress';
  return 'limited_progress';
}

/** Open SDG's coefficient for a positive indicator with an upper limit of 1 (100%). */
export function limitCoefficient(base: number): number {
  if (base >= 2) return 1;
  if (base <= 1) return 1 - Math.max(0, base) ** progressThresholds.limitExponent;
  return 1 - (2 - base) ** progressThresholds.limitExponent;
}
