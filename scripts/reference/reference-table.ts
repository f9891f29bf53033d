import { readFileSync } from 'node:fs';
import { parseCsv } from '../../src/lib/explorer/csv.ts';

/** A problem in a reference table: where it is, and what is wrong. */
export interface ReferenceProblem {
  readonly file: string;
  readonly line: number;
  readonly column: string;
  readonly message: string;
}

/** Thrown when a reference table does not load: every problem found, each with its place. */
export class ReferenceTableError extends Error {
  readonly problems: readonly ReferenceProblem[];
  constructor(problems: readonly ReferenceProblem[]) {
    super(problems.map((p) => `${p.file}:${String(p.line)}: column ${p.column}: ${p.message}`).join('\n'));
    this.name = 'ReferenceTableError';
    this.problems = problems;
  }
}

/**
 * The rows of a reference CSV under data/reference/ as records by column name, with the
 * line each came from; throws a {@link ReferenceTableError} when the header is not exactly
 * `columns` or a row has another number of cells.
 */
export function readReferenceTable(path: string, columns: readonly string[]): { line: number; cells: Record<string, string> }[] {
  const file = path.split(/[\\/]/).slice(-2).join('/');
  const [header, ...rows] = parseCsv(readFileSync(path, 'utf8')).filter((r) => r.some((c) => c !== ''));
  if (header === undefined || header.join(',') !== columns.join(',')) {
    throw new ReferenceTableError([{ file, line: 1, column: '-', message: `the header must be ${columns.join(',')}, not ${header?.join(',') ?? '(empty)'}` }]);
  }
  const problems: ReferenceProblem[] = [];
  const out = rows.map((row, i) => {
    if (row.length !== columns.length) problems.push({ file, line: i + 2, column: '-', message: `${String(row.length)} cells, not ${String(columns.length)}` });
    return { line: i + 2, cells: Object.fromEntries(columns.map((c, j) => [c, (row[j] ?? '').trim()])) };
  });
  if (problems.length > 0) throw new ReferenceTableError(problems);
  return out;
}
