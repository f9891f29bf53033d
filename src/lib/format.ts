/**
 * The one formatting module for the whole site: numbers, percents, percentage points
 * and dates in Chinese and English, built on Intl.
 *
 * Conventions
 * - Chinese abbreviates large numbers with 万 (10⁴) and 亿 (10⁸): 1.2万, 3.5亿.
 * - English abbreviates from one million up with words: 1.2 million, 3.5 billion.
 * - Below those thresholds numbers are written in full with grouping: 9,999 / 350,000.
 * - Rates are stored as ratios (0.553) and shown as percents (55.3%); differences of rates
 *   are percentage points (zh 2.1个百分点, en 2.1 percentage points / 2.1 pp).
 * - Dates are ISO strings (YYYY, YYYY-MM or YYYY-MM-DD) read as calendar dates, never
 *   shifted by the machine's time zone: zh 2020年12月31日, en 31 Dec 2020.
 * - Missing values (null, undefined, NaN) print as an em dash.
 *
 * Plain TypeScript with no Astro imports, so it runs in pages, scripts, tests and the
 * browser alike.
 */
import type { Locale } from './i18n.ts';

/** What is printed for a missing or non-finite value. */
export const MISSING = '—';

/** The Intl locale used for each site locale. */
const INTL_LOCALE: Readonly<Record<Locale, string>> = { 'zh-CN': 'zh-CN', en: 'en-US' };

function missing(value: number | null | undefined): value is null | undefined {
  return value === null || value === undefined || !Number.isFinite(value);
}

/** Options shared by the number formatters. */
export interface DigitsOptions {
  /** Maximum number of fraction digits (default depends on the formatter). */
  readonly digits?: number;
  /** Show trailing zeros up to `digits` (default false). */
  readonly fixed?: boolean;
}

/**
 * Intl formatters, made once per locale and options: constructing one costs far more than
 * formatting with it (the explorer formats hundreds of values on every change).
 */
const formatters = new Map<string, Intl.NumberFormat | Intl.DateTimeFormat>();

function numberFormat(locale: Locale, options: Intl.NumberFormatOptions): Intl.NumberFormat {
  const key = `n|${locale}|${JSON.stringify(options)}`;
  let format = formatters.get(key) as Intl.NumberFormat | undefined;
  if (format === undefined) formatters.set(key, (format = new Intl.NumberFormat(INTL_LOCALE[locale], options)));
  return format;
}

function dateFormat(intlLocale: string, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const key = `d|${intlLocale}|${JSON.stringify(options)}`;
  let format = formatters.get(key) as Intl.DateTimeFormat | undefined;
  if (format === undefined) formatters.set(key, (format = new Intl.DateTimeFormat(intlLocale, options)));
  return format;
}

function fractionOptions(digits: number, fixed: boolean): Intl.NumberFormatOptions {
  return { maximumFractionDigits: digits, minimumFractionDigits: fixed ? digits : 0 };
}

/**
 * A number written in full with digit grouping: `formatNumber('zh-CN', 350000)` →
 * `350,000`; `formatNumber('en', 1234.567, { digits: 1 })` → `1,234.6`.
 * Default: no fraction digits.
 */
export function formatNumber(
  locale: Locale,
  value: number | null | undefined,
  options: DigitsOptions = {},
): string {
  if (missing(value)) return MISSING;
  const { digits = 0, fixed = false } = options;
  return numberFormat(locale, fractionOptions(digits, fixed)).format(value);
}

/** Thresholds from which a number is abbreviated in each locale. */
export const COMPACT_FROM: Readonly<Record<Locale, number>> = { 'zh-CN': 10_000, en: 1_000_000 };

/**
 * A number abbreviated for reading at a glance.
 *
 * - zh: 万 / 亿 / 万亿 from 10,000 up: 12000 → `1.2万`, 350000000 → `3.5亿`.
 * - en: words from one million up: 1200000 → `1.2 million`, 3.5e9 → `3.5 billion`.
 * - Smaller numbers are written in full (`9,999`, `350,000`).
 *
 * Default: at most one fraction digit.
 */
export function formatCompact(
  locale: Locale,
  value: number | null | undefined,
  options: DigitsOptions = {},
): string {
  if (missing(value)) return MISSING;
  const { digits = 1, fixed = false } = options;
  if (Math.abs(value) < COMPACT_FROM[locale]) {
    return formatNumber(locale, value, { digits: Number.isInteger(value) ? 0 : digits, fixed });
  }
  return numberFormat(locale, {
    notation: 'compact',
    compactDisplay: locale === 'en' ? 'long' : 'short',
    ...fractionOptions(digits, fixed),
  }).format(value);
}

/**
 * A count in running text, as the charts write it: in Chinese with 万 and 亿 from 10,000 on
 * (`formatCount('zh-CN', 712796)` → `71.3万`), in English in full (`712,796`). Tables keep the
 * full number (formatNumber).
 */
export function formatCount(locale: Locale, value: number | null | undefined): string {
  return locale === 'zh-CN' ? formatCompact(locale, value, { digits: 1 }) : formatNumber(locale, value);
}

/**
 * A ratio shown as a percent: `formatPercent('en', 0.553)` → `55.3%`.
 * Default: at most one fraction digit.
 */
export function formatPercent(
  locale: Locale,
  ratio: number | null | undefined,
  options: DigitsOptions = {},
): string {
  if (missing(ratio)) return MISSING;
  const { digits = 1, fixed = false } = options;
  return numberFormat(locale, { style: 'percent', ...fractionOptions(digits, fixed) }).format(
    ratio,
  );
}

/** Options for {@link formatPoints}. */
export interface PointsOptions extends DigitsOptions {
  /** Prefix positive values with `+` (default true; zero never gets a sign). */
  readonly signed?: boolean;
  /** `long` (default): "percentage points"; `short`: "pp" (English only; Chinese has one form). */
  readonly style?: 'long' | 'short';
}

/**
 * A difference between two rates, in percentage points. `points` is already in points
 * (2.1 means 2.1 points, i.e. a ratio difference of 0.021):
 * `formatPoints('zh-CN', 2.1)` → `+2.1个百分点`; `formatPoints('en', -0.5)` →
 * `-0.5 percentage points`; `formatPoints('en', 1, { style: 'short' })` → `+1 pp`.
 * Default: one fraction digit at most, signed.
 */
export function formatPoints(
  locale: Locale,
  points: number | null | undefined,
  options: PointsOptions = {},
): string {
  if (missing(points)) return MISSING;
  const { digits = 1, fixed = false, signed = true, style = 'long' } = options;
  const number = numberFormat(locale, {
    signDisplay: signed ? 'exceptZero' : 'auto',
    ...fractionOptions(digits, fixed),
  }).format(points);
  if (locale === 'zh-CN') return `${number}个百分点`;
  if (style === 'short') return `${number} pp`;
  const singular = Math.abs(points) === 1 && !fixed;
  return `${number} ${singular ? 'percentage point' : 'percentage points'}`;
}

/** Precision of an ISO calendar date string. */
export type DatePrecision = 'year' | 'month' | 'day';

/** A calendar date parsed from an ISO string (month and day may be absent). */
export interface CalendarDate {
  readonly year: number;
  readonly month?: number;
  readonly day?: number;
  readonly precision: DatePrecision;
}

const ISO_DATE = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?(?:T.*)?$/;

/**
 * Parse `YYYY`, `YYYY-MM`, `YYYY-MM-DD` or an ISO timestamp (its date part, as written)
 * into a calendar date. Throws on anything else, including impossible dates.
 */
export function parseIsoDate(iso: string): CalendarDate {
  const match = ISO_DATE.exec(iso.trim());
  if (!match) throw new Error(`format: not an ISO date: "${iso}"`);
  const year = Number(match[1]);
  if (match[2] === undefined) return { year, precision: 'year' };
  const month = Number(match[2]);
  if (month < 1 || month > 12) throw new Error(`format: month out of range in "${iso}"`);
  if (match[3] === undefined) return { year, month, precision: 'month' };
  const day = Number(match[3]);
  const daysInMonth = new Date(Date.UTC(year, month, 0)).getUTCDate();
  if (day < 1 || day > daysInMonth) throw new Error(`format: day out of range in "${iso}"`);
  return { year, month, day, precision: 'day' };
}

function utcDate(date: CalendarDate): Date {
  return new Date(Date.UTC(date.year, (date.month ?? 1) - 1, date.day ?? 1));
}

/** English month part via Intl (en-US short months: "Sep", never en-GB's "Sept"). */
function englishMonth(date: Date): string {
  return dateFormat('en-US', { month: 'short', timeZone: 'UTC' }).format(date);
}

/**
 * A calendar date for readers, at the precision it was written with:
 *
 * | input        | zh-CN          | en            |
 * |--------------|----------------|---------------|
 * | `2020-12-31` | `2020年12月31日` | `31 Dec 2020` |
 * | `2020-05`    | `2020年5月`      | `May 2020`    |
 * | `2017`       | `2017年`         | `2017`        |
 *
 * Timestamps (`2026-11-21T06:00:00Z`) print their date part as written.
 */
export function formatDate(locale: Locale, iso: string | null | undefined): string {
  if (iso === null || iso === undefined || iso === '') return MISSING;
  const date = parseIsoDate(iso);
  const instant = utcDate(date);
  if (locale === 'zh-CN') {
    const options: Intl.DateTimeFormatOptions = { year: 'numeric', timeZone: 'UTC' };
    if (date.precision !== 'year') options.month = 'long';
    if (date.precision === 'day') options.day = 'numeric';
    return dateFormat('zh-CN', options).format(instant);
  }
  const year = String(date.year);
  if (date.precision === 'year') return year;
  const month = englishMonth(instant);
  if (date.precision === 'month') return `${month} ${year}`;
  return `${String(date.day)} ${month} ${year}`;
}

/**
 * A span between two ISO dates: zh `2012年12月31日至2024年12月31日`,
 * en `31 Dec 2012 – 31 Dec 2024`.
 */
export function formatDateRange(locale: Locale, from: string, to: string): string {
  const a = formatDate(locale, from);
  const b = formatDate(locale, to);
  return locale === 'zh-CN' ? `${a}至${b}` : `${a} – ${b}`;
}

/** What a metric value measures: a rate (a ratio shown as a percent) or a count. */
export type ValueUnit = 'rate' | 'count';

/**
 * A metric value by its unit: a rate as a percent (`52.3%`), a count in full (`1,234`) or,
 * with `compact`, abbreviated (`1.2万` / `1.2 million`).
 */
export function formatValue(
  locale: Locale,
  value: number | null | undefined,
  unit: ValueUnit,
  options: DigitsOptions & { readonly compact?: boolean } = {},
): string {
  if (unit === 'rate') return formatPercent(locale, value, options);
  return options.compact === true ? formatCompact(locale, value, options) : formatNumber(locale, value, options);
}

/**
 * A difference of two values by unit: rates in percentage points (`gap` already in points),
 * counts as numbers. Unsigned by default, since the words around it say which way.
 */
export function formatGap(
  locale: Locale,
  gap: number | null | undefined,
  unit: ValueUnit,
  options: PointsOptions = {},
): string {
  if (unit === 'rate') return formatPoints(locale, gap, { signed: false, ...options });
  if (missing(gap)) return MISSING;
  const { digits = 0, signed = false } = options;
  return numberFormat(locale, {
    signDisplay: signed ? 'exceptZero' : 'auto',
    ...fractionOptions(digits, false),
  }).format(gap);
}

/**
 * A file size: `formatBytes('en', 1648842)` → `1.6 MB`, `formatBytes('zh-CN', 56216)` →
 * `54.9 KB` (binary multiples, as file managers show them).
 */
export function formatBytes(locale: Locale, bytes: number | null | undefined): string {
  if (missing(bytes)) return MISSING;
  const units = ['B', 'KB', 'MB', 'GB'] as const;
  let value = bytes;
  let unit = 0;
  while (Math.abs(value) >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit += 1;
  }
  return `${formatNumber(locale, value, { digits: unit === 0 ? 0 : 1 })} ${units[unit] ?? 'B'}`;
}
