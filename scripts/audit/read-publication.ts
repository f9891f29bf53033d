import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { DuckDBConnection } from '@duckdb/node-api';
import { tableFromIPC } from '@uwdata/flechette';
import { metricsFileSchema, publishedColumns, publishedCellSchema, type Comparator, type MetricsFile, type PublishedCell } from '../../src/lib/contract/published.ts';
import { str } from '../../src/lib/sql/quote.ts';

/** A published number that two published files state differently, or that one file states without the other. */
export interface FileDisagreement {
  readonly file: string;
  readonly key: string;
  readonly detail: string;
}

/** A publication as the attacker reads it. */
export interface Publication {
  readonly k: number;
  readonly cells: readonly PublishedCell[];
  readonly metrics: MetricsFile;
  readonly disagreements: readonly FileDisagreement[];
}

const numbers = ['numerator', 'denominator', 'population', 'value'] as const;

/** The key of a published cell: metric, period, level, region, parent, breakdown, category. */
export const cellKey = (c: Pick<PublishedCell, 'metric' | 'period' | 'level' | 'region' | 'parent' | 'breakdown' | 'category'>) =>
  `${c.metric}|${c.period}|${c.level}|${c.region}|${c.parent ?? ''}|${c.breakdown}|${c.category}`;

const same = (a: number | null, b: number | null) => (a === null || b === null ? a === b : Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(a)));

/**
 * Reads every published data file of `dir` (cube.arrow, cube.parquet, cube.csv, metrics.json)
 * and checks that they state the same numbers: every cube format the same rows, metrics.json's
 * metric rows the cube's totals and group rows, and its target rows only values, still-to-fix
 * counts and deadline values of published cells. The cube is taken from cube.arrow.
 */
export async function readPublication(connection: DuckDBConnection, dir: string): Promise<Publication> {
  const disagreements: FileDisagreement[] = [];
  const arrow = tableFromIPC(readFileSync(join(dir, 'cube.arrow')), { useDate: false });
  const cells = arrow.toArray().map((row) => {
    const r = row as Record<string, unknown>;
    const period = typeof r.period === 'number' ? new Date(r.period).toISOString().slice(0, 10) : String(r.period);
    return publishedCellSchema.parse({ ...r, period });
  });
  const index = new Map(cells.map((c) => [cellKey(c), c]));
  const compare = (file: string, other: readonly PublishedCell[], expected = cells.length) => {
    if (other.length !== expected) disagreements.push({ file, key: '', detail: `${other.length} rows where cube.arrow has ${expected}` });
    for (const c of other) {
      const a = index.get(cellKey(c));
      if (a === undefined) disagreements.push({ file, key: cellKey(c), detail: 'row not in cube.arrow' });
      else if (a.suppressed !== c.suppressed || numbers.some((f) => !same(a[f], c[f]))) disagreements.push({ file, key: cellKey(c), detail: 'differs from cube.arrow' });
    }
  };
  for (const [file, reader] of [['cube.parquet', 'read_parquet'], ['cube.csv', 'read_csv']] as const) {
    const types = publishedColumns.map(([name, type]) => `${str(name)}: ${str(type)}`).join(', ');
    const options = reader === 'read_csv' ? `, header = true, columns = {${types}}` : '';
    const select = publishedColumns.map(([name, type]) => `CAST(${name} AS ${type}) AS ${name}`).join(', ');
    const result = await connection.runAndReadAll(`SELECT ${select} FROM ${reader}(${str(join(dir, file))}${options})`);
    compare(file, result.getRowObjectsJS().map((r) => publishedCellSchema.parse(r)));
  }

  const metrics = metricsFileSchema.parse(JSON.parse(readFileSync(join(dir, 'metrics.json'), 'utf8')));
  const rows = metrics.metrics.map(({ group, ...r }): PublishedCell => ({ ...r, breakdown: group === undefined ? 'all' : 'group', category: group ?? 'all' }));
  compare('metrics.json', rows, cells.filter((c) => (c.breakdown === 'all' && c.category === 'all') || c.breakdown === 'group').length);
  const totals = new Map<string, PublishedCell[]>();
  for (const c of cells) {
    if (c.region === 'other' || (c.breakdown !== 'all' && c.breakdown !== 'group')) continue;
    const id = `${c.metric}|${c.region}|${c.category}`;
    const list = totals.get(id);
    if (list === undefined) totals.set(id, [c]);
    else list.push(c);
  }
  const groupOf = new Map(metrics.target_definitions.map((d) => [d.id, d.group]));
  for (const t of metrics.targets) {
    if (t.metric === null) continue;
    const group = groupOf.get(t.target) ?? null;
    const series = totals.get(`${t.metric}|${t.region}|${group ?? 'all'}`) ?? [];
    const at = series.find((c) => c.period === t.period);
    const where = `metrics.json target ${t.target}`;
    const key = `${t.metric}|${t.period}|${t.region}`;
    if (t.value !== null && (at === undefined || at.suppressed || !same(at.value, t.value))) disagreements.push({ file: where, key, detail: `value ${t.value} is not the published value (${at?.value ?? 'none'})` });
    if (t.needed_to_meet !== null) {
      const definition = metrics.target_definitions.find((d) => d.id === t.target);
      const needed = at === undefined || at.suppressed || definition === undefined ? null : neededFrom(definition.comparator, at);
      if (needed === null || !same(needed, t.needed_to_meet)) disagreements.push({ file: where, key, detail: `needed to meet ${t.needed_to_meet} is not what the published cell needs (${needed ?? 'none'})` });
    }
    if (t.judged_value !== null && !series.some((c) => !c.suppressed && c.period === t.judged_period && same(c.value, t.judged_value))) {
      disagreements.push({ file: where, key, detail: `judged value ${t.judged_value} at ${t.judged_period} is no published value of the series` });
    }
  }
  return { k: metrics.k, cells, metrics, disagreements };
}

/**
 * What a target still needs, from a published cell alone (written here apart from the
 * build's status code): the units short of the level, for a rate from its numerator and
 * denominator; null where no level applies.
 */
function neededFrom(comparator: Comparator, cell: PublishedCell): number | null {
  const level = comparator.type === 'at_least' ? comparator.value : comparator.type === 'all' ? 1 : comparator.type === 'between' ? comparator.min : null;
  if (level === null || cell.value === null) return null;
  if (cell.numerator !== null && cell.denominator !== null) return Math.max(0, Math.ceil(level * cell.denominator - cell.numerator - 1e-9));
  return Math.max(0, Math.ceil(level - cell.value - 1e-9));
}
