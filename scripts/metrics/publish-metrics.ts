import type { DuckDBConnection } from '@duckdb/node-api';
import { compileMetric, type MetricCell } from '../../src/lib/metrics/compile-metric.ts';
import type { MetricDefinition } from '../../src/lib/metrics/metric-schema.ts';
import { protectBlocks } from './protect-blocks.ts';
import { stageTimer, type StageTimer } from '../ingest/stage-timer.ts';
import { otherRows } from '../../src/lib/disclosure/other-rows.ts';
import { DEFAULT_REPAIR_UP_TO, repairsBlock } from '../../src/lib/disclosure/repair-limit.ts';
import { sources, type SourceId } from '../../src/lib/metrics/sources.ts';
import { hasBreakdowns, publishedColumns, type PublishedCell } from '../../src/lib/contract/published.ts';
import { blockInnerCells } from './block-inner-cells.ts';
import { regionTree, UNATTRIBUTED } from './region-tree.ts';
import { cubeStatements } from './cube-sql.ts';
import { periodsSql } from './members-cube-sql.ts';
import { rateValue } from '../../src/lib/metrics/rate-value.ts';
import { levelRank } from '../../src/lib/contract/published-vocabulary.ts';

/** Options of publishMetrics. */
export interface PublishOptions {
  /**
   * A second connection to the same database for the metric queries. With it, DuckDB computes
   * the next metric while JavaScript works on this one (an appender and a running query cannot
   * share a connection).
   */
  readonly queries?: DuckDBConnection;
  /**
   * The targets, in the order their campaigns list them (headline targets first): the cells
   * they are judged on (their metric, in their scope region and below) are the last to be
   * withheld, the first target's before the next's.
   */
  readonly targets?: readonly { readonly metric: string | null; readonly scope: string }[];
  /** Where to say how long each source's disclosure control took. */
  readonly progress?: (line: string) => void;
  /** Run the interval repair after the elimination in blocks of up to this many variables (src/lib/disclosure/interval-repair.ts): default DEFAULT_REPAIR_UP_TO, 0 for none, Infinity for every block. */
  readonly repairUpTo?: number;
  /** Where the stages are timed (cubes, metric_queries, protect_<source>, published_cells); by default a timer of its own, returned as `seconds`. */
  readonly timer?: StageTimer;
}

/**
 * Builds the exact cubes, computes every metric for every period, region level and breakdown
 * with its compiled SQL, applies disclosure control, and stores the published cells in the
 * warehouse table `published_cells`. Breakdowns are computed for the levels of
 * `breakdownLevels` (the eight groups for provinces and prefectures, the enterprise dimensions
 * for provinces only); the other levels get totals only.
 *
 * Disclosure control runs once per source, period and province, over the cells of every
 * metric of that source together (protect-block.ts): metrics share their counts, so they are
 * protected as linked tables, never one by one. Returns the published cells too, in no
 * particular order.
 */
export async function publishMetrics(
  connection: DuckDBConnection,
  metrics: ReadonlyMap<string, MetricDefinition>,
  k: number,
  options: PublishOptions = {},
): Promise<{ cells: number; suppressed: number; published: PublishedCell[]; blocks: BlockReport[]; seconds: Record<string, number> }> {
  const { seconds, lap: time } = options.timer ?? stageTimer();
  const repairUpTo = options.repairUpTo ?? DEFAULT_REPAIR_UP_TO;
  const periods = Number((await connection.runAndReadAll(`SELECT count(*) AS n FROM (${periodsSql})`)).getRowObjectsJS()[0]!.n);
  for (const statement of cubeStatements(periods)) await connection.run(statement);
  time('cubes');
  const regions = await regionTree(connection);
  const parentOf = regions.parent;
  await connection.run(`CREATE OR REPLACE TABLE published_cells (${publishedColumns.map(([n, t]) => `"${n}" ${t}`).join(', ')})`);
  let cells = 0;
  let suppressed = 0;
  const blocks: BlockReport[] = [];
  // Also kept here, so that the exports need not read them back from DuckDB.
  const published: PublishedCell[] = [];
  const list = [...metrics.values()];
  const run = options.queries ?? connection;
  const progress = options.progress;
  const targets = options.targets ?? [];
  const targetRank = (cell: MetricCell): number | null => {
    const chain = regions.ancestors(cell.region);
    const i = targets.findIndex((t) => t.metric === cell.metric && chain.includes(t.scope));
    return i < 0 ? null : i;
  };
  const query = (metric: MetricDefinition) => {
    // Sorted, so that ties in disclosure control always break the same way.
    return run.runAndReadAll(`${compileMetric(metric)}\nORDER BY period, level, region, breakdown, category`);
  };
  for (const sourceId of Object.keys(sources) as SourceId[]) {
    const ofSource = list.filter((m) => m.source === sourceId);
    if (ofSource.length === 0) continue;
    const rows: MetricCell[] = [];
    for (const metric of ofSource) rows.push(...((await query(metric)).getRowObjectsJS() as unknown as MetricCell[]));
    time('metric_queries');
    const hidden = new Uint8Array(rows.length);
    const protectedRows = ofSource.some((m) => m.disclosure !== 'none');
    if (protectedRows) {
      const byBlock = [...Map.groupBy(rows.keys(), (i) => `${rows[i]!.period}|${regions.province(rows[i]!.region)}`)].map(([block, indices]) => ({
        block,
        indices: indices.filter((i) => metrics.get(rows[i]!.metric)!.disclosure !== 'none'),
      }));
      // Each block's inner cells are read when a worker is free for it, not all at once.
      const job = async (b: number) => {
        const { block, indices } = byBlock[b]!;
        const [period, province] = block.split('|') as [string, string];
        const cells = indices.map((i) => rows[i]!);
        const inner = await blockInnerCells(run, sourceId, period, province);
        return {
          k,
          source: sourceId,
          metrics,
          inner,
          ancestors: Object.fromEntries([...new Set(inner.region)].map((leaf) => [leaf, regions.ancestors(leaf)])),
          cells,
          priority: cells.map((r) => priority(r, targetRank(r))),
          seed: hashSeed(`${sourceId}|${block}`),
          repairUpTo,
        };
      };
      const started = performance.now();
      let finished = 0;
      const protections = await protectBlocks(byBlock.length, job, (b) => byBlock[b]!.indices.length, {
        unbounded: (b) => progress?.(`${sourceId} ${byBlock[b]!.block}: out of memory in a bounded worker; run again without the bound`),
        // Blocks whose interval repair takes long are named as they finish, so that a long build says what it is doing.
        done: (b, s) => {
          finished++;
          if (s >= SLOW_BLOCK_SECONDS) progress?.(`${sourceId} ${byBlock[b]!.block.replace('|', ' ')}: protected in ${s.toFixed(1)} s (${finished} of ${byBlock.length} blocks done)`);
        },
      });
      protections.forEach((protection, b) => {
        const { block, indices } = byBlock[b]!;
        protection.status.forEach((status, j) => {
          if (status !== 'published') hidden[indices[j]!] = 1;
        });
        blocks.push({ source: sourceId, block, cells: indices.length, ...protection.stats,
          suppressed: protection.status.filter((s) => s !== 'published').length });
      });
      const bounded = protections.filter((p) => repairsBlock(p.stats.variables, repairUpTo)).length;
      const widened = protections.reduce((n, p) => n + p.stats.intervals.withheld, 0);
      progress?.(`${sourceId}: ${byBlock.length} blocks protected in ${((performance.now() - started) / 1000).toFixed(1)} s` +
        (bounded > 0 ? `; intervals bounded in ${repairUpTo === Infinity ? `all ${bounded} blocks` : `${bounded} blocks of up to ${repairUpTo.toLocaleString('en')} variables`} (${widened} more cells withheld)` : ''));
      time(`protect_${sourceId}`);
    }
    const appender = await connection.createAppender('published_cells');
    for (const metric of ofSource) {
      const indices = [...rows.keys()].filter((i) => rows[i]!.metric === metric.id);
      for (const periodIndices of Map.groupBy(indices, (i) => rows[i]!.period).values()) {
        const periodRows = periodIndices.map((i) => rows[i]!);
        const rest = unattributed(periodRows, parentOf);
        const all = [...periodRows, ...rest];
        const hide = [...periodIndices.map((i) => hidden[i] === 1), ...rest.map(() => true)];
        periodRows.forEach((cell, j) => {
          published.push(append(appender, publish(metric, cell, parentOf(cell.region), hide[j]!)));
          cells++;
          if (hide[j]) suppressed++;
        });
        if (metric.disclosure === 'none') continue;
        for (const other of otherRows(all, hide, parentOf)) {
          const sum = (f: (c: MetricCell) => number | null) => other.members.reduce((n, c) => n + (f(c) ?? 0), 0);
          const total = other.total;
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
    }
    appender.closeSync();
    time('published_cells');
  }
  return { cells, suppressed, published, blocks, seconds };
}

/** A block that takes this long to protect is named in the progress lines when it is done. */
const SLOW_BLOCK_SECONDS = 10;

/** How disclosure control went for one block (source, period, province). */
export interface BlockReport {
  readonly source: string;
  readonly block: string;
  readonly cells: number;
  readonly suppressed: number;
  readonly variables: number;
  readonly familyCells: number;
  readonly sensitive: number;
  readonly tracked: number;
  readonly fixed: number;
  /** What the interval repair did (all 0 in a block larger than `repairUpTo`, which it skips). */
  readonly intervals: { readonly targets: number; readonly withheld: number; readonly unrepairable: number };
}

/**
 * Publication priority of a cell: totals before breakdowns, provinces before prefectures
 * before counties; within those, cells a target is judged on before the others (in the order
 * of the targets, `targetRank`), then larger cells first. When something must be withheld to
 * protect a small cell, the cell latest in this order goes.
 */
export function priority(cell: MetricCell, targetRank: number | null = null): number {
  const level = levelRank(cell.level);
  const tier = cell.breakdown === 'all' ? level : 3 + level;
  const rank = tier * 1000 + (targetRank ?? 999);
  return rank * 1e10 - Math.min(cell.population ?? cell.numerator ?? 0, 1e10 - 1);
}

/** A stable 32-bit seed from a text. */
function hashSeed(text: string): number {
  let h = 2166136261;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 16777619);
  return h >>> 0;
}

/** The region directly above each region of the reference (prefecture, else province; none for a province). */
export async function regionParents(connection: DuckDBConnection): Promise<(region: string) => string | null> {
  return (await regionTree(connection)).parent;
}

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
    const below = childLevel.get(total.region) ?? (total.level === 'province' ? 'prefecture' : 'county');
    // A breakdown cell has parts only where the level below is published by category.
    if (total.breakdown !== 'all' && !hasBreakdowns(below as MetricCell['level'], total.breakdown)) continue;
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
        ? rateValue(cell.numerator, cell.denominator)
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
