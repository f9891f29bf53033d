/**
 * Writes small .xlsx workbooks for tests, as Excel stores them: text as inline strings, numbers,
 * dates as day numbers with a date format, formulas with the value Excel cached, merged
 * ranges. Written here (Office Open XML by hand, zipped with fflate) so that the fixtures
 * say exactly what they hold, with no spreadsheet library in the tests.
 */
import { strToU8, zipSync } from 'fflate';

/**
 * A cell: text, a number, a date (a calendar day), a number shown with leading zeros (a code
 * stored as a number under the format `00`…`00000000`), a formula with its cached value, or empty.
 */
export type XlsxCell =
  | string
  | number
  | { readonly date: string }
  | { readonly padded: number; readonly digits: number }
  | { readonly formula: string; readonly value: number | string }
  | null;

/** Zero-padding formats for 2–8 digits: number format 162 + digits, cell style digits (styles 0 and 1 are plain and date). */
const PADDED_DIGITS = [2, 3, 4, 5, 6, 7, 8];

/** A sheet: name, rows from row 1, and merged ranges (`A1:K1`). */
export interface XlsxSheet {
  readonly name: string;
  readonly rows: readonly (readonly XlsxCell[])[];
  readonly merges?: readonly string[];
}

const escape = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

function column(index: number): string {
  let name = '';
  for (let n = index + 1; n > 0; n = Math.floor((n - 1) / 26)) name = String.fromCharCode(65 + ((n - 1) % 26)) + name;
  return name;
}

/** Excel's day number of a YYYY-MM-DD date (1900 date system). */
function dayNumber(iso: string): number {
  return Math.round((Date.parse(`${iso}T00:00:00Z`) - Date.UTC(1899, 11, 30)) / 86_400_000);
}

function cellXml(cell: XlsxCell, ref: string): string {
  if (cell === null || cell === '') return '';
  if (typeof cell === 'string') return `<c r="${ref}" t="inlineStr"><is><t xml:space="preserve">${escape(cell)}</t></is></c>`;
  if (typeof cell === 'number') return `<c r="${ref}"><v>${String(cell)}</v></c>`;
  if ('date' in cell) return `<c r="${ref}" s="1"><v>${String(dayNumber(cell.date))}</v></c>`;
  if ('padded' in cell) {
    if (!PADDED_DIGITS.includes(cell.digits)) throw new Error(`padded cells have 2–8 digits, got ${String(cell.digits)}`);
    return `<c r="${ref}" s="${String(cell.digits)}"><v>${String(cell.padded)}</v></c>`;
  }
  return typeof cell.value === 'number'
    ? `<c r="${ref}"><f>${escape(cell.formula)}</f><v>${String(cell.value)}</v></c>`
    : `<c r="${ref}" t="str"><f>${escape(cell.formula)}</f><v>${escape(cell.value)}</v></c>`;
}

function sheetXml(sheet: XlsxSheet): string {
  const rows = sheet.rows
    .map((row, r) => `<row r="${String(r + 1)}">${row.map((cell, c) => cellXml(cell, `${column(c)}${String(r + 1)}`)).join('')}</row>`)
    .join('');
  const merges = (sheet.merges ?? []).length === 0 ? '' : `<mergeCells count="${String(sheet.merges!.length)}">${sheet.merges!.map((m) => `<mergeCell ref="${m}"/>`).join('')}</mergeCells>`;
  return `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>${rows}</sheetData>${merges}</worksheet>`;
}

/** The bytes of a workbook holding `sheets`. */
export function xlsxBytes(sheets: readonly XlsxSheet[]): Uint8Array {
  const ns = 'http://schemas.openxmlformats.org';
  const files: Record<string, Uint8Array> = {
    '[Content_Types].xml': strToU8(
      `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Types xmlns="${ns}/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>${sheets.map((_, i) => `<Override PartName="/xl/worksheets/sheet${String(i + 1)}.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>`).join('')}</Types>`,
    ),
    '_rels/.rels': strToU8(`<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="${ns}/package/2006/relationships"><Relationship Id="rId1" Type="${ns}/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>`),
    'xl/workbook.xml': strToU8(
      `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<workbook xmlns="${ns}/spreadsheetml/2006/main" xmlns:r="${ns}/officeDocument/2006/relationships"><sheets>${sheets.map((s, i) => `<sheet name="${escape(s.name)}" sheetId="${String(i + 1)}" r:id="rId${String(i + 1)}"/>`).join('')}</sheets></workbook>`,
    ),
    'xl/_rels/workbook.xml.rels': strToU8(
      `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="${ns}/package/2006/relationships">${sheets.map((_, i) => `<Relationship Id="rId${String(i + 1)}" Type="${ns}/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet${String(i + 1)}.xml"/>`).join('')}<Relationship Id="rId${String(sheets.length + 1)}" Type="${ns}/officeDocument/2006/relationships/styles" Target="styles.xml"/></Relationships>`,
    ),
    // Style 1: the built-in date format 14 (a day number shown as a date); styles 2–8: numbers padded to that many digits.
    'xl/styles.xml': strToU8(
      `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<styleSheet xmlns="${ns}/spreadsheetml/2006/main"><numFmts count="${String(PADDED_DIGITS.length)}">${PADDED_DIGITS.map((d) => `<numFmt numFmtId="${String(162 + d)}" formatCode="${'0'.repeat(d)}"/>`).join('')}</numFmts><fonts count="1"><font/></fonts><fills count="1"><fill/></fills><borders count="1"><border/></borders><cellStyleXfs count="1"><xf/></cellStyleXfs><cellXfs count="${String(2 + PADDED_DIGITS.length)}"><xf numFmtId="0"/><xf numFmtId="14" applyNumberFormat="1"/>${PADDED_DIGITS.map((d) => `<xf numFmtId="${String(162 + d)}" applyNumberFormat="1"/>`).join('')}</cellXfs></styleSheet>`,
    ),
  };
  sheets.forEach((sheet, i) => (files[`xl/worksheets/sheet${String(i + 1)}.xml`] = strToU8(sheetXml(sheet))));
  return zipSync(files);
}
