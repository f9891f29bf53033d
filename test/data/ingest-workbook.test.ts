/**
 * `npm run data` reads a contract file sent as an Excel workbook (`enterprises.xlsx`): every
 * sheet that holds the file's header, with the same rules, messages and accounting as a CSV,
 * per sheet, every line number being the sheet's row number; and it refuses what it cannot read
 * in words.
 * Workbooks are written by test/helpers/write-xlsx.ts.
 */
import { mkdir, readFile, writeFile } from 'node:fs/promises';
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
  return {
    dir,
    input,
    run: (sheets?: Record<string, string[]>) => runIngest({ input, out: join(dir, 'out'), report: join(dir, 'reports'), db: join(dir, 'w.duckdb'), ...(sheets === undefined ? {} : { sheets }) }),
  };
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
    expect(file).toMatchObject({ file: 'enterprises.csv', source: 'enterprises.xlsx', encoding: 'xlsx', skipped_sheets: ['说明'] });
    expect(file.sheets).toEqual([{ sheet: '企业', header_row: 2, title_rows: [1], blank_rows: [5], total_rows: [], rows_read: 4, rows_accepted: 3, rows_rejected: 1 }]);
    expect(file).toMatchObject({ rows_read: 4, rows_accepted: 3, rows_rejected: 1 });
    expect(file.errors).toEqual([expect.objectContaining({ sheet: '企业', line: 6, column: 'employees', rule: 'integer' })]);
    const rejects = await readFile(join(dir, 'reports', 'rejects', 'enterprises.csv'), 'utf8');
    expect(rejects.split('\n').slice(0, 2)).toEqual(['\ufeffsheet,line,column,rule,value,message,message_zh', expect.stringMatching(/^企业,6,employees,integer,many,/)]);
    const loaded = await query(join(dir, 'w.duckdb'), 'SELECT enterprise_id, ownership, employees, CAST(founded_on AS VARCHAR) AS founded_on FROM enterprises ORDER BY 1');
    expect(loaded.map((r) => `${String(r.enterprise_id)} ${String(r.ownership)} ${String(r.employees)} ${String(r.founded_on)}`)).toEqual([
      'E001 private 120 2010-05-01',
      'E002 foreign 120 2010-05-01',
      'E004 hmt 120 2010-05-01',
    ]);
  });

  it('reads every sheet of the file, each with its own accounting, columns in any order, duplicates found across sheets', async () => {
    const reordered = [...COLUMNS].reverse();
    const flip = (cells: XlsxCell[]) => [...cells].reverse();
    const bytes = xlsxBytes([
      { name: '石家庄', rows: [['序号', ...COLUMNS], [1, ...row('E001', '私营')], [2, ...row('E002', '国有')], ['合计', null, null, null, null, null, null, null, 240]] },
      { name: '汇总', rows: [['地区', '企业数'], ['石家庄', 2]] },
      {
        name: '唐山',
        rows: [['唐山市（2020年）'], reordered, flip(row('E003', '外商独资企业')), flip(row('E001', '私营')), [], flip(row('E004', '个体工商户', -1))],
      },
    ]);
    const { dir, run } = await submit({ 'enterprises.xlsx': bytes });
    const file = (await run()).files[0]!;
    expect(file.skipped_sheets).toEqual(['汇总']);
    expect(file.sheets).toEqual([
      { sheet: '石家庄', header_row: 1, title_rows: [], blank_rows: [], total_rows: [4], rows_read: 2, rows_accepted: 1, rows_rejected: 1 },
      { sheet: '唐山', header_row: 2, title_rows: [1], blank_rows: [5], total_rows: [], rows_read: 3, rows_accepted: 1, rows_rejected: 2 },
    ]);
    expect({ read: file.rows_read, accepted: file.rows_accepted, rejected: file.rows_rejected }).toEqual({ read: 5, accepted: 2, rejected: 3 });
    expect(file.ignored_columns).toEqual(['序号']);
    expect(file.errors.map((e) => [e.sheet, e.line, e.column, e.rule])).toEqual([
      ['石家庄', 2, 'enterprise_id', 'duplicate_key'],
      ['唐山', 4, 'enterprise_id', 'duplicate_key'],
      ['唐山', 6, 'employees', 'non_negative'],
    ]);
    expect(file.errors[0]!.message).toContain('(sheet "石家庄" row 2, sheet "唐山" row 4)');
    expect(file.errors[0]!.message_zh).toContain('（“石家庄”表第 2 行、“唐山”表第 4 行）');
    const loaded = await query(join(dir, 'w.duckdb'), 'SELECT enterprise_id, ownership FROM enterprises ORDER BY 1');
    expect(loaded).toEqual([{ enterprise_id: 'E002', ownership: 'state' }, { enterprise_id: 'E003', ownership: 'foreign' }]);
  });

  it('names the sheet whose header is wrong, and refuses a row with cells right of the header rather than dropping them', async () => {
    const badHeader = await submit({
      'enterprises.xlsx': xlsxBytes([{ name: 'A', rows: [COLUMNS, row('E001', '私营')] }, { name: 'B', rows: [[...COLUMNS, '联系电话'], [...row('E002', '私营'), '139']] }]),
    });
    await expect(badHeader.run()).rejects.toThrow(/enterprises\.xlsx, sheet "B": column "联系电话" identifies a person/);
    const wide = await submit({ 'enterprises.xlsx': xlsxBytes([{ name: 'A', rows: [COLUMNS, row('E001', '私营'), [...row('E002', '私营'), null, '备注：新建']] }]) });
    const file = (await wide.run()).files[0]!;
    expect(file.sheets![0]).toMatchObject({ rows_read: 2, rows_accepted: 1, rows_rejected: 1 });
    expect(file.errors).toEqual([expect.objectContaining({ sheet: 'A', line: 3, rule: 'field_count', message: expect.stringMatching(/^row has cells filled right of the header’s last column/) })]);
  });

  it('reads only the sheets named with --sheet, and refuses a name that is no sheet, or a sheet without the header', async () => {
    const bytes = xlsxBytes([
      { name: 'A', rows: [COLUMNS, row('E001', '私营')] },
      { name: 'A（备份）', rows: [COLUMNS, row('E001', '私营')] },
      { name: '说明', rows: [['填表说明']] },
    ]);
    const { run } = await submit({ 'enterprises.xlsx': bytes });
    // Every sheet: the backup copy repeats the enterprise, and both rows are rejected.
    expect((await run()).files[0]).toMatchObject({ rows_accepted: 0, rows_rejected: 2 });
    const named = (await run({ 'enterprises.xlsx': ['A'] })).files[0]!;
    expect(named).toMatchObject({ rows_read: 1, rows_accepted: 1, skipped_sheets: ['A（备份）', '说明'] });
    expect(named.sheets!.map((s) => s.sheet)).toEqual(['A']);
    await expect(run({ 'enterprises.xlsx': ['B'] })).rejects.toThrow(/enterprises\.xlsx: has no sheet "B" \(named with --sheet\); its sheets are "A", "A（备份）", "说明"/);
    await expect(run({ 'enterprises.xlsx': ['说明'] })).rejects.toThrow(/enterprises\.xlsx, sheet "说明": no header row of enterprises\.csv/);
    await expect(run({ 'groups.xlsx': ['A'] })).rejects.toThrow(/--sheet: groups\.xlsx is not a workbook of the submission/);
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
