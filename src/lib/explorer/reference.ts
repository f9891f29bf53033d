/**
 * The explorer's views computed in plain JavaScript from published cells: what the
 * explorer shows in the reader's browser (from the metric's Arrow slice, without waiting
 * for DuckDB-WASM), what the build draws the default view with, and the reference the SQL
 * of query.ts is tested against on DuckDB-WASM. Same selection, same sums, same rule (a
 * combined cell with a suppressed part is suppressed), same order as the SQL, which stays
 * what the reader can copy and run in the SQL panel.
 *
 * Pure TypeScript: no DOM, no Node APIs.
 */
import type { PublishedCell } from '../contract/published.ts';
import { ALL, OTHER, codePrefix, type CatalogIndex } from './catalog.ts';
import { CellIndex } from './cell-index.ts';
import type { ViewKind } from './query.ts';
import { combineCells, toViewRows, type ViewRow } from './rows.ts';
import { focusRegion, type ExplorerState } from './state.ts';
import { unavailableReason } from './view-availability.ts';

const cmp = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/** What the rows of a view are grouped by. */
interface GroupKey {
  readonly region?: string;
  readonly parent?: string | null;
  readonly period?: string;
  readonly category?: string;
}

/** Whether a cell holds the totals or one of the kept categories (every category, for a trend split by category). */
function keptCell(state: ExplorerState, cell: PublishedCell, split = false): boolean {
  if (split && state.dimension !== null && state.categories.length === 0) return cell.breakdown === state.dimension;
  if (state.dimension === null || state.categories.length === 0) return cell.breakdown === ALL;
  return cell.breakdown === state.dimension && state.categories.includes(cell.category);
}

/** Whether a cell is of the focus region (or of a province, for the whole country). */
function focusCell(index: CatalogIndex, state: ExplorerState, cell: PublishedCell): boolean {
  const focus = focusRegion(state);
  const region = focus === null ? undefined : index.region(focus);
  if (region === undefined) return cell.level === 'province';
  return cell.level === region.level && cell.region === region.code;
}

/** The cells a view may read: all of them, or the index's group that holds every cell it selects. */
function candidates(index: CatalogIndex, state: ExplorerState, view: ViewKind, cells: readonly PublishedCell[] | CellIndex): readonly PublishedCell[] {
  if (!(cells instanceof CellIndex)) return cells;
  if (view === 'region' || view === 'matrix') return cells.at(state.to, state.level);
  const focus = focusRegion(state);
  const region = focus === null ? undefined : index.region(focus);
  if (view === 'period' && state.compare.length > 0) return state.compare.flatMap((code) => cells.region(state.level, code));
  if (region === undefined) return view === 'period' ? cells.level('province') : cells.at(state.to, 'province');
  return cells.region(region.level, region.code);
}

/**
 * The rows of a view (as query.ts's SQL returns them), computed from cells (a list, or a
 * {@link CellIndex} of them). Null when the view is unavailable.
 */
export function referenceRows(index: CatalogIndex, state: ExplorerState, view: ViewKind, source: readonly PublishedCell[] | CellIndex): ViewRow[] | null {
  const metric = index.metric(state.metric);
  if (metric === undefined) return null;
  if (unavailableReason(index, state, view) !== null) return null;
  const focus = focusRegion(state);
  const compare = view === 'period' && state.compare.length > 0;
  const split = !compare && view === 'period' && state.split && state.dimension !== null;

  const scope = state.scope === null ? undefined : index.region(state.scope);
  const prefix = scope === undefined ? null : codePrefix(scope.code, scope.level);
  /** Whether a cell is of a region below the scope (an `other` row by its parent), as the SQL's scope condition. */
  const inScope = (cell: PublishedCell) => prefix === null || (cell.region === OTHER ? (cell.parent ?? '') : cell.region).startsWith(prefix);
  const groups = new Map<string, { key: GroupKey; cells: PublishedCell[] }>();
  for (const cell of candidates(index, state, view, source)) {
    if (cell.metric !== metric.id) continue;
    let key: GroupKey;
    if (view === 'region') {
      if (cell.period !== state.to || cell.level !== state.level || !keptCell(state, cell)) continue;
      if (!inScope(cell)) continue;
      key = { region: cell.region, parent: cell.parent };
    } else if (view === 'matrix') {
      if (cell.period !== state.to || cell.level !== state.level || cell.breakdown !== state.dimension) continue;
      if (!inScope(cell)) continue;
      key = { region: cell.region, parent: cell.parent, category: cell.category };
    } else if (compare) {
      if (cell.period < state.from || cell.period > state.to || cell.level !== state.level || !state.compare.includes(cell.region) || !keptCell(state, cell)) continue;
      key = { period: cell.period, region: cell.region };
    } else if (view === 'period') {
      if (cell.period < state.from || cell.period > state.to || !focusCell(index, state, cell) || !keptCell(state, cell, split)) continue;
      key = split ? { period: cell.period, category: cell.category } : { period: cell.period };
    } else {
      if (cell.period !== state.to || !focusCell(index, state, cell) || cell.breakdown !== state.dimension) continue;
      key = { category: cell.category };
    }
    const id = JSON.stringify(key);
    const group = groups.get(id);
    if (group === undefined) groups.set(id, { key, cells: [cell] });
    else group.cells.push(cell);
  }
  let kept = [...groups.values()];
  if (view === 'period' && focus === null && !compare) {
    // As the SQL: all provinces together only where every one of them is published (for each category apart, when split).
    const regions = (g: { cells: PublishedCell[] }) => new Set(g.cells.map((c) => c.region)).size;
    const most = new Map<string, number>();
    for (const g of kept) most.set(g.key.category ?? '', Math.max(most.get(g.key.category ?? '') ?? 0, regions(g)));
    kept = kept.filter((g) => regions(g) === most.get(g.key.category ?? ''));
  }
  const raw = kept.map(({ key, cells: parts }) => ({ ...key, ...combineCells(parts, metric.unit) }));
  if (view === 'region') {
    raw.sort(
      (a, b) =>
        Number(a.region === OTHER) - Number(b.region === OTHER) ||
        Number(a.suppressed) - Number(b.suppressed) ||
        (a.value === null ? 1 : 0) - (b.value === null ? 1 : 0) ||
        (b.value ?? 0) - (a.value ?? 0) ||
        cmp(String(a.region), String(b.region)) ||
        cmp(String(a.parent ?? ''), String(b.parent ?? '')),
    );
  } else {
    const order = index.catalog.dimensions[state.dimension ?? 'ownership'].categories.map((c) => c.code);
    const position = (c: string) => {
      const i = order.indexOf(c);
      return i < 0 ? Number.MAX_SAFE_INTEGER : i;
    };
    const byCategory = (a: { category?: string }, b: { category?: string }) =>
      position(String(a.category)) - position(String(b.category)) || cmp(String(a.category), String(b.category));
    const byCompared = (a: { region?: string }, b: { region?: string }) => state.compare.indexOf(String(a.region)) - state.compare.indexOf(String(b.region));
    if (view === 'period') raw.sort((a, b) => cmp(String(a.period), String(b.period)) || (split ? byCategory(a, b) : compare ? byCompared(a, b) : 0));
    else if (view === 'matrix') {
      raw.sort(
        (a, b) =>
          Number(a.region === OTHER) - Number(b.region === OTHER) ||
          cmp(String(a.region), String(b.region)) ||
          cmp(String(a.parent ?? ''), String(b.parent ?? '')) ||
          byCategory(a, b),
      );
    } else raw.sort(byCategory);
  }
  return toViewRows(index, state, view, raw);
}
