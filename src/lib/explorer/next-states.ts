/**
 * The views a reader is most likely to ask for next: the current one with one control
 * changed (a category kept or dropped, another level, another breakdown, the period
 * before or after). The explorer runs their queries in the background while the reader
 * looks at the current view, so that the next change is usually answered from memory.
 *
 * Pure TypeScript: no DOM, no Node APIs.
 */
import { levelsBelow, type CatalogIndex } from './catalog.ts';
import { normalizeState, serializeState, type ExplorerState } from './state.ts';

/** States one change away from `state`, most likely first, normalized, without duplicates or `state` itself. */
export function nextStates(index: CatalogIndex, state: ExplorerState): ExplorerState[] {
  const candidates: ExplorerState[] = [];
  if (state.dimension !== null) {
    for (const category of index.catalog.dimensions[state.dimension].categories) {
      const kept = state.categories.includes(category.code);
      candidates.push({ ...state, categories: kept ? state.categories.filter((c) => c !== category.code) : [...state.categories, category.code] });
    }
  }
  const scope = state.scope === null ? undefined : index.region(state.scope);
  for (const level of levelsBelow(scope?.level ?? null)) candidates.push({ ...state, level, selected: null });
  for (const dimension of index.metric(state.metric)?.breakdowns ?? []) candidates.push({ ...state, dimension, categories: [] });
  const periods = index.catalog.periods;
  const at = periods.indexOf(state.to);
  for (const to of [periods[at - 1], periods[at + 1]]) {
    if (to !== undefined && to >= state.from) candidates.push({ ...state, to });
  }
  const seen = new Set([serializeState(index, normalizeState(index, state))]);
  const out: ExplorerState[] = [];
  for (const candidate of candidates) {
    const normal = normalizeState(index, candidate);
    const key = serializeState(index, normal);
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(normal);
  }
  return out;
}
