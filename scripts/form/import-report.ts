import { COLUMNS_FROM_FORM } from './convert-row.ts';
import type { ImportResult, RowPlace } from './run-import.ts';
import { enterpriseColumns } from './write-enterprises.ts';

/** How many lines a list shows before "…". */
const MAX_LISTED = 50;

/**
 * The report printed after an import: encoding, rows skipped, read, written and refused (each
 * refused row by line number with what to fix, by sheet and row when a workbook held several
 * forms), dates read as the first of a month, and reason texts written as `other`. It quotes
 * no enterprise name, address or chair name.
 */
export function formatReport(result: ImportResult): string {
  const lines: string[] = [];
  if (result.salt.created) {
    lines.push(`import-form: created a new salt at ${result.salt.path} (mode 0600); keep this file and use it for every import, or the same enterprise gets a different enterprise_id next quarter`);
  } else if (result.salt.readableByOthers) {
    lines.push(`import-form: warning: the salt ${result.salt.path} can be read by other users; run chmod 600 on it`);
  }
  lines.push(`import-form: ${result.form} → ${result.out}`);
  const several = result.parts.length > 1;
  /** A row's place: its line, or its sheet and row when the workbook held several forms. */
  const at = (p: RowPlace) => (several ? `sheet "${p.sheet!}" row ${p.line}` : `line ${p.line}`);
  const places = (list: readonly RowPlace[]) => (several ? listed(list.map(at)) : lineList(list.map((p) => p.line)));
  const first = result.parts[0]!;
  if (several) lines.push(`  workbook: ${result.parts.length} sheets hold a form; rows are numbered as Excel shows them on each sheet`);
  else if (first.sheet !== null) lines.push(`  workbook sheet "${first.sheet}"; lines are the sheet's row numbers, as Excel shows them`);
  else lines.push(`  encoding: ${result.encoding}, cells separated by ${result.delimiter === ',' ? 'commas' : 'tabs'}`);
  for (const part of result.parts) {
    const indent = several ? '    ' : '  ';
    if (several) lines.push(`  sheet "${part.sheet!}": rows read ${part.rowsRead}, written ${part.rowsWritten}, refused ${part.rowsRefused}, repeated from another sheet ${part.rowsRepeated}`);
    lines.push(`${indent}title rows skipped: ${part.titleLines.length}${part.titleLines.length > 0 ? ` (${lineList(part.titleLines)})` : ''}; ${part.headerLines.length > 1 ? `header rows: ${lineList(part.headerLines)}` : `header row: line ${part.headerLine}`}`);
    if (part.ignoredColumns.length > 0) lines.push(`${indent}columns not on the form, ignored: ${part.ignoredColumns.join(', ')}`);
    if (part.blankLines.length > 0) lines.push(`${indent}rows without enterprise data skipped: ${part.blankLines.length} (${lineList(part.blankLines)})`);
    if (part.totalLines.length > 0) lines.push(`${indent}合计/小计 rows skipped: ${part.totalLines.length} (${lineList(part.totalLines)})`);
  }
  lines.push(`  rows read: ${result.rowsRead}`);
  lines.push(`  rows written: ${result.rowsWritten}`);
  if (several) {
    lines.push(`  rows the same as a row of an earlier sheet, written once: ${result.repeated.length}`);
    for (const r of result.repeated.slice(0, MAX_LISTED)) lines.push(`    ${at(r.at)}: the same enterprise and values as ${at(r.same)}`);
    if (result.repeated.length > MAX_LISTED) lines.push(`    … and ${result.repeated.length - MAX_LISTED} more`);
  }
  lines.push(`  rows refused: ${result.refused.length}`);
  for (const row of result.refused.slice(0, MAX_LISTED)) lines.push(`    ${at(row)}: ${row.problems.join('; ')}`);
  if (result.refused.length > MAX_LISTED) lines.push(`    … and ${result.refused.length - MAX_LISTED} more`);
  if (result.monthOnly.length > 0) {
    lines.push(`  建会时间 given as year and month, written as the 1st of the month: ${result.monthOnly.length} (${places(result.monthOnly)})`);
  }
  if (result.ownershipNotes.length > 0) {
    lines.push(`  企业所有制性质 given as a registration type that does not say its owners: ${result.ownershipNotes.length}; fix the form where the owners are known`);
    const byWord = new Map<string, { code: string; note: string; rows: RowPlace[] }>();
    for (const n of result.ownershipNotes) {
      const group = byWord.get(n.word) ?? { code: n.code, note: n.note, rows: [] };
      group.rows.push(n);
      byWord.set(n.word, group);
    }
    for (const [word, group] of byWord) lines.push(`    ${word} → ${group.code}: ${group.note} (${places(group.rows)})`);
  }
  lines.push(`  未建会原因 matching no reason, written as other: ${result.otherReasons.length}`);
  for (const reason of result.otherReasons.slice(0, MAX_LISTED)) lines.push(`    ${at(reason)}: "${reason.text}"`);
  if (result.otherReasons.length > MAX_LISTED) lines.push(`    … and ${result.otherReasons.length - MAX_LISTED} more`);
  lines.push(`  not on the form, written empty: ${enterpriseColumns().filter((c) => !COLUMNS_FROM_FORM.includes(c)).join(', ')}`);
  lines.push('  企业名称, 企业地址 and 工会主席姓名 were dropped; enterprise_id is derived from the name with the salt');
  return lines.join('\n');
}

function listed(items: readonly string[]): string {
  return `${items.slice(0, MAX_LISTED).join(', ')}${items.length > MAX_LISTED ? ', …' : ''}`;
}

function lineList(lines: readonly number[]): string {
  const shown = lines.slice(0, MAX_LISTED).join(', ');
  return `line${lines.length > 1 ? 's' : ''} ${shown}${lines.length > MAX_LISTED ? ', …' : ''}`;
}
