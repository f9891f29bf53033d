/**
 * CSV for Excel and for scripts: UTF-8 with a byte-order mark (so Excel shows Chinese
 * correctly), CRLF line ends, RFC 4180 quoting, and text cells that a spreadsheet would
 * read as a formula neutralized with a leading apostrophe (OWASP "CSV injection").
 *
 * Pure TypeScript: no DOM, no Node APIs.
 */
import { csvField, neutralize } from '../csv-field.ts';

export { neutralize };

/** A cell: text, a number (written as is), a boolean (`true`/`false`) or empty. */
export type CsvCell = string | number | boolean | null | undefined;

/** The byte-order mark at the start of every file. */
export const BOM = '\ufeff';

/** One cell as CSV text. Numbers are written in full (shortest exact form), never neutralized. */
export function csvCell(cell: CsvCell): string {
  if (cell === null || cell === undefined) return '';
  if (typeof cell === 'number') return Number.isFinite(cell) ? String(cell) : '';
  if (typeof cell === 'boolean') return cell ? 'true' : 'false';
  return csvField(neutralize(cell));
}

/** A whole file: BOM, header, rows, CRLF after every line. */
export function toCsv(header: readonly string[], rows: readonly (readonly CsvCell[])[]): string {
  const lines = [header.map(csvCell).join(','), ...rows.map((row) => row.map(csvCell).join(','))];
  return `${BOM}${lines.join('\r\n')}\r\n`;
}

/**
 * Parse CSV written by {@link toCsv} (or any RFC 4180 file) into rows of text cells; the
 * BOM is dropped. For tests and for checking downloads.
 */
export function parseCsv(text: string): string[][] {
  const input = text.startsWith(BOM) ? text.slice(1) : text;
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < input.length; i += 1) {
    const ch = input[i];
    if (quoted) {
      if (ch === '"' && input[i + 1] === '"') {
        cell += '"';
        i += 1;
      } else if (ch === '"') quoted = false;
      else cell += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') {
      row.push(cell);
      cell = '';
    } else if (ch === '\r' || ch === '\n') {
      if (ch === '\r' && input[i + 1] === '\n') i += 1;
      row.push(cell);
      rows.push(row);
      row = [];
      cell = '';
    } else cell += ch;
  }
  if (cell !== '' || row.length > 0) {
    row.push(cell);
    rows.push(row);
  }
  return rows;
}
