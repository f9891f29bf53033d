/**
 * `npm run data` reads a contract file sent as an Excel workbook (`enterprises.xlsx`): the
 * sheet that holds the file's header, with the same rules, messages and accounting as a CSV,
 * every line number being the sheet's row number; and it refuses what it cannot read in words.
 * Workbooks are written by test/helpers/write-xlsx.ts.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runIngest } from '../../scripts/ingest/run-ingest.ts';
import { query } from '../helpers/query.ts';
import { tempDir } from '../helpers/temp-dir.ts';
import { xlsxBytes, type XlsxCell } from '../helpers/write-xlsx.ts';

const COLUMNS = ['period', 'enterprise_id', 'region_code', 'ownership', 'industry', 'status', 'founded_on', 'employees', 'migrant_workers', 'women_employees', 'union_form', 'union_founded_on', 'members', 'migrant_members', 'women_members', 'women_committee', 'fulltime_chair', 'no_union_reason', 'visited', 'policy_explained', 'plan_made'];
const row = (id: string, ownership: string, employees: XlsxCell = 120): XlsxCell[] => [
  { date: '2020-12-31' }, id, '640104', ownership, 'C', '正常经营', { date: '2010-05-01' }, employees, 60, 40, 'standalone', { date: '2015-03-01' }, 100, 50, 30, '是', '否', null, null, null, null,
];

async function submit(files: Record<string, Uint8Array | string>) {
  const dir = await tempDir('uct-ingest-xlsx-');
  const input = join(dir, 'in');
  await mkdir(input);
  for (const [name, bytes] of Object.entries(files)) await writeFile(join(input, name), bytes);
  return { dir, input, run: () => runIngest({ input, out: join(dir, 'out'), report: join(dir, 'reports'), db: join(dir, 'w.duckdb') }) };
}

describe('ingest of a workbook', () => {
  it('reads the sheet holding the rows, with the sheet’s row numbers in every message', async () => {
    const bytes = xlsxBytes([
      { name: '说明', rows: [['填表说明：每个企业一行。']] },
      {
        name: '企业',
        rows: [
          ['宁夏回族自治区非公企业建会情况（2020年12月31日）'],
          COLUMNS,
          row('E001', 'private'),
          row('E002', '中外合资经营企业', { formula: '100+20', value: 120 }),
          [],
          row('E003', '私营', 'many'),
          row('E004', '有限责任公司（台港澳法人独资）'),
        ],
        merges: ['A1:U1'],
      },
    ]);
    const { dir, run } = await submit({ 'enterprises.xlsx': bytes });
    const report = await run();
    const file = report.files[0]!;
    expect(file).toMatchObject({ file: 'enterprises.csv', source: 'enterprises.xlsx', sheet: '企业', encoding: 'xlsx', title_lines: [1], blank_lines: [5] });
    expect(file).toMatchObject({ rows_read: 4, rows_accepted: 3, rows_rejected: 1 });
    expect(file.errors).toEqual([expect.objectContaining({ line: 6, column: 'employees', rule: 'integer' })]);
    const loaded = await query(join(dir, 'w.duckdb'), 'SELECT enterprise_id, ownership, employees, CAST(founded_on AS VARCHAR) AS founded_on FROM enterprises ORDER BY 1');
    expect(loaded.map((r) => `${String(r.enterprise_id)} ${String(r.ownership)} ${String(r.employees)} ${String(r.founded_on)}`)).toEqual([
      'E001 private 120 2010-05-01',
      'E002 foreign 120 2010-05-01',
      'E004 hmt 120 2010-05-01',
    ]);
  });

  it('refuses in words: an .xls workbook, a file sent both ways, a workbook with no sheet of the file', async () => {
    const xls = await submit({ 'enterprises.xls': 'x' });
    await expect(xls.run()).rejects.toThrow(/enterprises\.xls: is an Excel 97–2003 workbook \(\.xls\); open it in Excel and save it as \.xlsx/);
    const both = await submit({ 'enterprises.xlsx': xlsxBytes([{ name: 'a', rows: [COLUMNS] }]), 'enterprises.csv': `${COLUMNS.join(',')}\n` });
    await expect(both.run()).rejects.toThrow(/enterprises\.xlsx: enterprises\.csv is in the folder too/);
    const none = await submit({ 'enterprises.xlsx': xlsxBytes([{ name: '说明', rows: [['填表说明']] }]) });
    await expect(none.run()).rejects.toThrow(/enterprises\.xlsx: no sheet has a header row of enterprises\.csv \(its sheets are "说明"\)/);
  });
});
