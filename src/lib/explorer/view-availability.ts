/**
 * Which views the protected publication can answer for a state, and why not: one rule,
 * read by the views' SQL (query.ts) and by their computation from the slices
 * (reference.ts), so the two can never disagree on what is unavailable.
 *
 * The cube publishes a dimension's categories only at the levels of `breakdownLevels` (the
 * eight groups for provinces and prefectures, ownership, industry and size band for provinces;
 * counties and districts as totals only), so a view that would need categories where they are
 * not published is unavailable; a metric without breakdowns has no category view.
 */
import { hasBreakdowns, type RegionLevel } from '../contract/published-vocabulary.ts';
import type { CatalogIndex } from './catalog.ts';
import { focusRegion, type ExplorerState, type TableView } from './state.ts';

/** Why a view has no query. */
export type UnavailableReason = 'no_breakdowns' | 'totals_only';

/** Why `view` cannot be answered for `state`, or null when it can. */
export function unavailableReason(index: CatalogIndex, state: ExplorerState, view: TableView): UnavailableReason | null {
  const kept = state.categories.length > 0;
  const focus = focusRegion(state);
  // Whether the focus (null: all provinces) and the regions listed are published by category.
  const byCategory = (level: RegionLevel | undefined) => level === undefined || state.dimension === null || hasBreakdowns(level, state.dimension);
  const focusByCategory = focus === null || byCategory(index.region(focus)?.level);
  const listedByCategory = byCategory(state.level);
  switch (view) {
    case 'region':
      return kept && !listedByCategory ? 'totals_only' : null;
    case 'period':
      // Regions side by side are of `state.level`; otherwise the trend is of the focus.
      if (state.compare.length > 0) return kept && !listedByCategory ? 'totals_only' : null;
      return (kept || state.split) && !focusByCategory ? 'totals_only' : null;
    case 'category':
      if (state.dimension === null) return 'no_breakdowns';
      return focusByCategory ? null : 'totals_only';
    case 'matrix':
      if (state.dimension === null) return 'no_breakdowns';
      return listedByCategory ? null : 'totals_only';
  }
}
