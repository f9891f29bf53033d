/**
 * What the explorer knows before it has loaded any data: the metrics with their labels,
 * units and breakdowns, the campaign targets that name a metric, the periods, the regions
 * with their names, the categories of each breakdown and the published cube's file.
 *
 * The catalog is built at build time (src/components/pages/ExplorerPage.astro) from the
 * metric definitions, summary.json, metrics.json, the contract's enumerations and
 * manifest.json, and embedded in the page as JSON, so that the browser can read a link's
 * state, label everything and write the SQL before DuckDB-WASM is loaded.
 *
 * Pure TypeScript: no DOM, no Node APIs. The region levels come from the published contract's
 * vocabulary (published-vocabulary.ts, without zod: this module runs in the browser).
 */
import type { Comparator } from '../contract/published.ts';
import { regionLevels, type RegionLevel } from '../contract/published-vocabulary.ts';


/** Breakdown dimensions the published cube has (besides the total, `all`). */
export const DIMENSIONS = ['ownership', 'industry', 'size_band', 'group'] as const;
/** A breakdown dimension. */
export type Dimension = (typeof DIMENSIONS)[number];

/** Is `value` a breakdown dimension? */
export function isDimension(value: unknown): value is Dimension {
  return typeof value === 'string' && (DIMENSIONS as readonly string[]).includes(value);
}

/** Is `value` a region level? */
export function isLevel(value: unknown): value is RegionLevel {
  return typeof value === 'string' && (regionLevels as readonly string[]).includes(value);
}

/** The category code of a cube row that holds suppressed categories together. */
export const OTHER = 'other';
/** The category (and breakdown) of a total row of the cube. */
export const ALL = 'all';

/** A metric, as the explorer offers it. */
export interface CatalogMetric {
  readonly id: string;
  readonly unit: 'rate' | 'count';
  readonly label: string;
  readonly description: string;
  /** Breakdown dimensions the cube has for this metric (at the levels of `breakdownLevels`). */
  readonly breakdowns: readonly Dimension[];
}

/** A campaign target that is measured by a metric. */
export interface CatalogTarget {
  readonly id: string;
  readonly metric: string;
  readonly label: string;
  /** The document's short title or number, for grouping in the chooser. */
  readonly document: string;
  /** The region the target applies to. */
  readonly scope: string;
  /** The eight-groups code the target is about, if any. */
  readonly group: string | null;
  readonly comparator: Comparator;
  readonly baseline: string | null;
  readonly deadline: string | null;
}

/** A region covered by the data. */
export interface CatalogRegion {
  readonly code: string;
  readonly level: RegionLevel;
  readonly parent: string | null;
  readonly name_zh: string;
  readonly name_en: string;
}

/** One category of a breakdown. */
export interface CatalogCategory {
  readonly code: string;
  readonly label: string;
}

/** A data file of the site the explorer loads, with what to check it against. */
export interface CatalogFile {
  /** Site path, e.g. `/data/cube.arrow`. */
  readonly path: string;
  /** Its size as sent (compressed, for a `.gz` file). */
  readonly bytes: number;
  readonly rows: number;
  /** SHA-256 of its content (decompressed, for a `.gz` file). */
  readonly sha256: string;
}

/** The published cube, as listed in manifest.json. */
export interface CatalogCube extends CatalogFile {
  /**
   * The cube cut at build time into each metric's core and detail slices
   * (src/lib/explorer/cube-slice.ts), gzip-compressed Arrow IPC streams of the same
   * columns, by slice name (`<metric>`, `<metric>.detail`): the explorer computes its views
   * from them, and the SQL panel loads them all.
   */
  readonly slices: Readonly<Record<string, CatalogFile>>;
}

/** Everything the explorer knows before loading data. */
export interface Catalog {
  readonly locale: 'zh-CN' | 'en';
  /** The latest period of the data (in download file names). */
  readonly vintage: string;
  /** The disclosure threshold the data was published with. */
  readonly k: number;
  readonly synthetic: boolean;
  /** Every period, ascending. */
  readonly periods: readonly string[];
  readonly metrics: readonly CatalogMetric[];
  readonly targets: readonly CatalogTarget[];
  readonly regions: readonly CatalogRegion[];
  /** Label and categories (in display order, without `other`) of each dimension. */
  readonly dimensions: Readonly<Record<Dimension, { readonly label: string; readonly categories: readonly CatalogCategory[] }>>;
  readonly cube: CatalogCube;
  /** The explorer's messages in the page's language (`explorer.*` keys). */
  readonly messages: Readonly<Record<string, string>>;
}

/** The metric the explorer opens with, when the catalog has it. */
export const DEFAULT_METRIC = 'coverage_all';

/** The region level the explorer lists first. */
export const DEFAULT_LEVEL: RegionLevel = 'prefecture';

/** Lookups over a catalog. */
export interface CatalogIndex {
  readonly catalog: Catalog;
  metric(id: string): CatalogMetric | undefined;
  target(id: string): CatalogTarget | undefined;
  region(code: string): CatalogRegion | undefined;
  /** A region's name in the catalog's language (the code when unknown). */
  regionName(code: string): string;
  /** A category's label (the code when unknown). */
  categoryLabel(dimension: Dimension, code: string): string;
  /** Whether `code` lies below `ancestor` (not equal to it). */
  isBelow(code: string, ancestor: string): boolean;
  /** The regions of a level, below a region (or all of them), in code order. */
  regionsAt(level: RegionLevel, scope: string | null): readonly CatalogRegion[];
}

/** Index a catalog for lookups. */
export function indexCatalog(catalog: Catalog): CatalogIndex {
  const metrics = new Map(catalog.metrics.map((m) => [m.id, m]));
  const targets = new Map(catalog.targets.map((t) => [t.id, t]));
  const regions = new Map(catalog.regions.map((r) => [r.code, r]));
  const labels = new Map(
    DIMENSIONS.map((d) => [d, new Map(catalog.dimensions[d].categories.map((c) => [c.code, c.label]))]),
  );
  const isBelow = (code: string, ancestor: string): boolean => {
    let parent = regions.get(code)?.parent ?? null;
    while (parent !== null) {
      if (parent === ancestor) return true;
      parent = regions.get(parent)?.parent ?? null;
    }
    return false;
  };
  const sorted = [...catalog.regions].sort((a, b) => a.code.localeCompare(b.code));
  return {
    catalog,
    metric: (id) => metrics.get(id),
    target: (id) => targets.get(id),
    region: (code) => regions.get(code),
    regionName: (code) => {
      const region = regions.get(code);
      if (region === undefined) return code;
      return catalog.locale === 'en' ? region.name_en : region.name_zh;
    },
    categoryLabel: (dimension, code) => labels.get(dimension)?.get(code) ?? code,
    isBelow,
    regionsAt: (level, scope) => sorted.filter((r) => r.level === level && (scope === null || isBelow(r.code, scope))),
  };
}

/**
 * The significant prefix of a region code: two digits for a province, four for a
 * prefecture (GB/T 2260 codes nest by prefix), the whole code for a county.
 */
export function codePrefix(code: string, level: RegionLevel): string {
  if (level === 'province') return code.slice(0, 2);
  if (level === 'prefecture') return code.slice(0, 4);
  return code;
}

/** The levels below a region's level (all levels for the whole country). */
export function levelsBelow(level: RegionLevel | null): readonly RegionLevel[] {
  if (level === null) return regionLevels;
  return regionLevels.slice(regionLevels.indexOf(level) + 1);
}

/** A message of the catalog, with `{name}` placeholders filled; the key itself when missing. */
export function message(catalog: Catalog, key: string, params: Readonly<Record<string, string | number>> = {}): string {
  const template = catalog.messages[key];
  if (template === undefined) return key;
  return template.replace(/\{([A-Za-z0-9_]+)\}/g, (match, name: string) => {
    const value = params[name];
    return value === undefined ? match : String(value);
  });
}
