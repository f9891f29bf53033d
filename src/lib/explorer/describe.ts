/**
 * Titles and summaries of the explorer's views in words: what each chart shows, and the
 * chart in a sentence (its highest and lowest values, or its first and last, and how many
 * cells are suppressed). Used at build time and in the browser.
 *
 * Pure TypeScript: no DOM, no Node APIs.
 */
import { formatDate, formatValue } from '../format.ts';
import { OTHER, message, type CatalogIndex } from './catalog.ts';
import type { ViewKind, UnavailableReason } from './query.ts';
import { keyParts, type ViewRow } from './rows.ts';
import { focusRegion, type ExplorerState } from './state.ts';
import { viewTarget } from './view-target.ts';

/** The kept categories in words ("all categories" when none are kept). */
export function keptText(index: CatalogIndex, state: ExplorerState): string {
  if (state.dimension === null || state.categories.length === 0) return message(index.catalog, 'explorer.category.all');
  const dimension = state.dimension;
  return state.categories.map((c) => index.categoryLabel(dimension, c)).join(message(index.catalog, 'explorer.list.separator'));
}

/** The focus region's name (all provinces when there is none). */
export function focusText(index: CatalogIndex, state: ExplorerState): string {
  const focus = focusRegion(state);
  return focus === null ? message(index.catalog, 'explorer.focus.all') : index.regionName(focus);
}

/** A view's title. */
export function viewTitle(index: CatalogIndex, state: ExplorerState, view: ViewKind): string {
  const { catalog } = index;
  const metric = index.metric(state.metric)?.label ?? state.metric;
  const period = formatDate(catalog.locale, state.to);
  if (view === 'region') {
    return message(catalog, 'explorer.view.region.title', {
      metric,
      level: message(catalog, `explorer.level.${state.level}`),
      scope: state.scope === null ? message(catalog, 'explorer.focus.all') : index.regionName(state.scope),
      period,
    });
  }
  if (view === 'matrix') {
    return message(catalog, 'explorer.view.matrix.title', {
      metric,
      level: message(catalog, `explorer.level.${state.level}`),
      scope: state.scope === null ? message(catalog, 'explorer.focus.all') : index.regionName(state.scope),
      dimension: state.dimension === null ? '' : catalog.dimensions[state.dimension].label,
      period,
    });
  }
  if (view === 'period') {
    if (state.compare.length > 0) {
      return message(catalog, 'explorer.view.period.title_compare', { metric, regions: state.compare.map((code) => index.regionName(code)).join(message(catalog, 'explorer.list.separator')) });
    }
    if (state.split && state.dimension !== null) {
      return message(catalog, 'explorer.view.period.title_split', { metric, focus: focusText(index, state), dimension: catalog.dimensions[state.dimension].label });
    }
    return message(catalog, 'explorer.view.period.title', { metric, focus: focusText(index, state) });
  }
  return message(catalog, 'explorer.view.category.title', {
    metric,
    dimension: state.dimension === null ? '' : catalog.dimensions[state.dimension].label,
    focus: focusText(index, state),
    period,
  });
}

/** Why a view cannot be shown, in words. */
export function unavailableText(index: CatalogIndex, reason: UnavailableReason): string {
  return message(index.catalog, `explorer.unavailable.${reason}`);
}

/** A chart in a sentence. */
export function viewSummary(index: CatalogIndex, state: ExplorerState, view: ViewKind, rows: readonly ViewRow[]): string {
  const { catalog } = index;
  const unit = index.metric(state.metric)?.unit ?? 'rate';
  const value = (r: ViewRow) => formatValue(catalog.locale, r.value, unit, { fixed: unit === 'rate' });
  if (rows.length === 0) return message(catalog, 'explorer.summary.empty');
  const suppressed = rows.filter((r) => r.suppressed).length;
  const parts: string[] = [];
  const ranked = rows.filter((r) => !r.suppressed && r.value !== null && (view === 'period' || (r.region !== OTHER && r.category !== OTHER)));
  const filters = message(catalog, 'explorer.summary.kept', { categories: keptText(index, state) });
  if (view === 'period' && (state.split || state.compare.length > 0)) {
    // One line per category or compared region: the lines at the last period shown.
    const compared = state.compare.length > 0;
    const lastPeriod = ranked.at(-1)?.period;
    const atLast = ranked.filter((r) => r.period === lastPeriod && (compared || r.category !== OTHER)).sort((a, b) => (b.value ?? 0) - (a.value ?? 0));
    const high = atLast[0];
    const low = atLast.at(-1);
    const name = (r: ViewRow) => (compared ? r.regionName : r.categoryName);
    if (lastPeriod !== undefined && high !== undefined && low !== undefined) {
      parts.push(
        message(catalog, 'explorer.summary.period_split', {
          count: new Set(rows.map((r) => keyParts(r.key)[1])).size,
          to: formatDate(catalog.locale, lastPeriod),
          high: name(high),
          highValue: value(high),
          low: name(low),
          lowValue: value(low),
        }),
      );
    }
  } else if (view === 'period') {
    const first = ranked[0];
    const last = ranked.at(-1);
    if (first !== undefined && last !== undefined) {
      parts.push(
        message(catalog, 'explorer.summary.period', {
          from: formatDate(catalog.locale, first.period),
          first: value(first),
          to: formatDate(catalog.locale, last.period),
          last: value(last),
        }),
      );
    }
  } else {
    const sorted = [...ranked].sort((a, b) => (b.value ?? 0) - (a.value ?? 0));
    const high = sorted[0];
    const low = sorted.at(-1);
    // One published row is no range: "highest X, lowest X" would read as two.
    if (sorted.length === 1 && high !== undefined) {
      parts.push(message(catalog, 'explorer.summary.ranked.one', { count: rows.length, name: high.label, value: value(high) }));
    } else if (high !== undefined && low !== undefined) {
      parts.push(message(catalog, 'explorer.summary.ranked', { count: rows.length, high: high.label, highValue: value(high), low: low.label, lowValue: value(low) }));
    }
  }
  const target = viewTarget(index, state);
  if (target !== null && target.level !== null && view !== 'period' && ranked.length > 0) {
    const met = ranked.filter((r) => target.meets(r.value ?? 0) === true).length;
    parts.push(message(catalog, `explorer.summary.target.${view}`, { count: met, total: ranked.length, target: target.level }));
  }
  if (suppressed > 0) parts.push(message(catalog, 'explorer.summary.suppressed', { count: suppressed, k: catalog.k }));
  if (view !== 'category') parts.push(filters);
  return parts.join(' ');
}
