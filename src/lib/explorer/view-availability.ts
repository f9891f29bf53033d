/**
 * Which views the protected publication can answer for a state, and why not: one rule,
 * read by the views' SQL (query.ts) and by their computation from the slices
 * (reference.ts), so the two can never disagree on what is unavailable.
 *
 * The cube publishes counties and districts as totals only (its breakdowns are of provinces
 * and prefectures), so a view that would need a county's categories is unavailable; a
 * metric without breakdowns has no category view.
 */
import type { CatalogIndex } from './catalog.ts';
import { focusRegion, type ExplorerState, type TableView } from './state.ts';

/** Why a view has no query. */
export type UnavailableReason = 'no_breakdowns' | 'county_totals_only';

/** Why `view` cannot be answered for `state`, or null when it can. */
export function unavailableReason(index: CatalogIndex, state: ExplorerState, view: TableView): UnavailableReason | null {
  const kept = state.categories.length > 0;
  const focus = focusRegion(state);
  const focusAtCounty = focus !== null && index.region(focus)?.level === 'county';
  switch (view) {
    case 'region':
      return kept && state.level === 'county' ? 'county_totals_only' : null;
    case 'period':
      // Regions side by side are of `state.level`; otherwise the trend is of the focus.
      if (state.compare.length > 0) return kept && state.level === 'county' ? 'county_totals_only' : null;
      return (kept || state.split) && focusAtCounty ? 'county_totals_only' : null;
    case 'category':
      if (state.dimension === null) return 'no_breakdowns';
      return focusAtCounty ? 'county_totals_only' : null;
    case 'matrix':
      if (state.dimension === null) return 'no_breakdowns';
      return state.level === 'county' ? 'county_totals_only' : null;
  }
}
