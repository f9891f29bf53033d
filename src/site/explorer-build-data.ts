/**
 * Build-time data of the explorer page: the catalog embedded in the page, and the rows of
 * the default view that the page shows (as SVG and table) before DuckDB-WASM is loaded.
 *
 * Reads the published files only (public/data/summary.json, metrics.json, manifest.json,
 * cube.arrow), the metric definitions, the contract's enumerations and the documents'
 * metadata. metrics.json and manifest.json are read and parsed with the published data
 * contract by site-published.ts; cube.arrow must have the contract's columns. Files are read
 * once per build. Never import this from client code.
 */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { constants, gzipSync } from 'node:zlib';
import { tableFromIPC } from '@uwdata/flechette';
import zhMessages from '../i18n/explorer/zh-CN.json' with { type: 'json' };
import enMessages from '../i18n/explorer/en.json' with { type: 'json' };
import { contract } from '../lib/contract/contract.ts';
import { type PublishedCell, type TargetDefinition } from '../lib/contract/published.ts';
import type { Locale } from '../lib/i18n.ts';
import { sizeBands } from '../lib/metrics/sources.ts';
import { loadDocuments, loadSummary } from './site-data.ts';
import { loadManifest, loadMetricsFile } from './site-published.ts';
import {
  DIMENSIONS,
  indexCatalog,
  isDimension,
  type Catalog,
  type CatalogIndex,
  type CatalogTarget,
  type Dimension,
} from '../lib/explorer/catalog.ts';
import type { ViewKind } from '../lib/explorer/query.ts';
import { cubeCells } from '../lib/explorer/cube-cells.ts';
import { cubeSlices } from '../lib/explorer/cube-slice.ts';
import { referenceRows } from '../lib/explorer/reference.ts';
import type { ViewRow } from '../lib/explorer/rows.ts';
import { defaultState, type ExplorerState } from '../lib/explorer/state.ts';
import { loadSiteMetrics } from '../lib/site-metrics.ts';

const ROOT = process.cwd();
const DATA = join(ROOT, 'public/data');

function cubePath(): string {
  const path = join(DATA, 'cube.arrow');
  if (!existsSync(path)) throw new Error('explorer: public/data/cube.arrow not found; run `npm run data` first');
  return path;
}

/** Site path of a slice of the cube (written by src/pages/data/cube/[slice].arrow.gz.ts). */
export const slicePath = (name: string): string => `/data/cube/${name}.arrow.gz`;

/** A slice of the cube: its Arrow IPC stream, the same gzip-compressed (as the site sends it), its rows. */
export interface BuiltSlice {
  readonly bytes: Uint8Array;
  readonly gzip: Uint8Array;
  readonly rows: number;
}

let slices: Map<string, BuiltSlice> | undefined;

/** The slices of cube.arrow (src/lib/explorer/cube-slice.ts), by slice name, made once per build. */
export function loadCubeSlices(): Map<string, BuiltSlice> {
  slices ??= new Map(
    [...cubeSlices(readFileSync(cubePath()))].map(([name, bytes]) => [
      name,
      { bytes, gzip: gzipSync(bytes, { level: constants.Z_BEST_COMPRESSION }), rows: tableFromIPC(bytes).numRows },
    ]),
  );
  return slices;
}

let allCells: PublishedCell[] | undefined;

/** Every cell of cube.arrow, read once per build (for the default breakdown view). */
export function loadCubeCells(): PublishedCell[] {
  allCells ??= cubeCells(readFileSync(cubePath()), 'public/data/cube.arrow (re-run `npm run data`)');
  return allCells;
}

/** The explorer's messages of a locale. */
export function explorerMessages(locale: Locale): Record<string, string> {
  return locale === 'en' ? enMessages : zhMessages;
}

const catalogs = new Map<Locale, Catalog>();

/** The catalog of a locale. */
export function buildCatalog(locale: Locale): Catalog {
  const cached = catalogs.get(locale);
  if (cached !== undefined) return cached;
  const en = locale === 'en';
  const messages = explorerMessages(locale);
  const summary = loadSummary();
  const published = loadMetricsFile();
  const cube = loadManifest().files.find((f) => f.file === 'cube.arrow');
  if (cube === undefined) throw new Error('explorer: manifest.json does not list cube.arrow');
  const definitions = loadSiteMetrics();
  const enumCategories = (name: string) =>
    (contract.enums[name]?.values ?? []).map((v) => ({ code: v.code, label: en ? v.en : v.zh }));
  const dimensionLabel = (d: Dimension) => messages[`explorer.dimension.${d}`] ?? d;
  const sizeLabel = (band: string) =>
    band.endsWith('+')
      ? (messages['explorer.size.plus'] ?? '{min}+').replace('{min}', band.slice(0, -1))
      : (messages['explorer.size.range'] ?? '{min}–{max}').replace('{min}', band.split('-')[0] ?? '').replace('{max}', band.split('-')[1] ?? '');
  const documents = new Map(loadDocuments().map((d) => [d.id, d]));
  const targets: CatalogTarget[] = published.target_definitions
    .filter((t): t is TargetDefinition & { metric: string } => t.metric !== null && definitions.some((m) => m.id === t.metric))
    .map((t) => {
      const document = documents.get(t.document);
      const place = document === undefined ? t.document : en ? document.place_en : document.place_zh;
      const year = (document?.date ?? '').slice(0, 4);
      return {
        id: t.id,
        metric: t.metric,
        label: en ? t.label.en : t.label.zh,
        document: `${place} ${year}${t.document_number !== null ? ` · ${t.document_number}` : ''}`.trim(),
        scope: t.scope,
        group: t.group,
        comparator: t.comparator,
        baseline: t.baseline,
        deadline: t.deadline,
      };
    });
  const catalog: Catalog = {
    locale,
    vintage: published.vintage,
    k: published.k,
    synthetic: published.synthetic,
    periods: summary.periods,
    metrics: definitions.map((m) => ({
      id: m.id,
      unit: m.unit,
      label: en ? m.label.en : m.label.zh,
      description: en ? m.description.en : m.description.zh,
      breakdowns: m.breakdowns.filter(isDimension),
    })),
    targets,
    regions: summary.regions.map((r) => ({ code: r.code, level: r.level, parent: r.parent, name_zh: r.name_zh, name_en: r.name_en })),
    dimensions: Object.fromEntries(
      DIMENSIONS.map((d) => [
        d,
        {
          label: dimensionLabel(d),
          categories: d === 'size_band' ? sizeBands.map((b) => ({ code: b, label: sizeLabel(b) })) : enumCategories(d),
        },
      ]),
    ) as unknown as Catalog['dimensions'],
    cube: {
      path: '/data/cube.arrow',
      bytes: cube.bytes,
      rows: cube.rows,
      sha256: cube.sha256,
      slices: Object.fromEntries(
        [...loadCubeSlices()].map(([name, slice]) => [
          name,
          { path: slicePath(name), bytes: slice.gzip.length, rows: slice.rows, sha256: createHash('sha256').update(slice.bytes).digest('hex') },
        ]),
      ),
    },
    messages,
  };
  catalogs.set(locale, catalog);
  return catalog;
}

/** metrics.json rows as cube cells (totals, and eight-group rows as the `group` breakdown). */
function metricsJsonCells(metric: string): PublishedCell[] {
  return loadMetricsFile()
    .metrics.filter((r) => r.metric === metric)
    .map((r) => ({
      metric: r.metric,
      period: r.period,
      level: r.level,
      region: r.region,
      parent: r.parent,
      breakdown: r.group === undefined ? 'all' : 'group',
      category: r.group === undefined ? 'all' : r.group,
      numerator: r.numerator,
      denominator: r.denominator,
      population: r.population,
      value: r.value,
      suppressed: r.suppressed,
    }));
}

/** The default view at build time: its state and the rows of each view. */
export interface BuiltView {
  readonly index: CatalogIndex;
  readonly state: ExplorerState;
  readonly rows: Readonly<Record<ViewKind, ViewRow[] | null>>;
}

/**
 * The default view: regions and trend from metrics.json (totals), categories from
 * cube.arrow (metrics.json has no breakdowns), computed as the browser's SQL computes them.
 */
export function buildDefaultView(locale: Locale): BuiltView {
  const index = indexCatalog(buildCatalog(locale));
  const state = defaultState(index);
  const totals = metricsJsonCells(state.metric);
  const breakdown = state.dimension === null ? [] : loadCubeCells().filter((c) => c.metric === state.metric && c.period === state.to && c.breakdown === state.dimension);
  return {
    index,
    state,
    rows: {
      region: referenceRows(index, state, 'region', totals),
      period: referenceRows(index, state, 'period', totals),
      category: referenceRows(index, state, 'category', breakdown),
      // The regions by category are a table only: computed when the default view's table shows them.
      matrix: state.table === 'matrix' ? referenceRows(index, state, 'matrix', breakdown) : null,
    },
  };
}
