/**
 * The downloads of a view, built from the rows on screen: CSV (UTF-8 with BOM, formulas
 * neutralized), Parquet and Arrow, with the same columns ({@link ROW_COLUMNS}).
 *
 * Pure TypeScript: no DOM, no Node APIs.
 */
import { viewRowsToArrow } from './arrow.ts';
import { toCsv } from './csv.ts';
import { writeParquet, type ParquetColumn } from './parquet.ts';
import { ROW_COLUMNS, rowValues, type ViewRow } from './rows.ts';
import type { DownloadFormat } from './files.ts';

const NUMBER_COLUMNS: ReadonlySet<string> = new Set(['numerator', 'denominator', 'population', 'value']);

/** The rows of a view as CSV text. */
export function viewCsv(rows: readonly ViewRow[]): string {
  return toCsv(ROW_COLUMNS, rows.map(rowValues));
}

/** The rows of a view as a Parquet file. */
export function viewParquet(rows: readonly ViewRow[]): Uint8Array {
  const values = rows.map(rowValues);
  const columns: ParquetColumn[] = ROW_COLUMNS.map((name, i) => ({
    name,
    type: name === 'suppressed' ? 'boolean' : NUMBER_COLUMNS.has(name) ? 'double' : 'utf8',
    values: values.map((row) => row[i] ?? null),
  }));
  return writeParquet(columns);
}

/** The rows of a view in a download format. */
export function viewFile(rows: readonly ViewRow[], format: DownloadFormat): string | Uint8Array {
  if (format === 'csv') return viewCsv(rows);
  if (format === 'parquet') return viewParquet(rows);
  return viewRowsToArrow(rows);
}
