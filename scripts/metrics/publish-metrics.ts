import type { DuckDBConnection } from '@duckdb/node-api';
import { compileMetric, type MetricCell } from '../../src/lib/metrics/compile-metric.ts';
import type { MetricDefinition } from '../../src/lib/metrics/metric-schema.ts';
import { protectCells } from '../../src/lib/disclosure/protect-cells.ts';
import { cubeStatements } from './cube-sql.ts';

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
 */
export async function publishMetrics(
  connection: DuckDBConnection,
  metrics: ReadonlyMap<string, MetricDefinition>,
  k: number,
): Promise<{ cells: number; suppressed: number }> {
  for (const statement of cubeStatements()) await connection.run(statement);
  const parents = new Map(
    ((await connection.runAndReadAll(`SELECT code, CASE WHEN level = 'county' THEN coalesce(prefecture, province) WHEN level = 'prefecture' THEN province END AS parent FROM regions`)).getRowObjectsJS() as { code: string; parent: string | null }[]).map((r) => [r.code, r.parent]),
  );
  const parentOf = (region: string) => parents.get(region) ?? null;
  await connection.run(`CREATE OR REPLACE TABLE published_cells (${publishedColumns.map(([n, t]) => `"${n}" ${t}`).join(', ')})`);
  let cells = 0;
  let suppressed = 0;
  for (const metric of metrics.values()) {
    const sql = `${compileMetric(metric, { levels: ['province', 'prefecture'] })}\nUNION ALL\n${compileMetric(metric, { levels: ['county'], breakdowns: [] })}`;
    // Sorted, so that ties in disclosure control always break the same way.
    const rows = (await connection.runAndReadAll(`${sql}\nORDER BY period, level, region, breakdown, category`)).getRowObjectsJS() as unknown as MetricCell[];
    const byPeriod = Map.groupBy(rows, (r) => r.period);
    const appender = await connection.createAppender('published_cells');
    for (const [, periodRows] of byPeriod) {
      const protection = metric.disclosure === 'none' ? null : protectCells(periodRows, parentOf, k);
      const decisions = protection?.decisions ?? periodRows.map((cell) => ({ cell, suppressed: false }));
      for (const { cell, suppressed: hide } of decisions) {
        append(appender, publish(metric, cell, parentOf(cell.region), hide));
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
        append(appender, publish(metric, merged, other.kind === 'region' ? total.region : parentOf(total.region), false));
        cells++;
      }
    }
    appender.closeSync();
  }
  return { cells, suppressed };
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

function append(appender: Awaited<ReturnType<DuckDBConnection['createAppender']>>, row: PublishedCell): void {
  for (const [name, type] of publishedColumns) {
    const v = row[name];
    if (v === null) appender.appendNull();
    else if (type === 'DOUBLE') appender.appendDouble(v as number);
    else if (type === 'BOOLEAN') appender.appendBoolean(v as boolean);
    else appender.appendVarchar(v as string);
  }
  appender.endRow();
}
