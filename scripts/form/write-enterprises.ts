import { randomBytes } from 'node:crypto';
import { mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { tableForFile } from '../../src/lib/contract/contract.ts';
import { csvField } from '../../src/lib/csv-field.ts';

/** The columns of enterprises.csv in the contract's order (data/schemas/enterprises.json). */
export function enterpriseColumns(): string[] {
  const table = tableForFile('enterprises.csv');
  if (table === undefined) throw new Error('the contract defines no enterprises.csv');
  return table.columns.map((c) => c.name);
}

/**
 * The text of an enterprises.csv: UTF-8 without byte-order mark, the header row, one line per
 * row in the contract's column order (a column a row does not give is empty), LF line ends.
 */
export function enterprisesCsv(rows: readonly Readonly<Record<string, string>>[], columns: readonly string[] = enterpriseColumns()): string {
  const lines = [columns.map(csvField).join(',')];
  for (const row of rows) lines.push(columns.map((c) => csvField(row[c] ?? '')).join(','));
  return `${lines.join('\n')}\n`;
}

/**
 * Writes `text` to `path` atomically: to a temporary file beside it, then renamed into place,
 * so a reader sees the old file or the whole new one, never a part.
 */
export function writeFileAtomic(path: string, text: string): void {
  mkdirSync(dirname(path), { recursive: true });
  const temp = join(dirname(path), `.${basename(path)}.${randomBytes(6).toString('hex')}.tmp`);
  try {
    writeFileSync(temp, text, { encoding: 'utf8', flag: 'wx' });
    renameSync(temp, path);
  } catch (error) {
    rmSync(temp, { force: true });
    throw error;
  }
}
