import type { TableDefinition } from '../../src/lib/contract/definitions.ts';
import { InputError } from './input-error.ts';

/** Header cells that number the rows (序号) and are not loaded. */
const ROW_NUMBER = new Set(['序号', 'no', 'no.', '#']);

/** Headers that name a column identifying a person or an enterprise, in Chinese or English. */
const IDENTIFYING = /名称|姓名|名字|地址|住址|电话|手机|联系方式|联系人|身份证|证件|邮箱|微信|^name$|_name$|name_|address|phone|mobile|^tel|email|wechat|id_?card|passport|contact/i;

/** Staged name of a column that is read but not loaded. */
export const IGNORED_PREFIX = '__ignored_';

/** A header cell as compared: NFKC, without spaces or line breaks (Excel wraps long headers). */
function normalize(cell: string): string {
  return cell.normalize('NFKC').replace(/\s+/g, '');
}

function lookup(table: TableDefinition): Map<string, string> {
  const byWord = new Map<string, string>();
  for (const column of table.columns) {
    byWord.set(column.name.toLowerCase(), column.name);
    byWord.set(normalize(column.zh), column.name);
  }
  return byWord;
}

/**
 * Tells a header row from a title row above it: at least two cells, and at least half of the
 * non-empty cells, are column names or Chinese headers of the file (or a row-number or
 * identifying column, which the header check then handles).
 */
export function isHeader(table: TableDefinition): (cells: readonly string[]) => boolean {
  const byWord = lookup(table);
  return (cells) => {
    const filled = cells.map(normalize).filter((c) => c !== '');
    const known = filled.filter((c) => byWord.has(c.toLowerCase()) || byWord.has(c) || ROW_NUMBER.has(c.toLowerCase()) || IDENTIFYING.test(c));
    return known.length >= 2 && known.length * 2 >= filled.length;
  };
}

/**
 * Maps the header cells of a file to the contract's column names. A header cell may be the
 * column name in any case or its Chinese label (会员人数), with spaces or line breaks inside.
 * A 序号 column is read but not loaded. Collects every problem — identifying, unknown,
 * repeated and missing columns — into one InputError that says what to fix, naming `source`
 * (the file as sent: `enterprises.csv`, or a workbook's sheet).
 */
export function mapHeader(table: TableDefinition, header: readonly string[], source: string = table.file): string[] {
  const byWord = lookup(table);
  const mapped: string[] = [];
  const identifying: string[] = [];
  const unknown: string[] = [];
  const repeated: string[] = [];
  header.forEach((raw, i) => {
    const cell = normalize(raw);
    const name = byWord.get(cell.toLowerCase()) ?? byWord.get(cell);
    if (ROW_NUMBER.has(cell.toLowerCase())) mapped.push(`${IGNORED_PREFIX}${i}`);
    else if (name === undefined && IDENTIFYING.test(cell)) identifying.push(`"${raw}"`);
    else if (name === undefined) unknown.push(cell === '' ? '(empty header cell)' : `"${raw}"`);
    else if (mapped.includes(name)) repeated.push(name);
    else mapped.push(name);
  });
  const missing = table.columns.filter((c) => c.required && !mapped.includes(c.name));
  const problems: string[] = [];
  if (identifying.length > 0) {
    problems.push(
      `column${identifying.length > 1 ? 's' : ''} ${identifying.join(', ')} identif${identifying.length > 1 ? 'y' : 'ies'} a person or an enterprise and ${identifying.length > 1 ? 'are' : 'is'} never loaded: delete ${identifying.length > 1 ? 'them' : 'it'} (use a pseudonymous id, see npm run import-form)`,
    );
  }
  if (missing.length > 0) {
    problems.push(`missing required column${missing.length > 1 ? 's' : ''} ${missing.map((c) => `${c.name} (${c.zh})`).join(', ')}`);
  }
  if (unknown.length > 0) {
    problems.push(`unknown column${unknown.length > 1 ? 's' : ''} ${unknown.join(', ')} (expected: ${table.columns.map((c) => c.name).join(', ')})`);
  }
  if (repeated.length > 0) problems.push(`column${repeated.length > 1 ? 's' : ''} ${repeated.join(', ')} given twice`);
  if (problems.length > 0) throw new InputError(source, `${problems.join('; ')}; fix the header row`);
  return mapped;
}
