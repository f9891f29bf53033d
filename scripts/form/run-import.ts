import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { convertRow, type ConvertedRow, type RefusedRow } from './convert-row.ts';
import { decodeForm, type FormEncoding } from './decode-form.ts';
import { FormError } from './form-error.ts';
import { isoDateArgument } from './form-date.ts';
import { formTable, readForm, type FormDelimiter, type FormTable } from './read-form.ts';
import { isWorkbook, readWorkbook, WorkbookError } from '../text/read-workbook.ts';
import { redactor } from './redact.ts';
import { countyRegion } from './region-argument.ts';
import { checkSaltLocation, loadOrCreateSalt, projectRoot } from './salt-file.ts';
import { enterprisesCsv, writeFileAtomic } from './write-enterprises.ts';

/** What one import is asked to do. */
export interface ImportOptions {
  /** The registration form (an .xlsx workbook, or CSV or Unicode text saved from Excel). */
  readonly form: string;
  /** The workbook's sheet holding the form (default: the only sheet that does). */
  readonly sheet?: string;
  /** Six-digit county-level region code the form comes from. */
  readonly region: string;
  /** The period (YYYY-MM-DD) the form describes. */
  readonly period: string;
  /** The enterprises.csv to write. */
  readonly out: string;
  /** The salt file (absolute path). */
  readonly saltFile: string;
  /** Repository the salt must stay out of (default: the project's). */
  readonly repoRoot?: string;
}

/** What one import did: counts and line numbers only, never a name, address or chair name. */
export interface ImportResult {
  readonly form: string;
  readonly out: string;
  /** How the file was read: a text encoding, or `xlsx` for a workbook. */
  readonly encoding: FormEncoding | 'xlsx';
  readonly delimiter: FormDelimiter;
  /** The workbook's sheet the form was read from (null for a text file). */
  readonly sheet: string | null;
  readonly titleLines: readonly number[];
  readonly headerLine: number;
  readonly ignoredColumns: readonly string[];
  readonly blankLines: readonly number[];
  readonly totalLines: readonly number[];
  /** Data rows below the header (blank, note and total rows excluded) = written + refused. */
  readonly rowsRead: number;
  readonly rowsWritten: number;
  readonly refused: readonly RefusedRow[];
  /** Lines whose 建会时间 gave only a year and month, written as the first of the month. */
  readonly monthOnlyLines: readonly number[];
  /** 未建会原因 texts that matched no reason and were written as `other`. */
  readonly otherReasons: readonly { readonly line: number; readonly text: string }[];
  /** Rows whose 企业所有制性质 is a registration type that does not say its owners, and the category each was counted in. */
  readonly ownershipNotes: readonly { readonly line: number; readonly word: string; readonly code: string; readonly note: string }[];
  readonly salt: { readonly path: string; readonly created: boolean; readonly readableByOthers: boolean };
}

/**
 * Imports one registration form: checks the arguments, decodes and reads the form, converts
 * every data row to the enterprises.csv contract (see convertRow), refuses rows that cannot
 * be converted and rows naming the same enterprise twice, and writes the accepted rows
 * atomically to `out`. Throws a FormError for an argument or file that cannot be used.
 */
export async function runImport(options: ImportOptions): Promise<ImportResult> {
  const period = isoDateArgument(options.period);
  if (period === undefined) throw new FormError('--period', `"${options.period}" is not a date written YYYY-MM-DD between 1900 and 2100 (the reporting date, e.g. 2024-12-31)`);
  const region = countyRegion(options.region);
  const repoRoot = options.repoRoot ?? projectRoot();
  checkSaltLocation(options.saltFile, repoRoot);
  const formPath = resolve(options.form);
  const out = resolve(options.out);
  if (out === formPath) throw new FormError('--out', 'is the form itself; write the output to another file');

  let bytes: Buffer;
  try {
    bytes = readFileSync(formPath);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new FormError(options.form, code === 'ENOENT' ? 'the file does not exist' : code === 'EISDIR' ? 'is a folder; name the form file' : `cannot be read (${code ?? 'error'})`);
  }
  let encoding: ImportResult['encoding'];
  let table: FormTable;
  let sheet: string | null = null;
  if (isWorkbook(bytes)) {
    ({ table, sheet } = await readWorkbookForm(bytes, options.form, options.sheet));
    encoding = 'xlsx';
  } else {
    if (options.sheet !== undefined) throw new FormError('--sheet', `${options.form} is not a workbook (.xlsx); --sheet is for workbooks`);
    const decoded = decodeForm(bytes, options.form);
    table = readForm(decoded.text, options.form);
    encoding = decoded.encoding;
  }
  const salt = loadOrCreateSalt(options.saltFile, repoRoot);

  const secrets = table.rows.flatMap((r) => [r.cells.name ?? '', r.cells.address ?? '', r.cells.chair ?? '']);
  const context = { period, regionCode: region.code, salt: salt.value, safe: redactor(secrets) };
  const results = table.rows.map((row) => convertRow(row, context));

  const linesById = new Map<string, number[]>();
  for (const result of results) {
    const id = result.ok ? result.values.enterprise_id : undefined;
    if (id !== undefined) linesById.set(id, [...(linesById.get(id) ?? []), result.line]);
  }
  const written: ConvertedRow[] = [];
  const refused: RefusedRow[] = [];
  for (const result of results) {
    if (!result.ok) {
      refused.push(result);
      continue;
    }
    const lines = linesById.get(result.values.enterprise_id!)!;
    if (lines.length > 1) {
      const others = lines.filter((l) => l !== result.line).join(', ');
      refused.push({ ok: false, line: result.line, problems: [`names the same enterprise as line ${others} (same 企业名称); keep one row per enterprise`] });
    } else written.push(result);
  }

  writeFileAtomic(out, enterprisesCsv(written.map((r) => r.values)));
  return {
    form: options.form,
    out: options.out,
    encoding,
    delimiter: table.delimiter,
    sheet,
    titleLines: table.titleLines,
    headerLine: table.headerLine,
    ignoredColumns: table.ignoredColumns,
    blankLines: table.blankLines,
    totalLines: table.totalLines,
    rowsRead: table.rows.length,
    rowsWritten: written.length,
    refused: refused.sort((a, b) => a.line - b.line),
    monthOnlyLines: written.filter((r) => r.monthOnlyDate).map((r) => r.line),
    otherReasons: written.flatMap((r) => (r.otherReason === undefined ? [] : [{ line: r.line, text: r.otherReason }])),
    ownershipNotes: written.flatMap((r) => (r.ownershipNote === undefined ? [] : [{ line: r.line, ...r.ownershipNote }])),
    salt: { path: salt.path, created: salt.created, readableByOthers: salt.readableByOthers },
  };
}

/**
 * The form in a workbook: the sheet named `wanted`, or else the only sheet whose rows hold
 * the form's header. A FormError names the sheets when none or several hold a form.
 */
async function readWorkbookForm(bytes: Uint8Array, file: string, wanted: string | undefined): Promise<{ table: FormTable; sheet: string }> {
  let sheets;
  try {
    sheets = await readWorkbook(bytes);
  } catch (error) {
    if (error instanceof WorkbookError) throw new FormError(file, error.message);
    throw error;
  }
  const names = sheets.map((s) => `"${s.name}"`).join(', ');
  const tableOf = (sheet: (typeof sheets)[number]) => formTable(sheet.rows.map((cells, i) => ({ line: i + 1, cells })), `${file}, sheet "${sheet.name}"`, null);
  if (wanted !== undefined) {
    const sheet = sheets.find((s) => s.name === wanted);
    if (sheet === undefined) throw new FormError('--sheet', `${file} has no sheet "${wanted}"; its sheets are ${names}`);
    const table = tableOf(sheet);
    if (table === undefined) throw new FormError(`${file}, sheet "${wanted}"`, 'no header row found: a row naming 企业名称 and at least three other columns of the registration form');
    return { table, sheet: sheet.name };
  }
  const forms = sheets.flatMap((sheet) => {
    const table = tableOf(sheet);
    return table === undefined ? [] : [{ table, sheet: sheet.name }];
  });
  if (forms.length === 1) return forms[0]!;
  if (forms.length === 0) throw new FormError(file, `no sheet holds the registration form's header row (a row naming 企业名称 and at least three other columns of the form); its sheets are ${names}`);
  throw new FormError(file, `several sheets hold a registration form (${forms.map((f) => `"${f.sheet}"`).join(', ')}); import them one at a time with --sheet`);
}
