import { str } from '../../src/lib/sql/quote.ts';

/**
 * One sheet of a workbook as it sits in the CSV the ingest reads: the sheet's rows below its
 * header are the CSV's lines `firstLine` … `firstLine + rows - 1`, in order.
 */
export interface SheetPart {
  readonly sheet: string;
  /** The sheet's row (as Excel numbers it) holding the header. */
  readonly headerRow: number;
  /** The sheet's rows above the header (a title, the reporting office), skipped. */
  readonly titleRows: readonly number[];
  /** The CSV line holding the sheet's row headerRow + 1. */
  readonly firstLine: number;
  /** Rows below the header, blank ones included. */
  readonly rows: number;
}

/** Where a line of the CSV came from: the sheet and its row as Excel shows it. */
export interface SheetRow {
  readonly sheet: string;
  readonly row: number;
}

/** The sheet and row of a CSV line below the header; undefined for a line no sheet wrote. */
export function locateLine(parts: readonly SheetPart[], line: number): SheetRow | undefined {
  const part = parts.find((p) => line >= p.firstLine && line < p.firstLine + p.rows);
  return part === undefined ? undefined : { sheet: part.sheet, row: part.headerRow + 1 + line - part.firstLine };
}

/** The index of the part holding a CSV line, or -1. */
export function partOfLine(parts: readonly SheetPart[], line: number): number {
  return parts.findIndex((p) => line >= p.firstLine && line < p.firstLine + p.rows);
}

/** SQL over an INTEGER line expression: the index of its part (partOfLine), the sheet's name and its row (locateLine). */
export function lineSql(parts: readonly SheetPart[], line: string): { part: string; sheet: string; row: string } {
  const branch = (p: SheetPart, value: string) => `WHEN ${line} BETWEEN ${p.firstLine} AND ${p.firstLine + p.rows - 1} THEN ${value}`;
  return {
    part: `CASE ${parts.map((p, i) => branch(p, String(i))).join(' ')} ELSE -1 END`,
    sheet: `CASE ${parts.map((p) => branch(p, str(p.sheet))).join(' ')} END`,
    row: `CASE ${parts.map((p) => branch(p, `${line} + ${p.headerRow + 1 - p.firstLine}`)).join(' ')} END`,
  };
}

/**
 * SQL turning a list of INTEGER lines into the words a message lists them with: `lines 3, 5`
 * for a CSV, `sheet "石家庄" row 3, sheet "唐山" row 5` for a workbook's sheets (in English),
 * `第 3、5 行` and `“石家庄”表第 3 行、“唐山”表第 5 行` (in Chinese).
 */
export function lineListSql(parts: readonly SheetPart[] | undefined, list: string): { en: string; zh: string } {
  if (parts === undefined) {
    return { en: `concat('lines ', array_to_string(${list}, ', '))`, zh: `concat('第 ', array_to_string(${list}, '、'), ' 行')` };
  }
  const { sheet, row } = lineSql(parts, 'x');
  return {
    en: `array_to_string(list_transform(${list}, x -> concat('sheet "', ${sheet}, '" row ', ${row})), ', ')`,
    zh: `array_to_string(list_transform(${list}, x -> concat('“', ${sheet}, '”表第 ', ${row}, ' 行')), '、')`,
  };
}
