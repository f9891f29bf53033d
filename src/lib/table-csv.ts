/**
 * A chart's data table (TableSpec) as CSV: the caption is not repeated; the first row is
 * the column headings, then one row per table row (and the foot rows). Cells are the text
 * the page shows (already rounded and with suppressed values marked as such), so the CSV
 * never discloses more than the chart. UTF-8 with a BOM and CRLF line ends, as the metric
 * downloads, so that Excel opens Chinese text correctly.
 */
import type { TableSpec } from './site-tables.ts';
import { csvField } from './csv-field.ts';

/** The CSV text of a table (see the module comment). */
export function tableCsv(table: TableSpec): string {
  const lines = [
    table.columns.map((c) => csvField(c.label)).join(','),
    ...[...table.rows, ...(table.foot ?? [])].map((row) => [row.header, ...row.cells].map(csvField).join(',')),
  ];
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}
