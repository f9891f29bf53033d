/**
 * The rows of a view, as the charts, the table and the downloads use them: one shape for
 * the three views, with names in the page's language, so that what is downloaded is
 * exactly what is on screen.
 *
 * Also the explorer's reference for combining published cells in plain JavaScript (used
 * at build time for the view shown before DuckDB-WASM loads, and by the tests to check
 * the SQL): sums of the parts, suppressed when any part is, the value computed as the
 * build computes it.
 *
 * Pure TypeScript: no DOM, no Node APIs.
 */
import type { RegionLevel } from '../contract/published.ts';
import { ALL, OTHER, message, type CatalogIndex, type Dimension } from './catalog.ts';
import { focusRegion, type ExplorerState } from './state.ts';
import type { ViewKind } from './query.ts';
import { rateValue } from '../metrics/rate-value.ts';

/** One row of a view. */
export interface ViewRow {
  /** What the row is about: a region code (`other:<parent>` for an other row), a period or a category. */
  readonly key: string;
  /** Its name for readers. */
  readonly label: string;
  readonly metric: string;
  readonly period: string;
  readonly level: RegionLevel;
  /** Region code, `other` for the suppressed regions below `parent`, `all` for all provinces. */
  readonly region: string;
  readonly regionName: string;
  readonly parent: string | null;
  /** Breakdown dimension, or `all`. */
  readonly breakdown: string;
  /** Category code (`all`, `other`, or the kept categories joined by `+`). */
  readonly category: string;
  readonly categoryName: string;
  readonly numerator: number | null;
  readonly denominator: number | null;
  readonly population: number | null;
  readonly value: number | null;
  readonly suppressed: boolean;
}

/** The separator of a two-part row key: `period|category`, `period|region`, `region|category`. */
const KEY_SEPARATOR = '|';

/** A row key of two parts (a trend split by category or region, a region by category). */
export function pairKey(first: string, second: string): string {
  return `${first}${KEY_SEPARATOR}${second}`;
}

/** The parts of a row key: `[first, second]` of a two-part key, `[key, null]` of a plain one. */
export function keyParts(key: string): [string, string | null] {
  const at = key.indexOf(KEY_SEPARATOR);
  return at < 0 ? [key, null] : [key.slice(0, at), key.slice(at + 1)];
}

/** The additive parts of a cell, as the cube publishes them. */
export interface CellParts {
  readonly numerator: number | null;
  readonly denominator: number | null;
  readonly population: number | null;
  readonly value?: number | null;
  readonly suppressed: boolean;
}

/** A combined cell. */
export interface CombinedCell {
  readonly numerator: number | null;
  readonly denominator: number | null;
  readonly population: number | null;
  readonly value: number | null;
  readonly suppressed: boolean;
}


/**
 * Combine published cells: sums of numerator, denominator and population, and the value
 * (rate or count). Suppressed when any part is suppressed; no value for a rate over nothing.
 */
export function combineCells(cells: readonly CellParts[], unit: 'rate' | 'count'): CombinedCell {
  if (cells.some((c) => c.suppressed)) return { numerator: null, denominator: null, population: null, value: null, suppressed: true };
  const sum = (pick: (c: CellParts) => number | null): number | null =>
    cells.reduce<number | null>((total, c) => {
      const v = pick(c);
      return v === null ? total : (total ?? 0) + v;
    }, null);
  const numerator = sum((c) => c.numerator);
  const denominator = sum((c) => c.denominator);
  const population = sum((c) => c.population);
  const value =
    unit === 'count'
      ? numerator
      : numerator !== null && denominator !== null && denominator > 0
        ? rateValue(numerator, denominator)
        : null;
  return { numerator, denominator, population, value, suppressed: false };
}

/** A number from a query result (DuckDB may hand back bigint or null). */
function num(value: unknown): number | null {
  if (value === null || value === undefined) return null;
  if (typeof value === 'bigint') return Number(value);
  if (typeof value === 'number') return Number.isFinite(value) ? value : null;
  const n = Number(value);
  return Number.isFinite(n) ? n : null;
}

/** A string from a query result. */
function text(value: unknown): string | null {
  return value === null || value === undefined ? null : String(value);
}

/** The name of the row holding the suppressed regions below a parent. */
export function otherRegionName(index: CatalogIndex, parent: string | null): string {
  return message(index.catalog, 'explorer.other.region', {
    parent: parent === null ? message(index.catalog, 'explorer.focus.all') : index.regionName(parent),
  });
}

/** What the kept categories are called (`all` when none are kept). */
function keptCategories(index: CatalogIndex, state: ExplorerState): { code: string; name: string; breakdown: string } {
  if (state.dimension === null || state.categories.length === 0) {
    return { code: ALL, name: message(index.catalog, 'explorer.category.all'), breakdown: ALL };
  }
  const dimension: Dimension = state.dimension;
  return {
    code: state.categories.join('+'),
    name: state.categories.map((c) => index.categoryLabel(dimension, c)).join(' + '),
    breakdown: dimension,
  };
}

/** The focus region's code, level and name (all provinces when there is no focus). */
function focusOf(index: CatalogIndex, state: ExplorerState): { code: string; level: RegionLevel; name: string; parent: string | null } {
  const focus = focusRegion(state);
  const region = focus === null ? undefined : index.region(focus);
  if (region === undefined) return { code: ALL, level: 'province', name: message(index.catalog, 'explorer.focus.all'), parent: null };
  return { code: region.code, level: region.level, name: index.regionName(region.code), parent: region.parent };
}

/**
 * The rows of a view from its query result (plain objects with the view's key columns and
 * the measure columns).
 */
export function toViewRows(index: CatalogIndex, state: ExplorerState, view: ViewKind, result: readonly Record<string, unknown>[]): ViewRow[] {
  const kept = keptCategories(index, state);
  const focus = focusOf(index, state);
  return result.map((raw) => {
    const suppressed = raw.suppressed === true;
    const parts = {
      numerator: suppressed ? null : num(raw.numerator),
      denominator: suppressed ? null : num(raw.denominator),
      population: suppressed ? null : num(raw.population),
      value: suppressed ? null : num(raw.value),
      suppressed,
    };
    const base = { metric: state.metric, ...parts };
    if (view === 'region' || view === 'matrix') {
      const region = text(raw.region) ?? '';
      const parent = text(raw.parent);
      const regionName = region === OTHER ? otherRegionName(index, parent) : index.regionName(region);
      const regionKey = region === OTHER ? `${OTHER}:${parent ?? ''}` : region;
      // Regions by category: one row per region and category, keyed by both.
      const category = view === 'matrix' ? (text(raw.category) ?? '') : kept.code;
      return {
        ...base,
        key: view === 'matrix' ? pairKey(regionKey, category) : regionKey,
        label: regionName,
        period: state.to,
        level: state.level,
        region,
        regionName,
        parent,
        breakdown: view === 'matrix' ? (state.dimension ?? kept.breakdown) : kept.breakdown,
        category,
        categoryName: view === 'matrix' ? categoryName(index, state.dimension ?? 'ownership', category) : kept.name,
      };
    }
    if (view === 'period' && state.compare.length > 0 && raw.region !== undefined) {
      // Compared regions: one row per period and region, keyed by both.
      const period = text(raw.period) ?? '';
      const region = text(raw.region) ?? '';
      const parent = index.region(region)?.parent ?? null;
      return {
        ...base,
        key: pairKey(period, region),
        label: period,
        period,
        level: state.level,
        region,
        regionName: index.regionName(region),
        parent,
        breakdown: kept.breakdown,
        category: kept.code,
        categoryName: kept.name,
      };
    }
    if (view === 'period') {
      const period = text(raw.period) ?? '';
      // A trend split by category: one row per period and category, keyed by both.
      const split = state.split && state.dimension !== null && raw.category !== undefined;
      const category = split ? (text(raw.category) ?? '') : kept.code;
      return {
        ...base,
        key: split ? pairKey(period, category) : period,
        label: period,
        period,
        level: focus.level,
        region: focus.code,
        regionName: focus.name,
        parent: focus.parent,
        breakdown: split ? (state.dimension ?? kept.breakdown) : kept.breakdown,
        category,
        categoryName: split ? categoryName(index, state.dimension ?? 'ownership', category) : kept.name,
      };
    }
    const category = text(raw.category) ?? '';
    const dimension = state.dimension ?? 'ownership';
    const name = categoryName(index, dimension, category);
    return {
      ...base,
      key: category,
      label: name,
      period: state.to,
      level: focus.level,
      region: focus.code,
      regionName: focus.name,
      parent: focus.parent,
      breakdown: dimension,
      category,
      categoryName: name,
    };
  });
}

/** A category's name (the suppressed categories together for `other`). */
function categoryName(index: CatalogIndex, dimension: Dimension, category: string): string {
  return category === OTHER ? message(index.catalog, 'explorer.other.category') : index.categoryLabel(dimension, category);
}

/** The columns of a table or download, in order. */
export const ROW_COLUMNS = [
  'metric', 'period', 'level', 'region', 'region_name', 'parent', 'breakdown', 'category', 'category_name',
  'numerator', 'denominator', 'population', 'value', 'suppressed',
] as const;

/** A row as the values of {@link ROW_COLUMNS}. */
export function rowValues(row: ViewRow): (string | number | boolean | null)[] {
  return [
    row.metric, row.period, row.level, row.region, row.regionName, row.parent, row.breakdown, row.category, row.categoryName,
    row.numerator, row.denominator, row.population, row.value, row.suppressed,
  ];
}
