import { isBlankValue } from './cell-text.ts';
import { enterpriseId } from './enterprise-id.ts';
import { enumEntry, enumWords } from './enum-word.ts';
import { parseCount } from './form-count.ts';
import { parseFormDate } from './form-date.ts';
import type { FormRow } from './read-form.ts';
import { mapNoUnionReason } from './no-union-reason.ts';
import { unionFormOf } from './union-answer.ts';

/** The enterprises.csv columns a form gives; the others are written empty. */
export const COLUMNS_FROM_FORM: readonly string[] = [
  'period', 'enterprise_id', 'region_code', 'ownership', 'status', 'employees', 'union_form', 'union_founded_on', 'members', 'no_union_reason',
];

/** What every row of one import shares. */
export interface ConvertContext {
  readonly period: string;
  readonly regionCode: string;
  readonly salt: string;
  /** Makes a cell value safe to quote (see redactor). */
  readonly safe: (value: string) => string;
}

/** A form row converted to an enterprises.csv row (columns the form does not have are absent). */
export interface ConvertedRow {
  readonly ok: true;
  readonly line: number;
  readonly values: Readonly<Record<string, string>>;
  /** 建会时间 gave only a year and month and was written as the first of the month. */
  readonly monthOnlyDate: boolean;
  /** 未建会原因 text that matched no reason and was written as `other` (already made safe). */
  readonly otherReason: string | undefined;
  /**
   * 企业所有制性质 written as a registration type that does not say its owners (有限责任公司
   * …): the type, and the note of data/reference/registration-types.csv on the category it is
   * counted in.
   */
  readonly ownershipNote: { readonly word: string; readonly code: string; readonly note: string } | undefined;
}

/** A form row that cannot be converted, with every reason (no names, addresses or chair names). */
export interface RefusedRow {
  readonly ok: false;
  readonly line: number;
  readonly problems: readonly string[];
}

/**
 * Converts one data row of the form to the enterprises.csv contract: the enterprise name
 * becomes a salted pseudonymous id and is dropped, as are the address and chair name; the
 * Chinese words of 企业所有制性质 and 经营状况 are mapped with the contract's enumerations (a
 * word that matches none refuses the row); 是否建会 gives union_form (`unspecified` or
 * `none`); 会员人数 is 0 when there is no union and it is left empty; 未建会原因 is mapped to a
 * reason code. Problems are collected, so one pass shows everything wrong with the row.
 */
export function convertRow(row: FormRow, context: ConvertContext): ConvertedRow | RefusedRow {
  const { cells } = row;
  const problems: string[] = [];
  const quote = (value: string) => `"${context.safe(value)}"`;
  const values: Record<string, string> = { period: context.period, region_code: context.regionCode };

  const name = cells.name ?? '';
  if (name === '') problems.push('企业名称 is empty; the enterprise id is made from it');
  else values.enterprise_id = enterpriseId(context.salt, name);

  let ownershipNote: ConvertedRow['ownershipNote'];
  for (const [field, column, label, more] of [
    ['ownership', 'ownership', '企业所有制性质', 'a registration type of data/reference/registration-types.csv, or their other words in data/README.md'],
    ['status', 'status', '经营状况', 'their other words in data/README.md'],
  ] as const) {
    const cell = cells[field] ?? '';
    const entry = enumEntry(column, cell);
    if (cell === '') problems.push(`${label} is empty; write one of ${enumWords(column)}`);
    else if (entry === undefined) problems.push(`${label} ${quote(cell)} is none of ${enumWords(column)} (or ${more}); write one of them`);
    else {
      values[column] = entry.code;
      if (column === 'ownership' && entry.note !== null) ownershipNote = { word: entry.word, code: entry.code, note: entry.note };
    }
  }

  const employees = cells.employees ?? '';
  if (isBlankValue(employees)) problems.push('职工人数 is empty');
  else {
    const count = parseCount(employees);
    if (count.ok) values.employees = String(count.value);
    else problems.push(`职工人数 ${quote(employees)} ${count.problem}; write a whole number of persons`);
  }

  const answer = cells.has_union ?? '';
  const unionForm = unionFormOf(answer);
  if (answer === '') problems.push('是否建会 is empty; write 是 or 否');
  else if (unionForm === undefined) problems.push(`是否建会 ${quote(answer)} is neither 是 nor 否`);
  else values.union_form = unionForm;
  const hasUnion = unionForm !== undefined && unionForm !== 'none';

  let monthOnlyDate = false;
  const founded = cells.union_founded_on ?? '';
  if (isBlankValue(founded)) {
    if (hasUnion) problems.push('建会时间 is empty but 是否建会 says there is a union; give the date the union was founded');
  } else {
    const date = parseFormDate(founded);
    if (date.ok) {
      values.union_founded_on = date.iso;
      monthOnlyDate = date.monthOnly;
    } else problems.push(`建会时间 ${quote(founded)} ${date.problem}`);
  }

  const members = cells.members ?? '';
  if (isBlankValue(members)) {
    if (hasUnion) problems.push('会员人数 is empty but 是否建会 says there is a union; write the number of members');
    else values.members = '0';
  } else {
    const count = parseCount(members);
    if (count.ok) values.members = String(count.value);
    else problems.push(`会员人数 ${quote(members)} ${count.problem}; write a whole number of persons`);
  }

  const reasonText = cells.no_union_reason ?? '';
  let otherReason: string | undefined;
  if (!isBlankValue(reasonText)) {
    const reason = mapNoUnionReason(reasonText);
    if (reason.code !== undefined) values.no_union_reason = reason.code;
    if (!reason.matched) otherReason = context.safe(reasonText);
  }

  if (problems.length > 0) return { ok: false, line: row.line, problems };
  return { ok: true, line: row.line, values, monthOnlyDate, otherReason, ownershipNote };
}
