/**
 * An Excel workbook (.xlsx) as rows of text cells, sheet by sheet, the way the form importer
 * reads a CSV: each row with its number as Excel shows it (the first row is 1).
 *
 * Read with `read-excel-file` (MIT, maintained, small dependencies; see README "Your own
 * data" for why this library): every sheet, formulas as the values Excel cached when it last
 * saved, dates as dates. What it leaves out is taken here from the sheet's XML: merged cells
 * (a header cell merged across rows or columns gives its text to every cell of the range, so
 * that a two-row header reads as one) and number formats that pad codes with zeros.
 *
 * Cells become text as an office would have typed them: text as is (codes with leading zeros
 * stay), numbers as Excel stored them (`130102`, `0.5`) or, when a number format pads them with
 * zeros (`00`), as Excel shows them (`01`), dates as `YYYY-MM-DD`, true/false as `true`/`false`.
 */
import readXlsxFile from 'read-excel-file/node';
import { strFromU8, unzipSync } from 'fflate';

/** One sheet: its name and its rows (empty rows included, so that numbers match Excel's). */
export interface WorkbookSheet {
  readonly name: string;
  readonly rows: readonly (readonly string[])[];
}

/** Whether bytes are a zip archive (an .xlsx is one). */
export function isWorkbook(bytes: Uint8Array): boolean {
  return bytes.length > 4 && bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04;
}

/** Thrown for a file that is not a workbook this reader can read. */
export class WorkbookError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'WorkbookError';
  }
}

/** The text of one cell value as read-excel-file gives it (numbers kept as written). */
function cellText(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? '' : value.toISOString().slice(0, 10);
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  return String(value);
}

/** Column letters (A, Z, AA) → 0-based index. */
function columnIndex(letters: string): number {
  let n = 0;
  for (const c of letters) n = n * 26 + (c.charCodeAt(0) - 64);
  return n - 1;
}

/** A cell reference (B3) → 0-based row and column. */
function cellAt(ref: string): { row: number; column: number } | null {
  const m = /^\$?([A-Z]{1,3})\$?([0-9]{1,7})$/.exec(ref);
  return m === null ? null : { row: Number(m[2]) - 1, column: columnIndex(m[1]!) };
}

/** What read-excel-file leaves out of a sheet, from its XML. */
interface SheetExtras {
  /** Merged ranges, 0-based. */
  readonly merges: { top: number; left: number; bottom: number; right: number }[];
  /** Number cells shown with leading zeros (a code formatted `000000`): 0-based place and the digits shown. */
  readonly padded: { row: number; column: number; digits: number }[];
}

/**
 * The styles whose number format only pads with zeros (`00`, `000000`: a code Excel stores as a
 * number and shows as 01, 010203), by style index, with the digits they show.
 */
function zeroPaddedStyles(styles: string): Map<number, number> {
  const formats = new Map<number, number>();
  for (const m of styles.matchAll(/<numFmt\b[^>]*>/g)) {
    const id = /\bnumFmtId="(\d+)"/.exec(m[0])?.[1];
    const code = /\bformatCode="([^"]*)"/.exec(m[0])?.[1];
    if (id !== undefined && code !== undefined && /^0{2,}$/.test(unescapeXml(code).replace(/^"|"$/g, ''))) formats.set(Number(id), unescapeXml(code).replace(/"/g, '').length);
  }
  const out = new Map<number, number>();
  const xfs = /<cellXfs\b[^>]*>([\s\S]*?)<\/cellXfs>/.exec(styles)?.[1] ?? '';
  let index = 0;
  for (const m of xfs.matchAll(/<xf\b[^>]*>/g)) {
    const id = Number(/\bnumFmtId="(\d+)"/.exec(m[0])?.[1] ?? 0);
    if (formats.has(id)) out.set(index, formats.get(id)!);
    index += 1;
  }
  return out;
}

/** The merged ranges and zero-padded number cells of each sheet, by sheet name, from the workbook's XML. */
function sheetExtras(bytes: Uint8Array): Map<string, SheetExtras> {
  const files = unzipSync(bytes, {
    filter: (f) => f.name === 'xl/workbook.xml' || f.name === 'xl/_rels/workbook.xml.rels' || f.name === 'xl/styles.xml' || f.name.startsWith('xl/worksheets/sheet'),
  });
  const text = (name: string) => (files[name] === undefined ? '' : strFromU8(files[name]));
  const targets = new Map<string, string>();
  for (const m of text('xl/_rels/workbook.xml.rels').matchAll(/<Relationship\b[^>]*>/g)) {
    const id = /\bId="([^"]+)"/.exec(m[0])?.[1];
    const target = /\bTarget="([^"]+)"/.exec(m[0])?.[1];
    if (id !== undefined && target !== undefined) targets.set(id, target.replace(/^\/?(xl\/)?/, 'xl/'));
  }
  const padding = zeroPaddedStyles(text('xl/styles.xml'));
  const out = new Map<string, SheetExtras>();
  for (const m of text('xl/workbook.xml').matchAll(/<sheet\b[^>]*>/g)) {
    const name = /\bname="([^"]*)"/.exec(m[0])?.[1];
    const id = /\br:id="([^"]+)"/.exec(m[0])?.[1];
    if (name === undefined || id === undefined) continue;
    const xml = text(targets.get(id) ?? '');
    const merges = [];
    for (const merge of xml.matchAll(/<mergeCell\b[^>]*\bref="([A-Z0-9$]+):([A-Z0-9$]+)"/g)) {
      const a = cellAt(merge[1]!);
      const b = cellAt(merge[2]!);
      if (a !== null && b !== null) merges.push({ top: a.row, left: a.column, bottom: b.row, right: b.column });
    }
    const padded = [];
    if (padding.size > 0) {
      for (const cell of xml.matchAll(/<c\b([^>]*)>/g)) {
        const attributes = cell[1]!;
        const style = /\bs="(\d+)"/.exec(attributes)?.[1];
        const type = /\bt="(\w+)"/.exec(attributes)?.[1];
        const at = cellAt(/\br="([A-Z0-9$]+)"/.exec(attributes)?.[1] ?? '');
        if (style === undefined || !padding.has(Number(style)) || (type !== undefined && type !== 'n') || at === null) continue;
        padded.push({ ...at, digits: padding.get(Number(style))! });
      }
    }
    out.set(unescapeXml(name), { merges, padded });
  }
  return out;
}

function unescapeXml(text: string): string {
  return text.replace(/&(lt|gt|quot|apos|amp);/g, (_, e: string) => ({ lt: '<', gt: '>', quot: '"', apos: "'", amp: '&' })[e]!);
}

/** Every sheet of a workbook, as text rows with merged cells filled; throws a WorkbookError for a damaged or unreadable file. */
export async function readWorkbook(bytes: Uint8Array): Promise<WorkbookSheet[]> {
  let sheets: { sheet: string; data: unknown[][] }[];
  let extras: Map<string, SheetExtras>;
  try {
    const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    sheets = (await readXlsxFile(buffer, { trim: false, parseNumber: (s: string) => s })) as unknown as { sheet: string; data: unknown[][] }[];
    extras = sheetExtras(bytes);
  } catch (error) {
    throw new WorkbookError(`the workbook cannot be read (${error instanceof Error ? error.message : String(error)}); open it in Excel and save it again as .xlsx`);
  }
  return sheets.map(({ sheet, data }) => {
    const rows = data.map((row) => row.map(cellText));
    const { merges = [], padded = [] } = extras.get(sheet) ?? {};
    for (const { row, column, digits } of padded) {
      const text = rows[row]?.[column];
      if (text !== undefined && /^\d+$/.test(text)) rows[row]![column] = text.padStart(digits, '0');
    }
    for (const range of merges) {
      const value = rows[range.top]?.[range.left] ?? '';
      for (let r = range.top; r <= range.bottom; r += 1) {
        const row = rows[r];
        if (row === undefined) continue;
        for (let c = range.left; c <= range.right; c += 1) if ((row[c] ?? '') === '') row[c] = value;
      }
    }
    return { name: sheet, rows };
  });
}
