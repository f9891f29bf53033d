import type { TableDefinition } from '../../src/lib/contract/definitions.ts';
import { InputError } from './input-error.ts';

/**
 * Maps the header cells of a file to the contract's column names. A header cell may be the
 * column name in any case or its Chinese label (会员人数). Collects every problem — unknown,
 * repeated and missing columns — into one InputError that says what to fix.
 */
export function mapHeader(table: TableDefinition, header: readonly string[]): string[] {
  const byWord = new Map<string, string>();
  for (const column of table.columns) {
    byWord.set(column.name.toLowerCase(), column.name);
    byWord.set(column.zh, column.name);
  }
  const mapped: string[] = [];
  const unknown: string[] = [];
  const repeated: string[] = [];
  for (const cell of header) {
    const name = byWord.get(cell.toLowerCase()) ?? byWord.get(cell);
    if (name === undefined) unknown.push(cell === '' ? '(empty header cell)' : `"${cell}"`);
    else if (mapped.includes(name)) repeated.push(name);
    else mapped.push(name);
  }
  const missing = table.columns.filter((c) => c.required && !mapped.includes(c.name));
  const problems: string[] = [];
  if (missing.length > 0) {
    problems.push(`missing required column${missing.length > 1 ? 's' : ''} ${missing.map((c) => `${c.name} (${c.zh})`).join(', ')}`);
  }
  if (unknown.length > 0) {
    problems.push(`unknown column${unknown.length > 1 ? 's' : ''} ${unknown.join(', ')} (expected: ${table.columns.map((c) => c.name).join(', ')})`);
  }
  if (repeated.length > 0) problems.push(`column${repeated.length > 1 ? 's' : ''} ${repeated.join(', ')} given twice`);
  if (problems.length > 0) throw new InputError(table.file, `${problems.join('; ')}; fix the header row (line 1)`);
  return mapped;
}
