import { createHash } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { readFile, rm, stat, writeFile } from 'node:fs/promises';
import { pipeline } from 'node:stream/promises';
import { join } from 'node:path';
import type { DuckDBConnection } from '@duckdb/node-api';
import { bool, dictionary, float64, int16, int32, utf8 } from '@uwdata/flechette';
import { str } from '../../src/lib/sql/quote.ts';
import { publishedColumns } from './publish-metrics.ts';
import { queryToArrow } from './query-to-arrow.ts';

/** One published file, as listed in manifest.json. */
export interface ManifestFile {
  readonly file: string;
  readonly format: 'json' | 'arrow' | 'parquet' | 'csv';
  readonly bytes: number;
  readonly rows: number;
  readonly sha256: string;
  readonly description: string;
}

/**
 * Writes the published cells for browsers and people: cube.arrow (Arrow IPC stream, which
 * DuckDB-WASM loads without any extension), cube.parquet and cube.csv (UTF-8 with BOM, for
 * Excel) of the same rows, ordered so that equal runs compress well.
 */
export async function exportCube(connection: DuckDBConnection, outDir: string, workDir: string): Promise<ManifestFile[]> {
  const order = `ORDER BY metric, breakdown, level, period, region, parent, category`;
  const select = `SELECT ${publishedColumns.map(([n]) => `"${n}"`).join(', ')} FROM published_cells ${order}`;
  const rows = Number((await connection.runAndReadAll('SELECT count(*) AS n FROM published_cells')).getRowObjectsJS()[0]!.n);

  await connection.run(`COPY (${select}) TO ${str(join(outDir, 'cube.parquet'))} (FORMAT parquet, COMPRESSION zstd)`);
  const plainCsv = join(workDir, 'cube-plain.csv');
  await connection.run(`COPY (${select}) TO ${str(plainCsv)} (FORMAT csv, HEADER true)`);
  const csv = createWriteStream(join(outDir, 'cube.csv'));
  csv.write('\ufeff');
  await pipeline(createReadStream(plainCsv), csv);
  await rm(plainCsv, { force: true });

  // Codes as dictionaries, counts as 32-bit integers: a third of the size of plain columns.
  const types = Object.fromEntries(
    publishedColumns.map(([n, t]) => [n, t === 'VARCHAR' ? dictionary(utf8(), int16()) : n === 'value' ? float64() : t === 'DOUBLE' ? int32() : bool()]),
  );
  await writeFile(join(outDir, 'cube.arrow'), await queryToArrow(connection, select, types));

  const description = 'every published cell: metric × period × region × breakdown category, with numerator, denominator, population and value; suppressed cells have nulls';
  return Promise.all([
    describe(outDir, 'cube.arrow', 'arrow', rows, description),
    describe(outDir, 'cube.parquet', 'parquet', rows, description),
    describe(outDir, 'cube.csv', 'csv', rows, description),
  ]);
}

/** Size, row count and SHA-256 of a written file, for the manifest. */
export async function describe(outDir: string, file: string, format: ManifestFile['format'], rows: number, description: string): Promise<ManifestFile> {
  const path = join(outDir, file);
  const [{ size }, bytes] = await Promise.all([stat(path), readFile(path)]);
  return { file, format, bytes: size, rows, sha256: createHash('sha256').update(bytes).digest('hex'), description };
}

/** A row of metrics.json: a metric's total for a region and period (or for one group). */
export interface MetricRow {
  metric: string;
  period: string;
  level: string;
  region: string;
  parent: string | null;
  group?: string;
  numerator: number | null;
  denominator: number | null;
  population: number | null;
  value: number | null;
  suppressed: boolean;
}

/**
 * The published metric totals for every region and period (and each group where a metric has
 * groups), from the protected cells.
 */
export async function metricRows(connection: DuckDBConnection): Promise<MetricRow[]> {
  const rows = (
    await connection.runAndReadAll(`SELECT metric, period, level, region, parent,
        CASE WHEN breakdown = 'group' THEN category END AS "group", numerator, denominator, population, value, suppressed
      FROM published_cells WHERE breakdown IN ('all', 'group')
      ORDER BY metric, period, level, region, parent, "group" NULLS FIRST`)
  ).getRowObjectsJS() as unknown as MetricRow[];
  return rows.map(({ group, ...row }) => (group === null || group === undefined ? row : { ...row, group }));
}
