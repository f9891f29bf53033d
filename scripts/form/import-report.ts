import { COLUMNS_FROM_FORM } from './convert-row.ts';
import type { ImportResult } from './run-import.ts';
import { enterpriseColumns } from './write-enterprises.ts';

/** How many lines a list shows before "…". */
const MAX_LISTED = 50;

/**
 * The report printed after an import: encoding, rows skipped, read, written and refused (each
 * refused row by line number with what to fix), dates read as the first of a month, and reason
 * texts written as `other`. It quotes no enterprise name, address or chair name.
 */
export function formatReport(result: ImportResult): string {
  const lines: string[] = [];
  if (result.salt.created) {
    lines.push(`import-form: created a new salt at ${result.salt.path} (mode 0600); keep this file and use it for every import, or the same enterprise gets a different enterprise_id next quarter`);
  } else if (result.salt.readableByOthers) {
    lines.push(`import-form: warning: the salt ${result.salt.path} can be read by other users; run chmod 600 on it`);
  }
  lines.push(`import-form: ${result.form} → ${result.out}`);
  if (result.sheet !== null) lines.push(`  workbook sheet "${result.sheet}"; lines are the sheet's row numbers, as Excel shows them`);
  else lines.push(`  encoding: ${result.encoding}, cells separated by ${result.delimiter === ',' ? 'commas' : 'tabs'}`);
  lines.push(`  title rows skipped: ${result.titleLines.length}${result.titleLines.length > 0 ? ` (${lineList(result.titleLines)})` : ''}; header row: line ${result.headerLine}`);
  if (result.ignoredColumns.length > 0) lines.push(`  columns not on the form, ignored: ${result.ignoredColumns.join(', ')}`);
  if (result.blankLines.length > 0) lines.push(`  rows without enterprise data skipped: ${result.blankLines.length} (${lineList(result.blankLines)})`);
  if (result.totalLines.length > 0) lines.push(`  合计/小计 rows skipped: ${result.totalLines.length} (${lineList(result.totalLines)})`);
  lines.push(`  rows read: ${result.rowsRead}`);
  lines.push(`  rows written: ${result.rowsWritten}`);
  lines.push(`  rows refused: ${result.refused.length}`);
  for (const row of result.refused.slice(0, MAX_LISTED)) lines.push(`    line ${row.line}: ${row.problems.join('; ')}`);
  if (result.refused.length > MAX_LISTED) lines.push(`    … and ${result.refused.length - MAX_LISTED} more`);
  if (result.monthOnlyLines.length > 0) {
    lines.push(`  建会时间 given as year and month, written as the 1st of the month: ${result.monthOnlyLines.length} (${lineList(result.monthOnlyLines)})`);
  }
  if (result.ownershipNotes.length > 0) {
    lines.push(`  企业所有制性质 given as a registration type that does not say its owners: ${result.ownershipNotes.length}; fix the form where the owners are known`);
    const byWord = new Map<string, { code: string; note: string; lines: number[] }>();
    for (const n of result.ownershipNotes) {
      const group = byWord.get(n.word) ?? { code: n.code, note: n.note, lines: [] };
      group.lines.push(n.line);
      byWord.set(n.word, group);
    }
    for (const [word, group] of byWord) lines.push(`    ${word} → ${group.code}: ${group.note} (${lineList(group.lines)})`);
  }
  lines.push(`  未建会原因 matching no reason, written as other: ${result.otherReasons.length}`);
  for (const reason of result.otherReasons.slice(0, MAX_LISTED)) lines.push(`    line ${reason.line}: "${reason.text}"`);
  if (result.otherReasons.length > MAX_LISTED) lines.push(`    … and ${result.otherReasons.length - MAX_LISTED} more`);
  lines.push(`  not on the form, written empty: ${enterpriseColumns().filter((c) => !COLUMNS_FROM_FORM.includes(c)).join(', ')}`);
  lines.push('  企业名称, 企业地址 and 工会主席姓名 were dropped; enterprise_id is derived from the name with the salt');
  return lines.join('\n');
}

function lineList(lines: readonly number[]): string {
  const shown = lines.slice(0, MAX_LISTED).join(', ');
  return `line${lines.length > 1 ? 's' : ''} ${shown}${lines.length > MAX_LISTED ? ', …' : ''}`;
}
