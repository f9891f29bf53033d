import { createHash } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { readFile, rm, stat, writeFile } from 'node:fs/promises';
import { pipeline } from 'node:stream/promises';
import { join } from 'node:path';
import type { DuckDBConnection } from '@duckdb/node-api';
import { bool, dictionary, float64, int16, int32, utf8, type DataType } from '@uwdata/flechette';
import { str } from '../../src/lib/sql/quote.ts';
import * as aq from 'arquero';
import {
  publishedColumns,
  type ArrowColumnType,
  type ManifestFile,
  type MetricRow,
  type PublishedCell,
} from '../../src/lib/contract/published.ts';
import { compareKeys } from './cell-order.ts';

/**
 * Writes the published cells for browsers and people: cube.arrow (Arrow IPC stream, which
 * DuckDB-WASM loads without any extension), cube.parquet and cube.csv (UTF-8 with BOM, for
 * Excel) of the same rows, ordered so that equal runs compress well. `cells` are the rows of
 * published_cells, which the Arrow file is built from without reading them back.
 */
export async function exportCube(connection: DuckDBConnection, outDir: string, workDir: string, cells: readonly PublishedCell[]): Promise<ManifestFile[]> {
  const order = `ORDER BY ${cubeOrder.join(', ')}`;
  const select = `SELECT ${publishedColumns.map(([n]) => `"${n}"`).join(', ')} FROM published_cells ${order}`;
  const rows = Number((await connection.runAndReadAll('SELECT count(*) AS n FROM published_cells')).getRowObjectsJS()[0]!.n);
  if (rows !== cells.length) throw new Error(`published_cells holds ${rows} rows, the build ${cells.length}`);

  await connection.run(`COPY (${select}) TO ${str(join(outDir, 'cube.parquet'))} (FORMAT parquet, COMPRESSION zstd)`);
  const plainCsv = join(workDir, 'cube-plain.csv');
  await connection.run(`COPY (${select}) TO ${str(plainCsv)} (FORMAT csv, HEADER true)`);
  const csv = createWriteStream(join(outDir, 'cube.csv'));
  csv.write('\ufeff');
  await pipeline(createReadStream(plainCsv), csv);
  await rm(plainCsv, { force: true });

  // Codes as dictionaries, counts as 32-bit integers: a third of the size of plain columns.
  const types = Object.fromEntries(publishedColumns.map(([n, , arrow]) => [n, arrowType[arrow]()]));
  // Sorted here as the ORDER BY above sorts (the keys are unique, so the order is total).
  const key = (c: PublishedCell) => cubeOrder.map((k) => c[k]);
  const keyed = cells.map((c) => ({ c, k: key(c) }));
  keyed.sort((a, b) => compareKeys(a.k, b.k));
  const sorted = keyed.map((x) => x.c);
  const table = aq.table(Object.fromEntries(publishedColumns.map(([n]) => [n, sorted.map((c) => c[n])])));
  await writeFile(join(outDir, 'cube.arrow'), aq.toArrowIPC(table, { format: 'stream', types }));

  const description = 'every published cell: metric × period × region × breakdown category, with numerator, denominator, population and value; suppressed cells have nulls';
  return Promise.all([
    describe(outDir, 'cube.arrow', 'arrow', rows, description),
    describe(outDir, 'cube.parquet', 'parquet', rows, description),
    describe(outDir, 'cube.csv', 'csv', rows, description),
  ]);
}

/** The Arrow type of each kind of published column (publishedColumns). */
const arrowType: Record<ArrowColumnType, () => DataType> = {
  'utf8-dictionary': () => dictionary(utf8(), int16()),
  int32: () => int32(),
  float64: () => float64(),
  bool: () => bool(),
};

/** Sort keys of the cube files. */
const cubeOrder = ['metric', 'breakdown', 'level', 'period', 'region', 'parent', 'category'] as const;

/** Size, row count and SHA-256 of a written file, for the manifest. */
export async function describe(outDir: string, file: string, format: ManifestFile['format'], rows: number, description: string): Promise<ManifestFile> {
  const path = join(outDir, file);
  const [{ size }, bytes] = await Promise.all([stat(path), readFile(path)]);
  return { file, format, bytes: size, rows, sha256: createHash('sha256').update(bytes).digest('hex'), description };
}

/**
 * The published metric totals for every region and period (and each group where a metric has
 * groups), from the protected cells, ordered by metric, period, level, region, parent (nulls
 * last) and group (nulls first).
 */
export function metricRows(cells: readonly PublishedCell[]): MetricRow[] {
  const keyed: { row: MetricRow; k: (string | null)[] }[] = [];
  for (const c of cells) {
    if (c.breakdown !== 'all' && c.breakdown !== 'group') continue;
    const group = c.breakdown === 'group' ? c.category : null;
    const row: MetricRow = {
      metric: c.metric, period: c.period, level: c.level, region: c.region, parent: c.parent,
      numerator: c.numerator, denominator: c.denominator, population: c.population, value: c.value, suppressed: c.suppressed,
    };
    if (group !== null) row.group = group;
    keyed.push({ row, k: [c.metric, c.period, c.level, c.region, c.parent, group] });
  }
  keyed.sort((a, b) => compareKeys(a.k, b.k, rowNullsFirst));
  return keyed.map((x) => x.row);
}

const rowNullsFirst = [false, false, false, false, false, true];
