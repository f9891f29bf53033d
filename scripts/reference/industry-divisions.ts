import { join } from 'node:path';
import { contract } from '../../src/lib/contract/contract.ts';
import { readReferenceTable, ReferenceTableError, type ReferenceProblem } from './reference-table.ts';

/** The file's path. */
export const INDUSTRY_DIVISIONS_PATH = join(process.cwd(), 'data', 'reference', 'industry-divisions.csv');

let cached: ReadonlyMap<string, string> | undefined;

/**
 * The section (A–T) of each GB/T 4754-2017 division code (`01` … `97`), from
 * data/reference/industry-divisions.csv: ranges that must be ascending, without overlap, of
 * two-digit codes, each to a section of the contract. Every problem is collected first.
 */
export function industryDivisions(path: string = INDUSTRY_DIVISIONS_PATH): ReadonlyMap<string, string> {
  if (path === INDUSTRY_DIVISIONS_PATH && cached !== undefined) return cached;
  const rows = readReferenceTable(path, ['from', 'to', 'section']);
  const file = 'reference/industry-divisions.csv';
  const sections = new Set(contract.enums.industry!.values.map((v) => v.code));
  const problems: ReferenceProblem[] = [];
  const divisions = new Map<string, string>();
  let last = 0;
  for (const { line, cells } of rows) {
    const problem = (column: string, message: string) => problems.push({ file, line, column, message });
    const ok = (column: 'from' | 'to') => /^[0-9]{2}$/.test(cells[column]!) || (problem(column, `"${cells[column]!}" is not a two-digit division code`), false);
    if (!sections.has(cells.section!) || cells.section === 'unknown') problem('section', `"${cells.section!}" is not a section of the contract (A–T)`);
    if (!ok('from') || !ok('to')) continue;
    const from = Number(cells.from);
    const to = Number(cells.to);
    if (to < from) problem('to', `${cells.to!} is below ${cells.from!}`);
    if (from <= last) problem('from', `${cells.from!} overlaps or comes before the range above`);
    last = Math.max(last, to);
    for (let d = from; d <= to; d += 1) divisions.set(String(d).padStart(2, '0'), cells.section!);
  }
  if (problems.length > 0) throw new ReferenceTableError(problems);
  if (path === INDUSTRY_DIVISIONS_PATH) cached = divisions;
  return divisions;
}
