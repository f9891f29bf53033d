/**
 * Registration forms as counties send them (test/fixtures/forms): each imports as its
 * expected.json says, and every row is written with the ownership category that
 * data/reference/registration-types.csv gives the registration type on it — by name, code or
 * the usual variants — so that a form with any of the national type names imports whole.
 */
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { parse } from 'csv-parse/sync';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runImport, type ImportResult } from '../../scripts/form/run-import.ts';
import { readWorkbook } from '../../scripts/text/read-workbook.ts';
import { rowsOf } from '../helpers/csv-rows.ts';
import { tempDir } from '../helpers/temp-dir.ts';

const forms = 'test/fixtures/forms';
const cases = readdirSync(forms, { withFileTypes: true }).filter((d) => d.isDirectory()).map((d) => d.name).sort();

interface Expected {
  region: string;
  period: string;
  encoding: string;
  parts: ImportResult['parts'];
  rowsRead: number;
  rowsWritten: number;
  refused: { sheet: string | null; line: number }[];
  repeated: ImportResult['repeated'];
  ownershipNotes: number;
}

/** The reference table's types, by the name as written and by 2011 code. */
function referenceCategories(): { byCode: Map<string, string>; byName: Map<string, string> } {
  const lines = readFileSync('data/reference/registration-types.csv', 'utf8').trim().split('\n').slice(1);
  const byCode = new Map<string, string>();
  const byName = new Map<string, string>();
  for (const line of lines) {
    const [scheme, code, name, ownership] = line.match(/^([^,]*),([^,]*),([^,]*),([^,]*)/)!.slice(1, 5) as [string, string, string, string];
    if (ownership === '') continue;
    if (scheme === '2011') byCode.set(code, ownership);
    byName.set(plain(name), ownership);
  }
  return { byCode, byName };
}

/** A type name with the variants offices write taken out (written here, apart from the importer's own matching). */
function plain(name: string): string {
  return name.normalize('NFKC').replace(/港、澳、台/g, '港澳台').replace(/[()\s]/g, '').replace(/(企业|公司)$/, '');
}

/** The 企业所有制性质 cell of every data row (a row with a 序号 number), in order. */
async function typeCells(path: string): Promise<string[]> {
  const sheets = path.endsWith('.xlsx')
    ? (await readWorkbook(readFileSync(path))).map((s) => s.rows)
    : [parse(new TextDecoder('gb18030').decode(readFileSync(path)), { relax_column_count: true }) as string[][]];
  return sheets.flatMap((rows) => rows.filter((r) => /^\d+$/.test(String(r[0] ?? '').trim())).map((r) => String(r[2])));
}

describe('registration forms as counties send them', () => {
  it.each(cases)('%s', async (name) => {
    const dir = join(forms, name);
    const expected = JSON.parse(readFileSync(join(dir, 'expected.json'), 'utf8')) as Expected;
    const form = join(dir, readdirSync(dir).find((f) => f.startsWith('form.'))!);
    const work = await tempDir('uct-forms-');
    const saltFile = join(work, 'salt');
    writeFileSync(saltFile, 'a-test-salt-that-is-long-enough-0123456789\n', { mode: 0o600 });
    const out = join(work, 'enterprises.csv');
    const result = await runImport({ form, region: expected.region, period: expected.period, out, saltFile });

    expect(result.encoding).toBe(expected.encoding);
    expect(result.parts).toEqual(expected.parts);
    expect({ read: result.rowsRead, written: result.rowsWritten }).toEqual({ read: expected.rowsRead, written: expected.rowsWritten });
    expect(result.refused.map((r) => ({ sheet: r.sheet, line: r.line }))).toEqual(expected.refused);
    expect(result.repeated).toEqual(expected.repeated);
    expect(result.ownershipNotes).toHaveLength(expected.ownershipNotes);
    for (const part of result.parts) expect(part.rowsRead, `rows read = written + refused + repeated (${String(part.sheet)})`).toBe(part.rowsWritten + part.rowsRefused + part.rowsRepeated);

    // Every written row has the category of the type on its form row (repeated rows written once).
    const { byCode, byName } = referenceCategories();
    const category = (cell: string) => {
      const code = /^(\d{3})\b/.exec(cell.trim())?.[1];
      return code === undefined ? byName.get(plain(cell)) : byCode.get(code);
    };
    const repeatedAt = new Set(result.repeated.map((r) => `${String(r.at.sheet)}:${String(r.at.line)}`));
    const cells = await typeCells(form);
    expect(cells).toHaveLength(result.rowsRead);
    const wanted = cells.map(category);
    expect(wanted.every((c) => c !== undefined), 'every type on the form is in the reference table').toBe(true);
    const written = rowsOf(readFileSync(out, 'utf8')).map((r) => r.ownership);
    expect(written).toEqual(wanted.filter((_, i) => !repeatedAt.has(placeOf(result, i))));
  });
});

/** The sheet and line of the i-th data row across the parts, as ImportResult places rows. */
function placeOf(result: ImportResult, index: number): string {
  let i = index;
  for (const part of result.parts) {
    if (i < part.rowsRead) return `${String(part.sheet)}:${String(part.headerLine + 1 + i)}`;
    i -= part.rowsRead;
  }
  return '';
}
