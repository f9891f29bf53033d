import { DuckDBInstance } from '@duckdb/node-api';
import { str } from '../../src/lib/sql/quote.ts';

/** How many metric cells a publication has, and how many it publishes, by metric, level and kind of cell. */
export interface ShareRow {
  readonly metric: string;
  readonly level: string;
  /** 'total' (breakdown all) or 'breakdown'. */
  readonly kind: 'total' | 'breakdown';
  readonly cells: number;
  readonly published: number;
}

/**
 * Reads a published cube (cube.csv of `npm run data`) and counts its cells ("other" rows left
 * out: they are not cells of their own) and those published, by metric, level and kind.
 */
export async function publishedShare(cubeCsv: string): Promise<ShareRow[]> {
  const instance = await DuckDBInstance.create(':memory:');
  const connection = await instance.connect();
  try {
    const rows = (await connection.runAndReadAll(`SELECT metric, level, CASE WHEN breakdown = 'all' THEN 'total' ELSE 'breakdown' END AS kind,
        CAST(count(*) AS INTEGER) AS cells, CAST(count(*) FILTER (NOT suppressed) AS INTEGER) AS published
      FROM read_csv(${str(cubeCsv)}, header = true)
      WHERE region <> 'other' AND category <> 'other'
      GROUP BY ALL ORDER BY metric, level, kind DESC`)).getRowObjectsJS() as unknown as ShareRow[];
    return rows;
  } finally {
    connection.closeSync();
    instance.closeSync();
  }
}

/**
 * A Markdown table comparing the share published by two publications, by metric and level
 * (totals and breakdowns). A kind of cell only the first publication has (breakdowns of a
 * level published as totals only now) keeps its row, with its cells then and "not
 * computed" now; the last line counts the cells published by each.
 */
export function shareTable(before: readonly ShareRow[], after: readonly ShareRow[]): string {
  const key = (r: ShareRow) => `${r.metric}|${r.level}|${r.kind}`;
  const old = new Map(before.map((r) => [key(r), r]));
  const now = new Map(after.map((r) => [key(r), r]));
  const pct = (r: { cells: number; published: number } | undefined) => (r === undefined || r.cells === 0 ? '—' : `${((100 * r.published) / r.cells).toFixed(1)}%`);
  const order = [...after, ...before.filter((r) => !now.has(key(r)))].sort((a, b) => a.metric.localeCompare(b.metric) || a.level.localeCompare(b.level) || b.kind.localeCompare(a.kind));
  const lines = ['| metric | level | cells | published before | published after |', '|---|---|---|---|---|'];
  for (const r of order) {
    const later = now.get(key(r));
    lines.push(`| ${r.metric} | ${r.level} ${r.kind === 'total' ? 'totals' : 'breakdowns'} | ${r.cells.toLocaleString('en')} | ${pct(old.get(key(r)))} | ${later === undefined ? 'not computed' : pct(later)} |`);
  }
  const sum = (rows: readonly ShareRow[]) => rows.reduce((a, r) => ({ cells: a.cells + r.cells, published: a.published + r.published }), { cells: 0, published: 0 });
  const [b, a] = [sum(before), sum(after)];
  lines.push(`| **all metrics** | all | ${b.cells.toLocaleString('en')} before, ${a.cells.toLocaleString('en')} after | ${b.published.toLocaleString('en')} (${pct(b)}) | ${a.published.toLocaleString('en')} (${pct(a)}) |`);
  return lines.join('\n');
}

if (import.meta.main) {
  const [before, after] = process.argv.slice(2);
  if (before === undefined || after === undefined) throw new Error('usage: node scripts/bench/published-share.ts BEFORE/cube.csv AFTER/cube.csv');
  console.log(shareTable(await publishedShare(before), await publishedShare(after)));
}
