/**
 * The SQL of the explorer's views, run by DuckDB-WASM over the published cube (the Arrow
 * IPC stream `cube.arrow`, loaded as table `cube`).
 *
 * The cube holds, for every metric × period × region × breakdown category, the additive
 * parts of the value the build computed with the metric's compiled SQL
 * (src/lib/metrics/compile-metric.ts: numerator, denominator, population) after
 * disclosure control. A view sums those parts over the rows it selects (the categories
 * kept, or all provinces for the whole country) and divides, exactly as the build does
 * (a rate as src/lib/metrics/rate-value.ts writes it, a count is its numerator).
 *
 * Disclosure control holds: a suppressed cell has no numbers in the cube, and a combined
 * cell with any suppressed part is suppressed (never computed from its published
 * siblings), so every number shown is a sum of published cells.
 *
 * Pure TypeScript: no DOM, no Node APIs. The same strings run in the browser, in the unit
 * tests on DuckDB-WASM in Node, and are shown to the reader to copy.
 */
import { ident, str } from '../sql/quote.ts';
import { ALL, codePrefix, message, OTHER, type CatalogIndex, type CatalogMetric, type Dimension } from './catalog.ts';
import { focusRegion, type ExplorerState, type TableView } from './state.ts';
import type { RegionLevel } from '../contract/published-vocabulary.ts';
import { rateValueSql } from '../metrics/rate-value.ts';
import { unavailableReason, type UnavailableReason } from './view-availability.ts';

/** Name of the published cube's table in the browser (and in the SQL panel). */
export const CUBE_TABLE = 'cube';

/** The views of the explorer: one per table view. */
export type ViewKind = TableView;

/** The views drawn as charts (the regions-by-category matrix is a table only). */
export type ChartView = Exclude<ViewKind, 'matrix'>;

export type { UnavailableReason } from './view-availability.ts';

/** A view's query, or why there is none. */
export type ViewQuery =
  | { readonly view: ViewKind; readonly kind: 'query'; readonly sql: string }
  | { readonly view: ViewKind; readonly kind: 'unavailable'; readonly reason: UnavailableReason };

const q = (name: string) => ident(name);

/** A comment line, safe whatever the text holds. */
function comment(text: string): string {
  return `-- ${text.replace(/[\r\n]+/g, ' ')}`;
}

/**
 * The aggregate columns: sums of the parts, nulls and `suppressed` when any part is
 * suppressed, the value as the build computes it.
 */
function measures(metric: CatalogMetric): string {
  const hidden = `bool_or(${q('suppressed')})`;
  const part = (name: string) => `  CASE WHEN ${hidden} THEN NULL ELSE sum(${q(name)}) END AS ${q(name)}`;
  const value =
    metric.unit === 'rate'
      ? `  CASE WHEN ${hidden} OR NOT sum(${q('denominator')}) > 0 THEN NULL\n    ELSE ${rateValueSql(`sum(${q('numerator')})`, `sum(${q('denominator')})`)} END AS ${q('value')}`
      : `  CASE WHEN ${hidden} THEN NULL ELSE sum(${q('numerator')}) END AS ${q('value')}`;
  return [`  ${hidden} AS ${q('suppressed')}`, part('numerator'), part('denominator'), part('population'), value].join(',\n');
}

/** The rows of the breakdown the view keeps: the totals, or the categories kept. */
function categoryCondition(state: ExplorerState): string {
  if (state.dimension === null || state.categories.length === 0) return `${q('breakdown')} = ${str(ALL)}`;
  return `${q('breakdown')} = ${str(state.dimension)} AND ${q('category')} IN (${state.categories.map(str).join(', ')})`;
}

/** The rows of the focus region, or of every province (the whole country). */
function focusCondition(index: CatalogIndex, state: ExplorerState): string {
  const focus = focusRegion(state);
  const region = focus === null ? undefined : index.region(focus);
  if (region === undefined) return `${q('level')} = 'province'`;
  return `${q('level')} = ${str(region.level)} AND ${q('region')} = ${str(region.code)}`;
}

/** The rows of regions below `scope`: GB/T 2260 codes nest by prefix; an `other` row is placed by its parent. */
function scopeCondition(scope: { readonly code: string; readonly level: RegionLevel }): string {
  return `starts_with(coalesce(nullif(${q('region')}, ${str(OTHER)}), ${q('parent')}), ${str(codePrefix(scope.code, scope.level))})`;
}

/** What the view's comment says the focus is. */
function focusName(index: CatalogIndex, state: ExplorerState): string {
  const focus = focusRegion(state);
  return focus === null ? message(index.catalog, 'explorer.focus.all') : index.regionName(focus);
}

/** What the comment says the categories are. */
function categoriesName(index: CatalogIndex, state: ExplorerState): string {
  if (state.dimension === null || state.categories.length === 0) return message(index.catalog, 'explorer.sql.all_categories');
  const dimension: Dimension = state.dimension;
  return state.categories.map((c) => index.categoryLabel(dimension, c)).join(', ');
}

/**
 * The regions of `state.level` (below `state.scope`, if any) at period `state.to`, with the
 * categories kept. A row `other` holds the suppressed regions below one parent together.
 */
export function regionQuery(index: CatalogIndex, state: ExplorerState): ViewQuery {
  const metric = index.metric(state.metric);
  if (metric === undefined) throw new Error(`explorer: unknown metric ${state.metric}`);
  const reason = unavailableReason(index, state, 'region');
  if (reason !== null) return { view: 'region', kind: 'unavailable', reason };
  const where = [
    `${q('metric')} = ${str(metric.id)}`,
    `${q('period')} = ${str(state.to)}`,
    `${q('level')} = ${str(state.level)}`,
    categoryCondition(state),
  ];
  const scope = state.scope === null ? undefined : index.region(state.scope);
  if (scope !== undefined) where.push(scopeCondition(scope));
  const title = message(index.catalog, 'explorer.sql.comment.region', {
    metric: metric.label,
    level: message(index.catalog, `explorer.level.${state.level}`),
    scope: scope === undefined ? message(index.catalog, 'explorer.focus.all') : index.regionName(scope.code),
    period: state.to,
    categories: categoriesName(index, state),
  });
  const sql = `${comment(title)}
SELECT ${q('region')}, ${q('parent')},
${measures(metric)}
FROM ${q(CUBE_TABLE)}
WHERE ${where.join('\n  AND ')}
GROUP BY ${q('region')}, ${q('parent')}
ORDER BY ${q('region')} = ${str(OTHER)}, ${q('suppressed')}, ${q('value')} DESC, ${q('region')}, ${q('parent')}`;
  return { view: 'region', kind: 'query', sql };
}

/**
 * The focus region (or all provinces) over the periods `from`…`to`, with the categories
 * kept: their total, or (`state.split`) one row per period and category.
 */
export function periodQuery(index: CatalogIndex, state: ExplorerState): ViewQuery {
  const metric = index.metric(state.metric);
  if (metric === undefined) throw new Error(`explorer: unknown metric ${state.metric}`);
  const reason = unavailableReason(index, state, 'period');
  if (reason !== null) return { view: 'period', kind: 'unavailable', reason };
  if (state.compare.length > 0) return comparedPeriodQuery(index, state, metric);
  if (state.split && state.dimension !== null) return splitPeriodQuery(index, state, metric, state.dimension);
  const title = message(index.catalog, 'explorer.sql.comment.period', {
    metric: metric.label,
    focus: focusName(index, state),
    from: state.from,
    to: state.to,
    categories: categoriesName(index, state),
  });
  return trendQuery(metric, title, [...trendWhere(metric, state), focusCondition(index, state), categoryCondition(state)], null, completeClause(index, state, null));
}

/** The conditions every trend starts with: its metric and its periods. */
function trendWhere(metric: CatalogMetric, state: ExplorerState): string[] {
  return [`${q('metric')} = ${str(metric.id)}`, `${q('period')} BETWEEN ${str(state.from)} AND ${str(state.to)}`];
}

/**
 * All provinces together only at the periods every one of them is published for (some
 * report quarterly, others yearly): a sum over fewer provinces is not the same total. For
 * each line apart (`partition`), when the trend draws several. Nothing for a focus region.
 */
function completeClause(index: CatalogIndex, state: ExplorerState, partition: string | null): string {
  if (focusRegion(state) !== null) return '';
  return `\n${comment(message(index.catalog, 'explorer.sql.comment.complete'))}\nQUALIFY count(DISTINCT ${q('region')}) = max(count(DISTINCT ${q('region')})) OVER (${partition === null ? '' : `PARTITION BY ${q(partition)}`})`;
}

/** A trend's query: the measures by period (and by `line.column`, a line each, in `line.order`) over `where`. */
function trendQuery(metric: CatalogMetric, title: string, where: readonly string[], line: { readonly column: string; readonly order: string } | null, complete: string): ViewQuery {
  const by = line === null ? q('period') : `${q('period')}, ${q(line.column)}`;
  const sql = `${comment(title)}
SELECT ${by},
${measures(metric)}
FROM ${q(CUBE_TABLE)}
WHERE ${where.join('\n  AND ')}
GROUP BY ${by}${complete}
ORDER BY ${q('period')}${line === null ? '' : `, ${line.order}`}`;
  return { view: 'period', kind: 'query', sql };
}

/** The trend of the compared regions: one row per period and region, with the categories kept. */
function comparedPeriodQuery(index: CatalogIndex, state: ExplorerState, metric: CatalogMetric): ViewQuery {
  const title = message(index.catalog, 'explorer.sql.comment.period_compare', {
    metric: metric.label,
    regions: state.compare.map((code) => index.regionName(code)).join(', '),
    from: state.from,
    to: state.to,
    categories: categoriesName(index, state),
  });
  const regions = state.compare.map(str).join(', ');
  const where = [...trendWhere(metric, state), `${q('level')} = ${str(state.level)}`, `${q('region')} IN (${regions})`, categoryCondition(state)];
  return trendQuery(metric, title, where, { column: 'region', order: `list_position([${regions}], ${q('region')})` }, '');
}

/** The trend with one row per period and category: the kept categories, or every one (and `other`). */
function splitPeriodQuery(index: CatalogIndex, state: ExplorerState, metric: CatalogMetric, dimension: Dimension): ViewQuery {
  const order = index.catalog.dimensions[dimension].categories.map((c) => str(c.code)).join(', ');
  const title = message(index.catalog, 'explorer.sql.comment.period_split', {
    metric: metric.label,
    focus: focusName(index, state),
    from: state.from,
    to: state.to,
    dimension: index.catalog.dimensions[dimension].label,
  });
  const where = [
    ...trendWhere(metric, state),
    focusCondition(index, state),
    state.categories.length > 0 ? categoryCondition(state) : `${q('breakdown')} = ${str(dimension)}`,
  ];
  const line = { column: 'category', order: `list_position([${order}], ${q('category')}), ${q('category')}` };
  return trendQuery(metric, title, where, line, completeClause(index, state, 'category'));
}

/** Every category of the dimension (and `other`) for the focus region at period `to`. */
export function categoryQuery(index: CatalogIndex, state: ExplorerState): ViewQuery {
  const metric = index.metric(state.metric);
  if (metric === undefined) throw new Error(`explorer: unknown metric ${state.metric}`);
  const reason = unavailableReason(index, state, 'category');
  if (reason !== null || state.dimension === null) return { view: 'category', kind: 'unavailable', reason: reason ?? 'no_breakdowns' };
  const dimension = state.dimension;
  const order = index.catalog.dimensions[dimension].categories.map((c) => str(c.code)).join(', ');
  const title = message(index.catalog, 'explorer.sql.comment.category', {
    metric: metric.label,
    focus: focusName(index, state),
    period: state.to,
    dimension: index.catalog.dimensions[dimension].label,
  });
  const where = [
    `${q('metric')} = ${str(metric.id)}`,
    `${q('period')} = ${str(state.to)}`,
    focusCondition(index, state),
    `${q('breakdown')} = ${str(dimension)}`,
  ];
  const sql = `${comment(title)}
SELECT ${q('category')},
${measures(metric)}
FROM ${q(CUBE_TABLE)}
WHERE ${where.join('\n  AND ')}
GROUP BY ${q('category')}
ORDER BY list_position([${order}], ${q('category')}), ${q('category')}`;
  return { view: 'category', kind: 'query', sql };
}

/**
 * Two breakdowns at once: every region of `state.level` (below `state.scope`) by every
 * category of the dimension, at period `to`, as the published cube has them (at the levels of
 * `breakdownLevels`; elsewhere the view is unavailable).
 */
export function matrixQuery(index: CatalogIndex, state: ExplorerState): ViewQuery {
  const metric = index.metric(state.metric);
  if (metric === undefined) throw new Error(`explorer: unknown metric ${state.metric}`);
  const reason = unavailableReason(index, state, 'matrix');
  if (reason !== null || state.dimension === null) return { view: 'matrix', kind: 'unavailable', reason: reason ?? 'no_breakdowns' };
  const dimension = state.dimension;
  const order = index.catalog.dimensions[dimension].categories.map((c) => str(c.code)).join(', ');
  const scope = state.scope === null ? undefined : index.region(state.scope);
  const where = [
    `${q('metric')} = ${str(metric.id)}`,
    `${q('period')} = ${str(state.to)}`,
    `${q('level')} = ${str(state.level)}`,
    `${q('breakdown')} = ${str(dimension)}`,
  ];
  if (scope !== undefined) where.push(scopeCondition(scope));
  const title = message(index.catalog, 'explorer.sql.comment.matrix', {
    metric: metric.label,
    level: message(index.catalog, `explorer.level.${state.level}`),
    scope: scope === undefined ? message(index.catalog, 'explorer.focus.all') : index.regionName(scope.code),
    period: state.to,
    dimension: index.catalog.dimensions[dimension].label,
  });
  const sql = `${comment(title)}
SELECT ${q('region')}, ${q('parent')}, ${q('category')},
${measures(metric)}
FROM ${q(CUBE_TABLE)}
WHERE ${where.join('\n  AND ')}
GROUP BY ${q('region')}, ${q('parent')}, ${q('category')}
ORDER BY ${q('region')} = ${str(OTHER)}, ${q('region')}, ${q('parent')}, list_position([${order}], ${q('category')}), ${q('category')}`;
  return { view: 'matrix', kind: 'query', sql };
}

/** The queries of the views: the three charts', and the regions by category. */
export function viewQueries(index: CatalogIndex, state: ExplorerState): Readonly<Record<ViewKind, ViewQuery>> {
  return { region: regionQuery(index, state), period: periodQuery(index, state), category: categoryQuery(index, state), matrix: matrixQuery(index, state) };
}
