import { readFile, writeFile } from 'node:fs/promises';
import type { TableDefinition } from '../../src/lib/contract/definitions.ts';
import { csvField } from '../../src/lib/csv-field.ts';
import { readWorkbook, WorkbookError, type WorkbookSheet } from '../text/read-workbook.ts';
import { IGNORED_PREFIX, isHeader, mapHeader } from './header-mapping.ts';
import { InputError } from './input-error.ts';
import { MAX_TITLE_ROWS } from './scan-csv.ts';
import type { SheetPart } from './sheet-lines.ts';

/** What a workbook held for one contract file. */
export interface WorkbookCsv {
  /** The sheets holding the file's rows, in workbook order, and where their rows are in the CSV. */
  readonly parts: readonly SheetPart[];
  /** The other sheets (instructions, a summary, or sheets not named): not read. */
  readonly skipped: readonly string[];
}

/** How a workbook's sheet is named in messages. */
export function sheetSource(workbook: string, sheet: string): string {
  return `${workbook}, sheet "${sheet}"`;
}

/**
 * The sheets of a workbook (`enterprises.xlsx`) that hold a contract file's rows, written as
 * one UTF-8 CSV at `csvPath` for the ingest to read as it reads any CSV: one header line, then
 * each sheet's rows below its header, one line per row (a blank row stays a blank line), so
 * that every line maps back to a sheet and the row number Excel shows (sheet-lines.ts). A line
 * break inside a cell (a header wrapped in Excel: 是否\n建会) becomes a space for that reason.
 * Merged cells are filled from their first cell (scripts/text/read-workbook.ts).
 *
 * A sheet holds the file's rows when one of its first rows is the file's header; the rows
 * above it are title rows. Every such sheet's header is checked on its own (an InputError
 * names the sheet), and its cells are put in the first sheet's column order, so that sheets
 * may order their columns differently; a column only a later sheet has is added at the end.
 * With `only`, just the sheets named there are read (`npm run data -- --sheet
 * enterprises.xlsx=长安区`), each of which must hold the header.
 */
export async function workbookAsCsv(path: string, workbook: string, table: TableDefinition, csvPath: string, only?: readonly string[]): Promise<WorkbookCsv> {
  let sheets: WorkbookSheet[];
  try {
    sheets = await readWorkbook(await readFile(path));
  } catch (error) {
    if (error instanceof WorkbookError) throw new InputError(workbook, error.message);
    throw error;
  }
  const header = isHeader(table);
  const names = sheets.map((s) => `"${s.name}"`).join(', ');
  const unknown = (only ?? []).filter((name) => !sheets.some((s) => s.name === name));
  if (unknown.length > 0) throw new InputError(workbook, `has no sheet ${unknown.map((n) => `"${n}"`).join(', ')} (named with --sheet); its sheets are ${names}`);
  const holding: { sheet: WorkbookSheet; headerIndex: number; columns: string[] }[] = [];
  const skipped: string[] = [];
  for (const sheet of sheets) {
    const headerIndex = sheet.rows.slice(0, MAX_TITLE_ROWS + 1).findIndex((row) => header(row));
    if (only !== undefined && !only.includes(sheet.name)) skipped.push(sheet.name);
    else if (headerIndex < 0 && only !== undefined) throw new InputError(sheetSource(workbook, sheet.name), `no header row of ${table.file} in its first ${MAX_TITLE_ROWS + 1} rows; see data/README.md for the columns`);
    else if (headerIndex < 0) skipped.push(sheet.name);
    else holding.push({ sheet, headerIndex, columns: mapHeader(table, headerCells(sheet.rows[headerIndex]!), sheetSource(workbook, sheet.name)) });
  }
  if (holding.length === 0) {
    throw new InputError(workbook, `no sheet has a header row of ${table.file} (its sheets are ${names}); see data/README.md for the columns`);
  }

  // The CSV's columns: the first sheet's header as written, then contract columns only later sheets have.
  const first = holding[0]!;
  const csvHeader = headerCells(first.sheet.rows[first.headerIndex]!);
  const csvColumns = [...first.columns];
  for (const { sheet, headerIndex, columns } of holding.slice(1)) {
    columns.forEach((name, i) => {
      if (!name.startsWith(IGNORED_PREFIX) && !csvColumns.includes(name)) {
        csvColumns.push(name);
        csvHeader.push(sheet.rows[headerIndex]![i]!);
      }
    });
  }
  const flat = (cell: string | undefined) => csvField((cell ?? '').replace(/\r\n|\r|\n/g, ' '));
  const lines = [csvHeader.map(flat).join(',')];
  const parts: SheetPart[] = [];
  for (const { sheet, headerIndex, columns } of holding) {
    // Where each CSV column is in this sheet: contract columns by name, row-number columns in turn.
    const ignored = columns.flatMap((name, i) => (name.startsWith(IGNORED_PREFIX) ? [i] : []));
    let nextIgnored = 0;
    const source = csvColumns.map((name) => (name.startsWith(IGNORED_PREFIX) ? (ignored[nextIgnored++] ?? -1) : columns.indexOf(name)));
    const rows = sheet.rows.slice(headerIndex + 1);
    parts.push({
      sheet: sheet.name,
      headerRow: headerIndex + 1,
      titleRows: Array.from({ length: headerIndex }, (_, i) => i + 1),
      firstLine: lines.length + 1,
      rows: rows.length,
    });
    for (const row of rows) {
      const cells = source.map((i) => flat(i < 0 ? '' : row[i]));
      // Cells right of the header: kept, so that the row is refused for its cell count rather than read without them.
      const beyond = row.slice(columns.length);
      lines.push((beyond.some((cell) => cell.trim() !== '') ? [...cells, ...beyond.map(flat)] : cells).join(','));
    }
  }
  await writeFile(csvPath, `${lines.join('\n')}\n`);
  return { parts, skipped };
}

/** A header row without the empty cells right of its last column (the sheet is wider than its table). */
function headerCells(row: readonly string[]): string[] {
  let end = row.length;
  while (end > 0 && row[end - 1]!.trim() === '') end -= 1;
  return row.slice(0, end);
}
