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
  /** The workbook's sheet holding the form (default: every sheet that holds one). */
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

/** Where a row of the form is: a workbook's sheet (null for a text file) and its line, or the sheet's row as Excel numbers it. */
export interface RowPlace {
  readonly sheet: string | null;
  readonly line: number;
}

/** What one form (a text file, or one sheet of a workbook) held. Rows read = written + refused + repeated. */
export interface FormPartResult {
  /** The workbook's sheet (null for a text file). */
  readonly sheet: string | null;
  readonly titleLines: readonly number[];
  /** The header row that names every column, and all the header's rows (two when merged cells span rows). */
  readonly headerLine: number;
  readonly headerLines: readonly number[];
  readonly ignoredColumns: readonly string[];
  readonly blankLines: readonly number[];
  readonly totalLines: readonly number[];
  /** Data rows below the header (blank, note and total rows excluded). */
  readonly rowsRead: number;
  readonly rowsWritten: number;
  readonly rowsRefused: number;
  /** Rows the same in every value as a row of an earlier sheet (an enterprise on both 附件2 and 附件3), written once there. */
  readonly rowsRepeated: number;
}

/** What one import did: counts and line numbers only, never a name, address or chair name. */
export interface ImportResult {
  readonly form: string;
  readonly out: string;
  /** How the file was read: a text encoding, or `xlsx` for a workbook. */
  readonly encoding: FormEncoding | 'xlsx';
  readonly delimiter: FormDelimiter;
  /** Each form read: the text file, or every sheet of the workbook that holds one, in order. */
  readonly parts: readonly FormPartResult[];
  /** Data rows of all parts = written + refused + repeated. */
  readonly rowsRead: number;
  readonly rowsWritten: number;
  readonly refused: readonly (RefusedRow & { readonly sheet: string | null })[];
  /** Rows of a later sheet the same as a row already written, and where that row is. */
  readonly repeated: readonly { readonly at: RowPlace; readonly same: RowPlace }[];
  /** Rows whose 建会时间 gave only a year and month, written as the first of the month. */
  readonly monthOnly: readonly RowPlace[];
  /** 未建会原因 texts that matched no reason and were written as `other`. */
  readonly otherReasons: readonly (RowPlace & { readonly text: string })[];
  /** Rows whose 企业所有制性质 is a registration type that does not say its owners, and the category each was counted in. */
  readonly ownershipNotes: readonly (RowPlace & { readonly word: string; readonly code: string; readonly note: string })[];
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
  let forms: { table: FormTable; sheet: string | null }[];
  if (isWorkbook(bytes)) {
    forms = await readWorkbookForms(bytes, options.form, options.sheet);
    encoding = 'xlsx';
  } else {
    if (options.sheet !== undefined) throw new FormError('--sheet', `${options.form} is not a workbook (.xlsx); --sheet is for workbooks`);
    const decoded = decodeForm(bytes, options.form);
    forms = [{ table: readForm(decoded.text, options.form), sheet: null }];
    encoding = decoded.encoding;
  }
  const salt = loadOrCreateSalt(options.saltFile, repoRoot);

  const secrets = forms.flatMap(({ table }) => table.rows.flatMap((r) => [r.cells.name ?? '', r.cells.address ?? '', r.cells.chair ?? '']));
  const context = { period, regionCode: region.code, salt: salt.value, safe: redactor(secrets) };
  const results = forms.flatMap(({ table, sheet }, part) => table.rows.map((row) => ({ part, sheet, result: convertRow(row, context) })));
  const several = forms.length > 1;
  const place = (r: { sheet: string | null; result: { line: number } }) => (several ? `sheet "${r.sheet!}" row ${r.result.line}` : `line ${r.result.line}`);

  // An enterprise named on several rows: refused, unless each other row is on another sheet and
  // the same in every value (the enterprise is on both 附件2 and 附件3), then written once.
  const byId = new Map<string, (typeof results)[number][]>();
  for (const r of results) {
    const id = r.result.ok ? r.result.values.enterprise_id : undefined;
    if (id !== undefined) byId.set(id, [...(byId.get(id) ?? []), r]);
  }
  const sameValues = (a: ConvertedRow, b: ConvertedRow) => JSON.stringify(a.values) === JSON.stringify(b.values);
  const written: (typeof results)[number][] = [];
  const refused: ImportResult['refused'][number][] = [];
  const repeated: ImportResult['repeated'][number][] = [];
  const outcome = forms.map(() => ({ written: 0, refused: 0, repeated: 0 }));
  for (const r of results) {
    const { result } = r;
    if (!result.ok) {
      refused.push({ ...result, sheet: r.sheet });
      outcome[r.part]!.refused += 1;
      continue;
    }
    const rows = byId.get(result.values.enterprise_id!)!;
    const first = rows[0]!;
    const agree = new Set(rows.map((o) => o.part)).size === rows.length && rows.every((o) => o.result.ok && sameValues(o.result, result));
    if (rows.length > 1 && !agree) {
      const others = rows.filter((o) => o !== r).map((o) => (several ? place(o) : String(o.result.line))).join(', ');
      refused.push({ ok: false, line: result.line, sheet: r.sheet, problems: [`names the same enterprise as ${several ? '' : 'line '}${others} (same 企业名称); keep one row per enterprise`] });
      outcome[r.part]!.refused += 1;
    } else if (first !== r) {
      repeated.push({ at: { sheet: r.sheet, line: result.line }, same: { sheet: first.sheet, line: first.result.line } });
      outcome[r.part]!.repeated += 1;
    } else {
      written.push(r);
      outcome[r.part]!.written += 1;
    }
  }
  const converted = written.map((r) => ({ sheet: r.sheet, row: r.result as ConvertedRow }));

  writeFileAtomic(out, enterprisesCsv(converted.map((r) => r.row.values)));
  return {
    form: options.form,
    out: options.out,
    encoding,
    delimiter: forms[0]!.table.delimiter,
    parts: forms.map(({ table, sheet }, i) => ({
      sheet,
      titleLines: table.titleLines,
      headerLine: table.headerLine,
      headerLines: table.headerLines,
      ignoredColumns: table.ignoredColumns,
      blankLines: table.blankLines,
      totalLines: table.totalLines,
      rowsRead: table.rows.length,
      rowsWritten: outcome[i]!.written,
      rowsRefused: outcome[i]!.refused,
      rowsRepeated: outcome[i]!.repeated,
    })),
    rowsRead: results.length,
    rowsWritten: written.length,
    refused,
    repeated,
    monthOnly: converted.filter((r) => r.row.monthOnlyDate).map((r) => ({ sheet: r.sheet, line: r.row.line })),
    otherReasons: converted.flatMap((r) => (r.row.otherReason === undefined ? [] : [{ sheet: r.sheet, line: r.row.line, text: r.row.otherReason }])),
    ownershipNotes: converted.flatMap((r) => (r.row.ownershipNote === undefined ? [] : [{ sheet: r.sheet, line: r.row.line, ...r.row.ownershipNote }])),
    salt: { path: salt.path, created: salt.created, readableByOthers: salt.readableByOthers },
  };
}

/**
 * The forms in a workbook: the sheet named `wanted`, or else every sheet whose rows hold the
 * form's header (a county's 附件2 and 附件3, or one sheet per township), in workbook order. A
 * FormError names the sheets when none does.
 */
async function readWorkbookForms(bytes: Uint8Array, file: string, wanted: string | undefined): Promise<{ table: FormTable; sheet: string }[]> {
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
    return [{ table, sheet: sheet.name }];
  }
  const forms = sheets.flatMap((sheet) => {
    const table = tableOf(sheet);
    return table === undefined ? [] : [{ table, sheet: sheet.name }];
  });
  if (forms.length === 0) throw new FormError(file, `no sheet holds the registration form's header row (a row naming 企业名称 and at least three other columns of the form); its sheets are ${names}`);
  return forms;
}
