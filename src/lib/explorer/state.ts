/**
 * The explorer's whole state, and how it is written in the URL, so that a copied link
 * reopens the same view and the language switch keeps it (the language itself is the
 * path: `/explore/` or `/en/explore/`).
 *
 * | parameter | meaning                                                        | default          |
 * |-----------|----------------------------------------------------------------|------------------|
 * | `m`       | metric id                                                      | coverage_all     |
 * | `target`  | campaign target id (sets the metric, draws its line; alone, opens its view at its deadline) | none |
 * | `from`    | first period of the range (the trend)                          | first period     |
 * | `to`      | last period of the range (regions and categories are shown at it) | vintage       |
 * | `in`      | region whose regions are listed (province or prefecture)       | whole country    |
 * | `level`   | level of the regions listed                                    | prefecture       |
 * | `sel`     | region selected by a click (cross-filter for trend, categories) | none            |
 * | `by`      | breakdown dimension (ownership, industry, size_band, group)    | metric's first   |
 * | `only`    | categories of `by` to keep, comma-separated                    | all              |
 * | `lines`   | `category`: the trend draws one line per category (kept, or all) | their total    |
 * | `cmp`     | regions of `level` compared in the trend, a line each, comma-separated | none     |
 * | `table`   | what the table shows: region, period, category, or matrix (regions × categories) | region |
 * | `sql`     | the SQL panel's query                                          | none             |
 *
 * Parsing never throws: an unknown value falls back to its default and is reported, so a
 * mistyped link still opens, and says what it ignored.
 *
 * Pure TypeScript: no DOM, no Node APIs.
 */
import {
  DEFAULT_LEVEL,
  DEFAULT_METRIC,
  isDimension,
  isLevel,
  levelsBelow,
  type CatalogIndex,
  type Dimension,
} from './catalog.ts';
import type { RegionLevel } from '../contract/published.ts';

/** What the table (and the downloads) show: one of the three charts' rows, or the regions by category (`matrix`). */
export const TABLE_VIEWS = ['region', 'period', 'category', 'matrix'] as const;
/** A table view. */
export type TableView = (typeof TABLE_VIEWS)[number];

/** Most regions the trend compares at once. */
export const MAX_COMPARED = 8;

/** Longest query the SQL panel keeps in the URL. */
export const MAX_SQL_LENGTH = 4000;

/** The explorer's state. */
export interface ExplorerState {
  readonly metric: string;
  readonly target: string | null;
  readonly from: string;
  readonly to: string;
  /** Region whose regions are listed; null for the whole country. */
  readonly scope: string | null;
  /** Level of the regions listed. */
  readonly level: RegionLevel;
  /** Region picked by a click: the trend and the categories are shown for it. */
  readonly selected: string | null;
  /** Breakdown dimension: the categories chart, and the dimension `categories` filters. */
  readonly dimension: Dimension | null;
  /** Categories of `dimension` kept (empty: all, i.e. the total). */
  readonly categories: readonly string[];
  /** The trend draws one line per category (the kept ones, or every one) instead of their total. */
  readonly split: boolean;
  /** Regions of `level` the trend compares, a line each (then instead of the focus and of `split`). */
  readonly compare: readonly string[];
  readonly table: TableView;
  /** The SQL panel's query. */
  readonly sql: string | null;
}

/** Something a link asked for that the explorer did not use. */
export interface StateProblem {
  readonly param: string;
  readonly value: string;
}

/** The state the explorer opens with. */
export function defaultState(index: CatalogIndex): ExplorerState {
  const { catalog } = index;
  const metric = index.metric(DEFAULT_METRIC) ?? catalog.metrics[0];
  if (metric === undefined) throw new Error('explorer: the catalog has no metric');
  const first = catalog.periods[0];
  const last = catalog.periods.at(-1);
  if (first === undefined || last === undefined) throw new Error('explorer: the catalog has no period');
  return {
    metric: metric.id,
    target: null,
    from: first,
    to: catalog.vintage <= last && catalog.periods.includes(catalog.vintage) ? catalog.vintage : last,
    scope: null,
    level: DEFAULT_LEVEL,
    selected: null,
    dimension: metric.breakdowns[0] ?? null,
    categories: [],
    split: false,
    compare: [],
    table: 'region',
    sql: null,
  };
}

/** The region the trend and the categories are computed for (null: all provinces). */
export function focusRegion(state: ExplorerState): string | null {
  return state.selected ?? state.scope;
}

/**
 * Make a state consistent with the catalog and with itself: known metric, target of that
 * metric, ordered periods, a scope that has regions below it, a level below the scope, a
 * selection among the regions listed, a dimension the metric is broken down by, known
 * categories (all of them is the same as none). Values that do not fit are dropped.
 */
export function normalizeState(index: CatalogIndex, state: ExplorerState): ExplorerState {
  const defaults = defaultState(index);
  const { catalog } = index;
  const metric = index.metric(state.metric) ?? index.metric(defaults.metric);
  if (metric === undefined) return defaults;
  const target = state.target === null ? undefined : index.target(state.target);
  const periods = catalog.periods;
  let from = periods.includes(state.from) ? state.from : defaults.from;
  let to = periods.includes(state.to) ? state.to : defaults.to;
  if (from > to) [from, to] = [to, from];

  const scopeRegion = state.scope === null ? undefined : index.region(state.scope);
  const scope = scopeRegion !== undefined && scopeRegion.level !== 'county' ? scopeRegion.code : null;
  const allowed = levelsBelow(scopeRegion !== undefined && scope !== null ? scopeRegion.level : null);
  // A level below the scope that has regions (Shanghai has districts but no prefectures).
  const populated = allowed.filter((l) => index.regionsAt(l, scope).length > 0);
  const candidates = populated.length > 0 ? populated : allowed;
  const level = candidates.includes(state.level) ? state.level : (candidates.includes(DEFAULT_LEVEL) ? DEFAULT_LEVEL : candidates[0]) ?? DEFAULT_LEVEL;
  const selectedRegion = state.selected === null ? undefined : index.region(state.selected);
  const selected =
    selectedRegion !== undefined && selectedRegion.level === level && (scope === null || index.isBelow(selectedRegion.code, scope))
      ? selectedRegion.code
      : null;

  const dimension = state.dimension !== null && metric.breakdowns.includes(state.dimension) ? state.dimension : (metric.breakdowns[0] ?? null);
  const known = dimension === null ? [] : catalog.dimensions[dimension].categories.map((c) => c.code);
  const wanted = dimension === state.dimension ? new Set(state.categories) : new Set<string>();
  let categories = known.filter((code) => wanted.has(code));
  if (categories.length === known.length) categories = [];

  const sql = state.sql === null || state.sql.trim() === '' ? null : state.sql.slice(0, MAX_SQL_LENGTH);
  // Compared regions: of the level listed, below the scope, in the catalog's order, a few at most.
  const wantedCompare = new Set(state.compare);
  const compare = index
    .regionsAt(level, scope)
    .map((r) => r.code)
    .filter((code) => wantedCompare.has(code))
    .slice(0, MAX_COMPARED);
  return {
    metric: metric.id,
    target: target !== undefined && target.metric === metric.id ? target.id : null,
    from,
    to,
    scope,
    level,
    selected,
    dimension,
    categories,
    split: state.split && dimension !== null && compare.length === 0,
    compare,
    table: (TABLE_VIEWS as readonly string[]).includes(state.table) ? state.table : 'region',
    sql,
  };
}

/**
 * The state a campaign target opens: its metric, its region's regions one level down,
 * its group (for targets about one of the eight groups), periods from its baseline to its
 * deadline (the last period at or before it; the latest period for a target without a
 * deadline, or one the data do not reach yet).
 */
export function stateForTarget(index: CatalogIndex, state: ExplorerState, targetId: string): ExplorerState {
  const target = index.target(targetId);
  if (target === undefined) return state;
  const region = index.region(target.scope);
  const level: RegionLevel = region?.level === 'province' ? 'prefecture' : 'county';
  const metric = index.metric(target.metric);
  const periods = index.catalog.periods;
  const from = target.baseline !== null ? (periods.find((p) => p >= (target.baseline ?? '')) ?? state.from) : state.from;
  return normalizeState(index, {
    ...state,
    metric: target.metric,
    target: target.id,
    scope: region !== undefined && region.level !== 'county' ? region.code : null,
    level,
    selected: null,
    from,
    to: (target.deadline === null ? undefined : periods.filter((p) => p <= (target.deadline ?? '')).at(-1)) ?? defaultState(index).to,
    dimension: target.group !== null ? 'group' : (metric?.breakdowns[0] ?? null),
    categories: target.group !== null ? [target.group] : [],
  });
}

/** The parameters that say which view (period, region, breakdown) a link shows, besides its metric and target. */
const VIEW_PARAMS = ['from', 'to', 'in', 'level', 'sel', 'by', 'only', 'lines', 'cmp'] as const;

/**
 * Parse a link's query string into a state, reporting what was not used. A link that names
 * a campaign target and none of VIEW_PARAMS opens the target's view ({@link stateForTarget}).
 */
export function parseState(index: CatalogIndex, search: string | URLSearchParams): { state: ExplorerState; problems: StateProblem[] } {
  const params = typeof search === 'string' ? new URLSearchParams(search) : search;
  const defaults = defaultState(index);
  const problems: StateProblem[] = [];
  const get = (name: string): string | null => {
    const value = params.get(name);
    return value === null || value === '' ? null : value;
  };
  const check = <T>(name: string, value: string | null, ok: (v: string) => boolean, use: (v: string) => T, fallback: T): T => {
    if (value === null) return fallback;
    if (ok(value)) return use(value);
    problems.push({ param: name, value });
    return fallback;
  };
  const id = (v: string) => v;
  // A target names its metric: a link with a target and no `m` opens that metric.
  const targetId = get('target');
  const target = targetId === null ? undefined : index.target(targetId);
  const metricDefault = target !== undefined && get('m') === null ? target.metric : defaults.metric;
  let state: ExplorerState = {
    metric: check('m', get('m'), (v) => index.metric(v) !== undefined, id, metricDefault),
    target: null,
    from: check('from', get('from'), (v) => index.catalog.periods.includes(v), id, defaults.from),
    to: check('to', get('to'), (v) => index.catalog.periods.includes(v), id, defaults.to),
    scope: check('in', get('in'), (v) => index.region(v) !== undefined && index.region(v)?.level !== 'county', id, null),
    level: check<RegionLevel>('level', get('level'), isLevel, (v) => v as RegionLevel, defaults.level),
    selected: check('sel', get('sel'), (v) => index.region(v) !== undefined, id, null),
    dimension: null,
    categories: [],
    split: check('lines', get('lines'), (v) => v === 'category', () => true, false),
    compare: (get('cmp') ?? '').split(',').filter((code) => code !== ''),
    table: check<TableView>('table', get('table'), (v) => (TABLE_VIEWS as readonly string[]).includes(v), (v) => v as TableView, defaults.table),
    sql: get('sql'),
  };
  const metric = index.metric(state.metric);
  const by = get('by');
  const dimension = check<Dimension | null>('by', by, (v) => isDimension(v) && (metric?.breakdowns.includes(v) ?? false), (v) => v as Dimension, metric?.breakdowns[0] ?? null);
  const only = get('only');
  const categories: string[] = [];
  if (only !== null && dimension !== null) {
    const known = new Set(index.catalog.dimensions[dimension].categories.map((c) => c.code));
    for (const code of only.split(',')) {
      if (known.has(code)) categories.push(code);
      else problems.push({ param: 'only', value: code });
    }
  } else if (only !== null) {
    problems.push({ param: 'only', value: only });
  }
  state = { ...state, dimension, categories };
  if (targetId !== null) {
    if (target === undefined || target.metric !== state.metric) problems.push({ param: 'target', value: targetId });
    else if (VIEW_PARAMS.every((name) => get(name) === null)) {
      // A link that names a target and nothing of the view opens the target's own view (at its deadline).
      state = { ...stateForTarget(index, defaults, target.id), table: state.table, sql: state.sql };
    } else state = { ...state, target: target.id };
  }
  const normalized = normalizeState(index, state);
  if (state.selected !== null && normalized.selected === null) problems.push({ param: 'sel', value: state.selected });
  for (const code of state.compare) if (!normalized.compare.includes(code)) problems.push({ param: 'cmp', value: code });
  if (state.level !== normalized.level) problems.push({ param: 'level', value: state.level });
  return { state: normalized, problems };
}

/**
 * The query string of a state (without `?`), with only the values that differ from the
 * defaults, in a fixed order: `m=member_rate&level=county&in=130100`.
 */
export function serializeState(index: CatalogIndex, state: ExplorerState): string {
  const defaults = defaultState(index);
  // With a target, the level is always written: a link naming only the target opens the target's view.
  const levelWritten = state.level !== defaults.level || state.target !== null;
  const metric = index.metric(state.metric);
  const params = new URLSearchParams();
  if (state.metric !== defaults.metric || state.target !== null) params.set('m', state.metric);
  if (state.target !== null) params.set('target', state.target);
  if (state.from !== defaults.from) params.set('from', state.from);
  if (state.to !== defaults.to) params.set('to', state.to);
  if (state.scope !== null) params.set('in', state.scope);
  if (levelWritten) params.set('level', state.level);
  if (state.selected !== null) params.set('sel', state.selected);
  if (state.dimension !== null && state.dimension !== (metric?.breakdowns[0] ?? null)) params.set('by', state.dimension);
  if (state.categories.length > 0) params.set('only', state.categories.join(','));
  if (state.split) params.set('lines', 'category');
  if (state.compare.length > 0) params.set('cmp', state.compare.join(','));
  if (state.table !== defaults.table) params.set('table', state.table);
  if (state.sql !== null) params.set('sql', state.sql);
  return params.toString().replaceAll('%2C', ',');
}

/** Whether two states are the same. */
export function sameState(a: ExplorerState, b: ExplorerState): boolean {
  return (
    a.metric === b.metric &&
    a.target === b.target &&
    a.from === b.from &&
    a.to === b.to &&
    a.scope === b.scope &&
    a.level === b.level &&
    a.selected === b.selected &&
    a.dimension === b.dimension &&
    a.categories.join(',') === b.categories.join(',') &&
    a.split === b.split &&
    a.compare.join(',') === b.compare.join(',') &&
    a.table === b.table &&
    a.sql === b.sql
  );
}
