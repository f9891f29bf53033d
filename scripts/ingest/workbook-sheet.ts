import { readFile, writeFile } from 'node:fs/promises';
import type { TableDefinition } from '../../src/lib/contract/definitions.ts';
import { csvField } from '../../src/lib/csv-field.ts';
import { readWorkbook, WorkbookError } from '../text/read-workbook.ts';
import { isHeader } from './header-mapping.ts';
import { InputError } from './input-error.ts';
import { MAX_TITLE_ROWS } from './scan-csv.ts';

/**
 * The sheet of a workbook (`enterprises.xlsx`) that holds a contract file's rows, written as a
 * UTF-8 CSV at `csvPath` for the ingest to read as it reads any CSV: one line per row of the
 * sheet, so that every line number the report gives is the row number Excel shows. A line
 * break inside a cell (a header wrapped in Excel: 是否\n建会) becomes a space for that reason.
 * Merged cells are filled from their first cell (scripts/text/read-workbook.ts).
 *
 * The sheet is the one whose rows hold the file's header (among its first rows); an
 * InputError names the sheets when none or several do.
 */
export async function workbookSheetAsCsv(path: string, file: string, table: TableDefinition, csvPath: string): Promise<{ sheet: string }> {
  let sheets;
  try {
    sheets = await readWorkbook(await readFile(path));
  } catch (error) {
    if (error instanceof WorkbookError) throw new InputError(file, error.message);
    throw error;
  }
  const header = isHeader(table);
  const holding = sheets.filter((s) => s.rows.slice(0, MAX_TITLE_ROWS + 1).some((row) => header(row)));
  const names = (list: readonly { name: string }[]) => list.map((s) => `"${s.name}"`).join(', ');
  if (holding.length === 0) throw new InputError(file, `no sheet has a header row of ${table.file} (its sheets are ${names(sheets)}); see data/README.md for the columns`);
  if (holding.length > 1) throw new InputError(file, `several sheets hold rows of ${table.file} (${names(holding)}); put them on one sheet, or save each sheet as a CSV file and send them one at a time`);
  const sheet = holding[0]!;
  const width = Math.max(1, ...sheet.rows.map((r) => r.length));
  const lines = sheet.rows.map((row) => Array.from({ length: width }, (_, i) => csvField((row[i] ?? '').replace(/\r\n|\r|\n/g, ' '))).join(','));
  await writeFile(csvPath, `${lines.join('\n')}\n`);
  return { sheet: sheet.name };
}
