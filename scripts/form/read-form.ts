import { parse } from 'csv-parse/sync';
import { compactText, normalizeCell } from './cell-text.ts';
import { FORM_COLUMNS, findFormHeader, type FormField } from './form-header.ts';
import { FormError } from './form-error.ts';

/** The cell separators a form saved from Excel uses: comma ("CSV") or tab ("Unicode text"); null for a workbook's sheet. */
export type FormDelimiter = ',' | '\t' | null;

/** One data row of the form: the line it starts on and its cells by field (normalized). */
export interface FormRow {
  /** Line of the file the row starts on, the first line being 1, as an editor shows it. */
  readonly line: number;
  readonly cells: Readonly<Partial<Record<FormField, string>>>;
}

/** The form's rows, sorted into title rows, the header, data rows and rows that are skipped. */
export interface FormTable {
  readonly delimiter: FormDelimiter;
  /** Lines of the rows above the header (title, 总工会名称（盖章）, blank lines). */
  readonly titleLines: readonly number[];
  /** Line of the header row that names every column (the lower row of a two-row header). */
  readonly headerLine: number;
  /** Every line of the header: one, or two or three when merged cells span rows (建会情况 over 是否建会 …). */
  readonly headerLines: readonly number[];
  /** Header cells that are not form columns; their cells were not read. */
  readonly ignoredColumns: readonly string[];
  readonly rows: readonly FormRow[];
  /** Rows after the header with no enterprise data (blank, only a 序号, a signature line). */
  readonly blankLines: readonly number[];
  /** 合计 / 小计 / 总计 rows. */
  readonly totalLines: readonly number[];
}

/** A row as read: the line (or a sheet's row number) it starts on, and its cells. */
export interface ParsedRow {
  readonly line: number;
  readonly cells: readonly string[];
}

const TOTAL = /^(合计|小计|总计)/u;

/**
 * Reads the text of a form: parses it as CSV with a comma or a tab between cells (whichever
 * yields the form's header row), skips the title rows above the header, and sorts the rows
 * below it. Cells are NFKC-normalized and trimmed. Throws a FormError naming `file` when no
 * header row is found, a needed column is missing, or the quoting is broken.
 */
export function readForm(text: string, file: string): FormTable {
  // csv-parse counts a CR LF inside a quoted cell as two lines; one kind of line end keeps the count right.
  const unified = text.replace(/\r\n?/g, '\n');
  const failures: FormError[] = [];
  for (const delimiter of [',', '\t'] as const) {
    let rows: ParsedRow[];
    try {
      rows = parseRows(unified, delimiter);
    } catch (error) {
      failures.push(parseFailure(file, error));
      continue;
    }
    const table = formTable(rows, file, delimiter);
    if (table !== undefined) return table;
  }
  if (failures.length > 0) throw failures[0]!;
  throw new FormError(file, 'no header row found: a row naming 企业名称 and at least three other columns of the registration form (企业所有制性质, 经营状况, 职工人数, 是否建会, 建会时间, 会员人数, 未建会原因); check that this is the form, saved as CSV or Unicode text');
}

/**
 * The form in rows already split into cells (a workbook's sheet, or parsed CSV): undefined
 * when no row is the form's header; throws a FormError naming `file` when the header lacks a
 * needed column. Cells are NFKC-normalized and trimmed here.
 */
export function formTable(rows: readonly ParsedRow[], file: string, delimiter: FormDelimiter): FormTable | undefined {
  const normalized = rows.map((r) => ({ line: r.line, cells: r.cells.map(normalizeCell) }));
  const cells = normalized.map((r) => r.cells);
  let header = findFormHeader(cells);
  if (header === undefined) return undefined;
  const lacks = (h: NonNullable<typeof header>) => FORM_COLUMNS.filter((c) => c.required && !h.columns.has(c.field));
  // A header of two rows (merged cells, e.g. 建会情况 over 是否建会 … 会员人数): each column named
  // by its lowest non-empty cell. A workbook's merged cells are filled already; saved as CSV, a
  // merged cell keeps its text in its first cell only (序号 above an empty cell).
  const top = header.rowIndex;
  for (let next = top + 1; lacks(header).length > 0 && next <= top + 2 && next < cells.length; next += 1) {
    const stacked = cells[next]!.map((_, i) => cells.slice(top, next + 1).map((row) => row[i] ?? '').findLast((cell) => cell !== '') ?? '');
    const below = findFormHeader([stacked]);
    if (below !== undefined && lacks(below).length === 0) header = { ...below, rowIndex: next };
  }
  const missing = lacks(header);
  const headerLine = normalized[header.rowIndex]!.line;
  if (missing.length > 0) {
    throw new FormError(file, `the header row (line ${headerLine}) has no column ${missing.map((c) => c.header).join(', ')}; add ${missing.length > 1 ? 'them' : 'it'} as on the registration form`);
  }
  return sortRows(normalized, top, header.rowIndex, header.columns, header.ignored, delimiter);
}

function parseRows(text: string, delimiter: ',' | '\t'): ParsedRow[] {
  const records = parse(text, {
    delimiter,
    info: true,
    relax_column_count: true,
    relax_quotes: true,
    skip_empty_lines: false,
  }) as unknown as Array<{ record: string[]; info: { lines: number } }>;
  // Every line belongs to a record (empty lines too), so a record starts where the previous ended.
  let previousEnd = 0;
  return records.map(({ record, info }) => {
    const row = { line: previousEnd + 1, cells: record };
    previousEnd = info.lines;
    return row;
  });
}

function parseFailure(file: string, error: unknown): FormError {
  const e = error as { code?: string; lines?: number };
  const where = e.lines !== undefined ? ` (line ${e.lines})` : '';
  if (e.code === 'CSV_QUOTE_NOT_CLOSED') return new FormError(file, `a quoted cell is never closed${where}; check the quotes in the file or save it from Excel again`);
  return new FormError(file, `the file cannot be read as CSV${where}: ${e.code ?? 'parse error'}; save it from Excel again`);
}

function sortRows(
  rows: readonly ParsedRow[],
  headerTop: number,
  headerIndex: number,
  columns: ReadonlyMap<FormField, number>,
  ignoredColumns: readonly string[],
  delimiter: FormDelimiter,
): FormTable {
  const dataFields = [...columns.keys()].filter((f) => f !== 'serial');
  const out: FormRow[] = [];
  const blankLines: number[] = [];
  const totalLines: number[] = [];
  for (const row of rows.slice(headerIndex + 1)) {
    const cells: Partial<Record<FormField, string>> = {};
    for (const [field, index] of columns) cells[field] = row.cells[index] ?? '';
    const lead = [cells.serial ?? '', cells.name ?? '', row.cells.find((c) => c !== '') ?? ''].map(compactText);
    if (lead.some((c) => TOTAL.test(c))) totalLines.push(row.line);
    else if (dataFields.every((f) => cells[f] === '') || isNoteRow(row.cells, columns)) blankLines.push(row.line);
    else out.push({ line: row.line, cells });
  }
  return {
    delimiter,
    titleLines: rows.slice(0, headerTop).map((r) => r.line),
    headerLine: rows[headerIndex]!.line,
    headerLines: rows.slice(headerTop, headerIndex + 1).map((r) => r.line),
    ignoredColumns,
    rows: out,
    blankLines,
    totalLines,
  };
}

/**
 * A signature or note line under the table ("分管主席（签字）：", "填表人："): text in the
 * 序号 column only, and not a number.
 */
function isNoteRow(cells: readonly string[], columns: ReadonlyMap<FormField, number>): boolean {
  const serial = columns.get('serial');
  if (serial === undefined) return false;
  const filled = cells.map((c, i) => [c, i] as const).filter(([c]) => c !== '');
  return filled.length === 1 && filled[0]![1] === serial && !/^\d+$/u.test(filled[0]![0]);
}
