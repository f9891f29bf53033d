/**
 * The explorer's view SQL (src/lib/explorer/query.ts), run for real on DuckDB-WASM in Node
 * over the published cube.arrow (as the browser runs it), against the JavaScript reference
 * (src/lib/explorer/reference.ts) over the same cells, and against the build's own values
 * (metrics.json, computed with each metric's compiled SQL) for every metric, level and
 * period. Also: a combined cell with a suppressed part is suppressed, with no number.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildCatalog, loadCubeCells, loadCubeSlices } from '../../src/site/explorer-build-data.ts';
import { loadMetricsFile } from '../../src/site/site-published.ts';
import { hasBreakdowns, type PublishedCell } from '../../src/lib/contract/published.ts';
import { indexCatalog, levelsBelow, type CatalogIndex, type Dimension } from '../../src/lib/explorer/catalog.ts';
import { CUBE_TABLE, viewQueries, type ViewKind } from '../../src/lib/explorer/query.ts';
import { CellIndex } from '../../src/lib/explorer/cell-index.ts';
import { cubeColumns } from '../../src/lib/explorer/cube-cells.ts';
import { needsDetail, sliceName } from '../../src/lib/explorer/cube-slice.ts';
import { referenceRows } from '../../src/lib/explorer/reference.ts';
import { combineCells, toViewRows, type ViewRow } from '../../src/lib/explorer/rows.ts';
import { defaultState, normalizeState, type ExplorerState } from '../../src/lib/explorer/state.ts';
import { wasmEngine, type TestEngine } from '../helpers/engines.ts';

const VIEWS: readonly ViewKind[] = ['region', 'period', 'category', 'matrix'];

let engine: TestEngine;
let index: CatalogIndex;
let cellsByMetric: Map<string, PublishedCell[]>;
/** Each metric's cells as the browser has them: its published core slice (and detail slice), decoded and indexed. */
let slices: Map<string, { core: CellIndex; all: CellIndex }>;

beforeAll(async () => {
  engine = await wasmEngine({ [CUBE_TABLE]: readFileSync(join(process.cwd(), 'public/data/cube.arrow')) });
  index = indexCatalog(buildCatalog('en'));
  cellsByMetric = Map.groupBy(loadCubeCells(), (c) => c.metric);
  const built = loadCubeSlices();
  // As the browser reads them: each slice's columns, cells made on demand.
  const decoded = (name: string) => {
    const slice = built.get(name);
    return slice === undefined ? [] : [cubeColumns(slice.bytes, name)];
  };
  slices = new Map(
    index.catalog.metrics.map((m) => [m.id, { core: new CellIndex(decoded(sliceName(m.id, 'core'))), all: new CellIndex([...decoded(sliceName(m.id, 'core')), ...decoded(sliceName(m.id, 'detail'))]) }]),
  );
}, 120_000);

afterAll(async () => {
  await engine?.close();
});

/** The rows of a view as the browser gets them: its SQL on DuckDB-WASM. */
async function sqlRows(state: ExplorerState, view: ViewKind): Promise<ViewRow[] | null> {
  const query = viewQueries(index, state)[view];
  if (query.kind !== 'query') return null;
  return toViewRows(index, state, view, await engine.query(query.sql));
}

/** The numbers of a row, to compare. */
const numbers = (r: ViewRow) => [r.key, r.numerator, r.denominator, r.population, r.value, r.suppressed];

/** A spread of states over every metric: levels, scopes, selections, periods and filters. */
function sampleStates(): ExplorerState[] {
  const states: ExplorerState[] = [];
  const provinces = index.regionsAt('province', null);
  const periods = index.catalog.periods;
  for (const metric of index.catalog.metrics) {
    const base = normalizeState(index, { ...defaultState(index), metric: metric.id, dimension: null });
    states.push(base, { ...base, level: 'county' }, { ...base, level: 'province' });
    for (const [i, province] of provinces.entries()) {
      const prefecture = index.regionsAt('prefecture', province.code)[0];
      states.push(normalizeState(index, { ...base, scope: province.code, level: i % 2 === 0 ? 'prefecture' : 'county' }));
      if (prefecture !== undefined) {
        states.push(normalizeState(index, { ...base, scope: province.code, level: 'prefecture', selected: prefecture.code, from: periods[3] ?? base.from, to: periods[10] ?? base.to }));
        states.push(normalizeState(index, { ...base, scope: prefecture.code, level: 'county' }));
      }
    }
    // Several regions side by side in the trend: prefectures, counties, provinces (with a category kept).
    const prefectures = index.regionsAt('prefecture', provinces[0]?.code ?? null).slice(0, 3).map((r) => r.code);
    const counties = index.regionsAt('county', null).slice(0, 2).map((r) => r.code);
    states.push(normalizeState(index, { ...base, level: 'prefecture', compare: prefectures }));
    states.push(normalizeState(index, { ...base, level: 'county', compare: counties }));
    states.push(normalizeState(index, { ...base, level: 'province', compare: provinces.slice(0, 3).map((p) => p.code) }));
    const firstDimension = metric.breakdowns[0];
    if (firstDimension !== undefined) {
      const code = index.catalog.dimensions[firstDimension as Dimension].categories[0]?.code ?? '';
      states.push(normalizeState(index, { ...base, level: 'province', compare: provinces.slice(0, 2).map((p) => p.code), dimension: firstDimension, categories: [code] }));
      states.push(normalizeState(index, { ...base, level: 'prefecture', compare: prefectures, dimension: firstDimension, categories: [code] }));
    }
    for (const dimension of metric.breakdowns) {
      const codes = index.catalog.dimensions[dimension as Dimension].categories.map((c) => c.code);
      // The trend split by category: every category, or the kept ones; all provinces, a province, a prefecture.
      const prefecture = index.regionsAt('prefecture', provinces[0]?.code ?? null)[0]?.code ?? null;
      for (const categories of [[], codes.slice(0, 3)]) {
        states.push(normalizeState(index, { ...base, dimension, categories, split: true }));
        states.push(normalizeState(index, { ...base, dimension, categories, split: true, level: 'province', selected: provinces[1]?.code ?? null }));
        states.push(normalizeState(index, { ...base, dimension, categories, split: true, scope: provinces[0]?.code ?? null, selected: prefecture }));
      }
      for (const categories of [codes.slice(0, 1), codes.slice(1, 4), codes.filter((_, i) => i % 2 === 0)]) {
        states.push(normalizeState(index, { ...base, dimension, categories }));
        states.push(normalizeState(index, { ...base, dimension, categories, scope: provinces[4]?.code ?? null, selected: null }));
        states.push(normalizeState(index, { ...base, dimension, categories, level: 'province', selected: provinces[0]?.code ?? null }));
      }
    }
  }
  return states;
}

describe('explorer view SQL on DuckDB-WASM', () => {
  it('runs for every view of a spread of states and agrees with the JavaScript reference, from the cube and from each metric’s slice', async () => {
    const states = sampleStates();
    expect(states.length).toBeGreaterThan(500);
    expect(new Set(states.map((s) => s.metric)).size).toBe(index.catalog.metrics.length);
    let compared = 0;
    let coreOnly = 0;
    let splitRows = 0;
    let comparedRows = 0;
    let matrixRows = 0;
    for (const state of states) {
      const cells = cellsByMetric.get(state.metric) ?? [];
      const both = slices.get(state.metric);
      expect(both?.all.size, state.metric).toBe(cells.length);
      // What the browser loads for this view: the core slice, and the detail slice only when needsDetail says so.
      if (!needsDetail(index, state)) coreOnly += 1;
      for (const view of VIEWS) {
        // The regions-by-category view is shown as the table: its state says so.
        const slice = needsDetail(index, view === 'matrix' ? { ...state, table: 'matrix' } : state) ? both?.all : both?.core;
        const expected = referenceRows(index, state, view, cells);
        const fromSlice = slice === undefined ? undefined : referenceRows(index, state, view, slice);
        const actual = await sqlRows(state, view);
        if (expected === null) {
          expect(actual, `${view} of ${JSON.stringify(state)}`).toBeNull();
          expect(fromSlice, `${view} of ${JSON.stringify(state)} from the slice`).toBeNull();
          continue;
        }
        expect(actual?.map(numbers), `${view} of ${JSON.stringify(state)}`).toEqual(expected.map(numbers));
        // What the reader's browser shows before (and without) DuckDB-WASM: the whole row, names included.
        expect(fromSlice, `${view} of ${JSON.stringify(state)} from the slice`).toEqual(actual);
        compared += expected.length;
        if (view === 'period' && state.split) splitRows += expected.filter((r) => r.key.includes('|')).length;
        if (view === 'period' && state.compare.length > 0) comparedRows += expected.filter((r) => r.key.includes('|')).length;
        if (view === 'matrix') matrixRows += expected.length;
      }
    }
    expect(compared).toBeGreaterThan(10_000);
    // Trends split by category were compared, row by row.
    expect(splitRows).toBeGreaterThan(1_000);
    // And trends of compared regions.
    expect(comparedRows).toBeGreaterThan(1_000);
    // And regions by category (two breakdowns at once).
    expect(matrixRows).toBeGreaterThan(1_000);
    // Both kinds of state were tried: views from the core slice alone, and views that need the detail.
    expect(coreOnly).toBeGreaterThan(100);
    expect(states.length - coreOnly).toBeGreaterThan(100);
  }, 300_000);

  it('gives the published value of every region in the default view, as metrics.json has it', async () => {
    const state = defaultState(index);
    const rows = await sqlRows(state, 'region');
    const published = loadMetricsFile().metrics.filter(
      (r) => r.metric === state.metric && r.period === state.to && r.level === state.level && (r.group ?? null) === null,
    );
    expect(rows?.length).toBe(published.length);
    for (const row of rows ?? []) {
      const cell = published.find((p) => p.region === row.region && p.parent === row.parent);
      expect(cell, row.key).toBeDefined();
      expect([row.numerator, row.denominator, row.population, row.value, row.suppressed]).toEqual([
        cell?.numerator, cell?.denominator, cell?.population, cell?.value, cell?.suppressed,
      ]);
    }
  });

  it('gives the build’s value of every published total, for every metric, level and period', async () => {
    const totals = Map.groupBy(
      loadMetricsFile().metrics.filter((r) => (r.group ?? null) === null),
      (r) => `${r.metric}|${r.level}|${r.period}`,
    );
    let compared = 0;
    for (const metric of index.catalog.metrics) {
      for (const level of ['province', 'prefecture', 'county'] as const) {
        for (const period of index.catalog.periods) {
          const published = totals.get(`${metric.id}|${level}|${period}`) ?? [];
          const state = normalizeState(index, { ...defaultState(index), metric: metric.id, level, from: period, to: period, dimension: null });
          if (state.level !== level || state.to !== period) continue;
          const rows = (await sqlRows(state, 'region')) ?? [];
          // "Other" rows (regions below k merged) are one per parent.
          const byRegion = new Map(rows.map((r) => [`${String(r.region)}|${String(r.parent)}`, r]));
          for (const cell of published) {
            const row = byRegion.get(`${cell.region}|${String(cell.parent)}`);
            expect(row, `${metric.id} ${level} ${period} ${cell.region}`).toBeDefined();
            expect([row?.numerator, row?.denominator, row?.population, row?.value, row?.suppressed], `${metric.id} ${cell.region} ${period}`).toEqual([
              cell.numerator, cell.denominator, cell.population, cell.value, cell.suppressed,
            ]);
            compared += 1;
          }
        }
      }
    }
    expect(compared).toBeGreaterThan(50_000);
  }, 600_000);

  it('shows a combined cell with a suppressed part as suppressed, with no number', async () => {
    // Suppressed cells that have a published sibling category, spread over the cube.
    const all = loadCubeCells();
    const key = (c: PublishedCell) => `${c.metric}|${c.period}|${c.region}|${c.breakdown}`;
    const publishedSibling = new Map<string, PublishedCell>();
    for (const c of all) if (!c.suppressed && c.category !== 'other' && c.breakdown !== 'all') publishedSibling.set(key(c), c);
    const candidates = all.filter((c) => c.suppressed && c.breakdown !== 'all' && c.category !== 'other' && hasBreakdowns(c.level, c.breakdown) && publishedSibling.has(key(c)));
    const step = Math.max(1, Math.floor(candidates.length / 40));
    const suppressedCells = candidates.filter((_, i) => i % step === 0);
    expect(suppressedCells.length).toBeGreaterThan(10);
    let checked = 0;
    for (const cell of suppressedCells) {
      const sibling = publishedSibling.get(key(cell));
      const region = index.region(cell.region);
      if (region === undefined || sibling === undefined) continue;
      const state = normalizeState(index, {
        ...defaultState(index),
        metric: cell.metric,
        to: cell.period,
        from: cell.period,
        level: region.level,
        scope: region.parent,
        selected: region.code,
        dimension: cell.breakdown as Dimension,
        categories: [cell.category, sibling.category],
      });
      expect(state.categories.length, JSON.stringify(state)).toBe(2);
      for (const view of ['region', 'period'] as const) {
        const rows = (await sqlRows(state, view)) ?? [];
        const row = view === 'region' ? rows.find((r) => r.region === cell.region) : rows.find((r) => r.period === cell.period);
        expect(row, `${view} ${JSON.stringify(state)}`).toBeDefined();
        expect(row?.suppressed).toBe(true);
        expect([row?.numerator, row?.denominator, row?.population, row?.value]).toEqual([null, null, null, null]);
      }
      const categories = (await sqlRows(state, 'category')) ?? [];
      const own = categories.find((r) => r.category === cell.category);
      expect(own?.suppressed).toBe(true);
      expect(own?.value).toBeNull();
      checked += 1;
    }
    expect(checked).toBeGreaterThan(10);
  });

  it('returns the value of each single published cell unchanged', async () => {
    const rows = await engine.query(
      `SELECT count(*) AS differ FROM ${CUBE_TABLE} WHERE NOT suppressed AND denominator > 0 AND round(numerator / denominator, 8) <> value`,
    );
    expect(Number(rows[0]?.differ)).toBe(0);
  });
});

describe('combining cells', () => {
  it('sums the parts and divides; a suppressed part suppresses the whole', () => {
    const a = { numerator: 2, denominator: 10, population: 10, suppressed: false };
    const b = { numerator: 3, denominator: 20, population: 20, suppressed: false };
    expect(combineCells([a, b], 'rate')).toEqual({ numerator: 5, denominator: 30, population: 30, value: 0.16666667, suppressed: false });
    expect(combineCells([a, b], 'count').value).toBe(5);
    const hidden = { numerator: null, denominator: null, population: null, suppressed: true };
    expect(combineCells([a, hidden, b], 'rate')).toEqual({ numerator: null, denominator: null, population: null, value: null, suppressed: true });
  });

  it('has no value for a rate over nothing', () => {
    expect(combineCells([{ numerator: 0, denominator: 0, population: 0, suppressed: false }], 'rate').value).toBeNull();
  });
});

describe('levels', () => {
  it('lists the levels below a region', () => {
    expect(levelsBelow(null)).toEqual(['province', 'prefecture', 'county']);
    expect(levelsBelow('province')).toEqual(['prefecture', 'county']);
    expect(levelsBelow('county')).toEqual([]);
  });
});

describe('the slices of the cube', () => {
  it('hold every cell once, in a core and a detail slice per metric, with the cube’s columns and the same answers to every view', async () => {
    const built = loadCubeSlices();
    const names = [...built.keys()];
    expect(names.filter((n) => !n.endsWith('.detail')).sort()).toEqual([...cellsByMetric.keys()].sort());
    expect([...built.values()].reduce((n, s) => n + s.rows, 0)).toBe(index.catalog.cube.rows);
    for (const metric of ['coverage_all', 'group_enrollment_rate', 'new_members']) {
      const parts = [built.get(sliceName(metric, 'core')), built.get(sliceName(metric, 'detail'))].filter((s) => s !== undefined);
      const sliced = await wasmEngine({ [CUBE_TABLE]: parts[0]!.bytes });
      try {
        for (const part of parts.slice(1)) await sliced.insert(CUBE_TABLE, part.bytes);
        const count = await sliced.query(`SELECT count(*) AS n, count(DISTINCT metric) AS m FROM ${CUBE_TABLE}`);
        expect(Number(count[0]?.n)).toBe(cellsByMetric.get(metric)?.length);
        expect(Number(count[0]?.m)).toBe(1);
        const schema = await sliced.query(`DESCRIBE ${CUBE_TABLE}`);
        const full = await engine.query(`DESCRIBE ${CUBE_TABLE}`);
        expect(schema).toEqual(full);
        for (const state of sampleStates().filter((s) => s.metric === metric).slice(0, 12)) {
          for (const view of VIEWS) {
            const query = viewQueries(index, state)[view];
            if (query.kind !== 'query') continue;
            expect(await sliced.query(query.sql)).toEqual(await engine.query(query.sql));
          }
        }
      } finally {
        await sliced.close();
      }
    }
  }, 120_000);
});
