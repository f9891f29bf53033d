import type { DuckDBConnection } from '@duckdb/node-api';
import { compileMetric, type MetricCell } from '../../src/lib/metrics/compile-metric.ts';
import type { MetricDefinition } from '../../src/lib/metrics/metric-schema.ts';
import { protectCells } from '../../src/lib/disclosure/protect-cells.ts';
import { cubeStatements } from './cube-sql.ts';
import { periodsSql } from './members-cube-sql.ts';

/** One published cell: a metric's value for a period, region and category, or its suppression. */
export interface PublishedCell {
  metric: string;
  period: string;
  level: string;
  /** Region code, or 'other' for the regions below `parent` not shown separately. */
  region: string;
  parent: string | null;
  breakdown: string;
  category: string;
  numerator: number | null;
  denominator: number | null;
  population: number | null;
  value: number | null;
  suppressed: boolean;
}

/** Columns of the published cells table, in order, with their DuckDB types. */
export const publishedColumns = [
  ['metric', 'VARCHAR'], ['period', 'VARCHAR'], ['level', 'VARCHAR'], ['region', 'VARCHAR'], ['parent', 'VARCHAR'],
  ['breakdown', 'VARCHAR'], ['category', 'VARCHAR'], ['numerator', 'DOUBLE'], ['denominator', 'DOUBLE'],
  ['population', 'DOUBLE'], ['value', 'DOUBLE'], ['suppressed', 'BOOLEAN'],
] as const;

/**
 * Builds the exact cubes, computes every metric for every period, region level and breakdown
 * with its compiled SQL, applies disclosure control, and stores the published cells in the
 * warehouse table `published_cells`. Breakdowns are computed for provinces and prefectures;
 * counties get totals only (a county split by industry would be suppressed almost everywhere).
 * Returns the published cells too, in no particular order.
 */
export async function publishMetrics(
  connection: DuckDBConnection,
  metrics: ReadonlyMap<string, MetricDefinition>,
  k: number,
  /**
   * A second connection to the same database for the metric queries. With it, DuckDB computes
   * the next metric while JavaScript protects and appends the cells of this one (an appender
   * and a running query cannot share a connection).
   */
  queries?: DuckDBConnection,
): Promise<{ cells: number; suppressed: number; published: PublishedCell[] }> {
  const periods = Number((await connection.runAndReadAll(`SELECT count(*) AS n FROM (${periodsSql})`)).getRowObjectsJS()[0]!.n);
  for (const statement of cubeStatements(periods)) await connection.run(statement);
  const parents = await regionParents(connection);
  const parentOf = (region: string) => (region.endsWith(UNATTRIBUTED) ? region.slice(0, -1) : parents(region));
  await connection.run(`CREATE OR REPLACE TABLE published_cells (${publishedColumns.map(([n, t]) => `"${n}" ${t}`).join(', ')})`);
  let cells = 0;
  let suppressed = 0;
  // Also kept here, so that the exports need not read them back from DuckDB.
  const published: PublishedCell[] = [];
  const list = [...metrics.values()];
  const query = (metric: MetricDefinition) => {
    const sql = `${compileMetric(metric, { levels: ['province', 'prefecture'] })}\nUNION ALL\n${compileMetric(metric, { levels: ['county'], breakdowns: [] })}`;
    // Sorted, so that ties in disclosure control always break the same way.
    return (queries ?? connection).runAndReadAll(`${sql}\nORDER BY period, level, region, breakdown, category`);
  };
  let next = queries === undefined || list.length === 0 ? undefined : query(list[0]!);
  // A prefetched query that fails while this metric is processed is reported when awaited.
  next?.catch(() => {});
  try {
    for (const [i, metric] of list.entries()) {
      const result = await (next ?? query(metric));
      next = queries === undefined || i + 1 >= list.length ? undefined : query(list[i + 1]!);
      next?.catch(() => {});
      const rows = result.getRowObjectsJS() as unknown as MetricCell[];
      const byPeriod = Map.groupBy(rows, (r) => r.period);
      const appender = await connection.createAppender('published_cells');
      for (const [, periodRows] of byPeriod) {
        const withUnattributed = [...periodRows, ...unattributed(periodRows, parentOf)];
        const protection = metric.disclosure === 'none' ? null : protectCells(withUnattributed, parentOf, k, (c) => c.region.endsWith(UNATTRIBUTED));
        const decisions = protection?.decisions ?? periodRows.map((cell) => ({ cell, suppressed: false }));
        for (const { cell, suppressed: hide } of decisions) {
          if (cell.region.endsWith(UNATTRIBUTED)) continue;
          published.push(append(appender, publish(metric, cell, parentOf(cell.region), hide)));
          cells++;
          if (hide) suppressed++;
        }
        for (const other of protection?.others ?? []) {
          const sum = (f: (c: MetricCell) => number | null) => (other.members as MetricCell[]).reduce((n, c) => n + (f(c) ?? 0), 0);
          const total = other.total as MetricCell;
          const merged: MetricCell = {
            ...total,
            level: other.level as MetricCell['level'],
            region: other.kind === 'region' ? 'other' : total.region,
            category: other.kind === 'region' ? total.category : 'other',
            breakdown: other.kind === 'region' ? total.breakdown : other.breakdown,
            numerator: sum((c) => c.numerator),
            denominator: metric.denominator === null ? null : sum((c) => c.denominator),
            population: sum((c) => c.population),
            contributors: sum((c) => c.contributors),
          };
          published.push(append(appender, publish(metric, merged, other.kind === 'region' ? total.region : parentOf(total.region), false)));
          cells++;
        }
      }
      appender.closeSync();
    }
  } catch (error) {
    // Not while a prefetched query still runs on the connection the caller is about to close.
    await next?.catch(() => {});
    throw error;
  }
  return { cells, suppressed, published };
}

/** The region directly above each region of the reference (prefecture, else province; none for a province). */
export async function regionParents(connection: DuckDBConnection): Promise<(region: string) => string | null> {
  const rows = (await connection.runAndReadAll(
    `SELECT code, CASE WHEN level = 'county' THEN coalesce(prefecture, province) WHEN level = 'prefecture' THEN province END AS parent FROM regions`,
  )).getRowObjectsJS() as { code: string; parent: string | null }[];
  const parents = new Map(rows.map((r) => [r.code, r.parent]));
  return (region) => parents.get(region) ?? null;
}

/** Suffix of the pseudo-region holding what a region reported itself, not through a region below. */
const UNATTRIBUTED = '~';

/**
 * groups.csv and reported.csv may report at prefecture or province level what no county
 * reported: a region is then more than the sum of the regions below it. Each such remainder
 * becomes a cell of a pseudo-region below it, never published on its own, so that disclosure
 * control sees every part and the "other" rows keep totals exact.
 */
function unattributed(rows: readonly MetricCell[], parentOf: (region: string) => string | null): MetricCell[] {
  const children = new Map<string, MetricCell[]>();
  for (const r of rows) {
    const parent = parentOf(r.region);
    if (parent === null) continue;
    const key = `${parent}|${r.breakdown}|${r.category}`;
    const siblings = children.get(key);
    if (siblings === undefined) children.set(key, [r]);
    else siblings.push(r);
  }
  const childLevel = new Map<string, string>();
  for (const r of rows) {
    const parent = parentOf(r.region);
    if (parent !== null && r.breakdown === 'all') childLevel.set(parent, r.level);
  }
  const out: MetricCell[] = [];
  for (const total of rows) {
    if (total.level === 'county') continue;
    // Counties have totals only: a breakdown cell has parts only where prefectures are below.
    const below = childLevel.get(total.region) ?? (total.level === 'province' ? 'prefecture' : 'county');
    if (total.breakdown !== 'all' && below === 'county') continue;
    const parts = children.get(`${total.region}|${total.breakdown}|${total.category}`) ?? [];
    const rest = (f: (c: MetricCell) => number | null) => (f(total) ?? 0) - parts.reduce((n, c) => n + (f(c) ?? 0), 0);
    const cell: MetricCell = {
      ...total,
      level: below as MetricCell['level'],
      region: `${total.region}${UNATTRIBUTED}`,
      numerator: rest((c) => c.numerator),
      denominator: total.denominator === null ? null : rest((c) => c.denominator),
      population: total.population === null ? null : rest((c) => c.population),
      contributors: total.contributors === null ? null : rest((c) => c.contributors),
    };
    if (cell.numerator !== 0 || (cell.denominator ?? 0) !== 0 || (cell.population ?? 0) !== 0) out.push(cell);
  }
  return out;
}

function publish(metric: MetricDefinition, cell: MetricCell, parent: string | null, suppressed: boolean): PublishedCell {
  const value = suppressed
    ? null
    : metric.unit === 'count'
      ? cell.numerator
      : cell.denominator !== null && cell.denominator > 0
        ? round(cell.numerator / cell.denominator)
        : null;
  return {
    metric: metric.id,
    period: cell.period,
    level: cell.level,
    region: cell.region,
    parent,
    breakdown: cell.breakdown,
    category: cell.category,
    numerator: suppressed ? null : cell.numerator,
    denominator: suppressed ? null : cell.denominator,
    population: suppressed ? null : cell.population,
    value,
    suppressed,
  };
}

/** Rates are published to 8 decimal places: exact to the displayed 0.1 point, and short. */
function round(value: number): number {
  return Math.round(value * 1e8) / 1e8;
}

function append(appender: Awaited<ReturnType<DuckDBConnection['createAppender']>>, row: PublishedCell): PublishedCell {
  for (const [name, type] of publishedColumns) {
    const v = row[name];
    if (v === null) appender.appendNull();
    else if (type === 'DOUBLE') appender.appendDouble(v as number);
    else if (type === 'BOOLEAN') appender.appendBoolean(v as boolean);
    else appender.appendVarchar(v as string);
  }
  appender.endRow();
  return row;
}
