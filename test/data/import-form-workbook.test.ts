/**
 * import-form reads the registration form as an Excel workbook (.xlsx) directly: the same
 * rows, rules and accounting as the form saved as CSV, with the sheet's row numbers; a
 * two-row header with merged cells; a 合计 row of formulas; dates as Excel stores them; every
 * sheet that holds a form, or one named. The workbooks are written by
 * test/helpers/write-xlsx.ts, as Excel stores such a form.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { rowsOf } from '../helpers/csv-rows.ts';
import { tempDir } from '../helpers/temp-dir.ts';
import { xlsxBytes, type XlsxCell, type XlsxSheet } from '../helpers/write-xlsx.ts';

const PERIOD = '2024-12-31';
const REGION = '130102';

/** The form's title rows, a two-row header (merged as on 附件2), eight enterprises and a 合计 row of formulas. */
function formSheet(name = '登记表'): XlsxSheet {
  const data: XlsxCell[][] = [
    [1, '石家庄华北精密机械有限公司', '私营', '建设北大街12号', '正常经营', 1234, '是', { date: '2015-03-12' }, '王建国', 1100, null],
    [2, '河北（石家庄）恒达物流有限公司', '民营企业', '中山东路88号', '正常', 156, '否', null, null, null, '老板不同意'],
    [3, '冀东外资电子有限公司', '中外合资经营企业', '黄河大道1号', '在营', { formula: '2000+50', value: 2050 }, '是', '2019年6月', '李秀英', 1800, null],
    [4, '港粤纺织（石家庄）有限公司', '有限责任公司（台港澳法人独资）', '胜利北街5号', '停产', 320, '否', null, null, 0, '职工人数少'],
    [5, '某某食品有限公司', '173', '北二环8号', '正常经营', 210, '否', null, null, null, '正在筹建'],
    [6, '石家庄新材料科技有限公司', '有限公司', '跃进路9号', '正常经营', 180, '是', 43958, '赵磊', 150, null],
    [7, '正定天元商贸有限公司', '内资企业', '和平路3号', '正常经营', 140, '否', null, null, null, null],
    [8, '鹿泉明达建材有限公司', '外商独资企业', '石铜路21号', '正常经营', 130, '是', { date: '2020-05-07' }, '孙丽华', 100, null],
  ];
  return {
    name,
    rows: [
      ['XX县（市、区）100人以上非公企业调查核实及建会情况登记表'],
      ['县（市、区）总工会名称（盖章）：长安区总工会'],
      ['序号', '企业名称', '企业所有制性质', '企业地址', '经营状况', '职工人数', '建会情况', null, null, null, '未建会原因'],
      [null, null, null, null, null, null, '是否建会', '建会时间', '工会主席姓名', '会员人数', null],
      ...data,
      ['合计', null, null, null, null, { formula: 'SUM(F5:F12)', value: 4520 }, null, null, null, { formula: 'SUM(J5:J12)', value: 3150 }, null],
    ],
    merges: ['A1:K1', 'A2:K2', 'A3:A4', 'B3:B4', 'C3:C4', 'D3:D4', 'E3:E4', 'F3:F4', 'G3:J3', 'K3:K4'],
  };
}

const notes: XlsxSheet = { name: '填表说明', rows: [['填表说明'], ['1. 企业所有制性质按营业执照填写。']] };

async function importWorkbook(sheets: readonly XlsxSheet[], extra: string[] = []) {
  const dir = await tempDir('uct-xlsx-');
  const salt = join(dir, 'salt');
  writeFileSync(salt, 'a-test-salt-that-is-long-enough-0123456789\n', { mode: 0o600 });
  const form = join(dir, '登记表.xlsx');
  writeFileSync(form, xlsxBytes(sheets));
  const out = join(dir, 'out', 'enterprises.csv');
  const result = spawnSync(process.execPath, ['scripts/import-form.ts', '--form', form, '--region', REGION, '--period', PERIOD, '--out', out, '--salt-file', salt, ...extra], { encoding: 'utf8' });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr, csv: existsSync(out) ? readFileSync(out, 'utf8') : undefined };
}


describe('import-form reads a workbook', () => {
  it('reads the form on its sheet: merged two-row header, dates and numbers as Excel stores them, the 合计 row of formulas skipped', async () => {
    const { status, stdout, stderr, csv } = await importWorkbook([notes, formSheet()]);
    expect(status, stderr).toBe(0);
    expect(stdout).toContain('workbook sheet "登记表"; lines are the sheet\'s row numbers, as Excel shows them');
    expect(stdout).toContain('title rows skipped: 2 (lines 1, 2); header rows: lines 3, 4');
    expect(stdout).toContain('合计/小计 rows skipped: 1 (line 13)');
    expect(stdout).toContain('rows read: 8');
    expect(stdout).toContain('rows written: 7');
    expect(stdout).toContain('rows refused: 1');
    expect(stdout).toMatch(/line 11: 企业所有制性质 "内资企业" is none of/);
    expect(stdout).toMatch(/有限公司 → mixed: .* \(line 10\)/);
    const pick = (r: Record<string, string>) => [r.ownership, r.status, r.employees, r.union_form, r.union_founded_on, r.members, r.no_union_reason].join(' ');
    expect(rowsOf(csv!).map(pick)).toEqual([
      'private operating 1234 unspecified 2015-03-12 1100 ',
      'private operating 156 none  0 employer_resistance',
      'foreign operating 2050 unspecified 2019-06-01 1800 ',
      'hmt suspended 320 none  0 too_few_workers',
      'private operating 210 none  0 in_progress',
      'mixed operating 180 unspecified 2020-05-07 150 ',
      'foreign operating 130 unspecified 2020-05-07 100 ',
    ]);
    // No enterprise name, address or chair name anywhere.
    for (const secret of ['华北精密', '恒达物流', '建设北大街', '王建国', '李秀英', '赵磊', '孙丽华']) {
      expect(csv).not.toContain(secret);
      expect(stdout + stderr).not.toContain(secret);
    }
  });

  it('reads every sheet holding a form (附件2 and 附件3), an enterprise on both written once, and one named with --sheet', async () => {
    const base = formSheet('附件2');
    const annex3: XlsxSheet = {
      ...formSheet('附件3'),
      rows: [
        ...base.rows.slice(0, 4),
        // The same enterprise, the same values as on 附件2 (row 7 there): written once.
        [1, '冀东外资电子有限公司', '中外合资经营企业', '黄河大道1号', '在营', 2050, '是', '2019年6月', '李秀英', 1800, null],
        // On 附件2 (row 12) with 130 employees: the two rows disagree, both are refused.
        [2, '鹿泉明达建材有限公司', '外商独资企业', '石铜路21号', '正常经营', 135, '是', { date: '2020-05-07' }, '孙丽华', 100, null],
        [3, '井陉港资矿业有限公司', '港、澳、台商独资经营企业', '矿区路2号', '正常经营', 260, '否', null, null, null, '正在筹建'],
      ],
    };
    const all = await importWorkbook([notes, base, annex3]);
    expect(all.status, all.stderr).toBe(0);
    expect(all.stdout).toContain('workbook: 2 sheets hold a form; rows are numbered as Excel shows them on each sheet');
    expect(all.stdout).toContain('sheet "附件2": rows read 8, written 6, refused 2, repeated from another sheet 0');
    expect(all.stdout).toContain('sheet "附件3": rows read 3, written 1, refused 1, repeated from another sheet 1');
    expect(all.stdout).toContain('rows read: 11\n  rows written: 7\n');
    expect(all.stdout).toContain('sheet "附件3" row 5: the same enterprise and values as sheet "附件2" row 7');
    expect(all.stdout).toMatch(/sheet "附件2" row 12: names the same enterprise as sheet "附件3" row 6 \(same 企业名称\)/);
    expect(all.stdout).toMatch(/sheet "附件3" row 6: names the same enterprise as sheet "附件2" row 12/);
    expect(all.stdout).toMatch(/sheet "附件2" row 11: 企业所有制性质 "内资企业" is none of/);
    expect(all.stdout).toMatch(/有限公司 → mixed: .* \(sheet "附件2" row 10\)/);
    expect(rowsOf(all.csv!).map((r) => `${r.ownership} ${r.employees}`)).toEqual(['private 1234', 'private 156', 'foreign 2050', 'hmt 320', 'private 210', 'mixed 180', 'hmt 260']);
    for (const secret of ['冀东外资', '鹿泉明达', '井陉港资', '矿区路']) expect(all.stdout + all.csv!).not.toContain(secret);

    const named = await importWorkbook([base, annex3], ['--sheet', '附件3']);
    expect(named.status, named.stderr).toBe(0);
    expect(named.stdout).toContain('workbook sheet "附件3"');
    expect(named.stdout).toContain('rows written: 3');
    const unknown = await importWorkbook([formSheet('长安区')], ['--sheet', '新华区']);
    expect(unknown.status).toBe(2);
    expect(unknown.stderr.trim()).toMatch(/^import-form: --sheet: .*登记表\.xlsx has no sheet "新华区"; its sheets are "长安区"$/);
  });

  it('says when no sheet holds the form, naming the sheets', async () => {
    const { status, stderr } = await importWorkbook([notes]);
    expect(status).toBe(2);
    expect(stderr).toMatch(/no sheet holds the registration form's header row .*; its sheets are "填表说明"/);
  });

  it('refuses a damaged workbook in words', async () => {
    const bytes = xlsxBytes([formSheet()]);
    const dir = await tempDir('uct-xlsx-');
    const form = join(dir, 'broken.xlsx');
    writeFileSync(form, bytes.subarray(0, Math.floor(bytes.length / 2)));
    const salt = join(dir, 'salt');
    writeFileSync(salt, 'a-test-salt-that-is-long-enough-0123456789\n', { mode: 0o600 });
    const result = spawnSync(process.execPath, ['scripts/import-form.ts', '--form', form, '--region', REGION, '--period', PERIOD, '--out', join(dir, 'o.csv'), '--salt-file', salt], { encoding: 'utf8' });
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(/the workbook cannot be read .*; open it in Excel and save it again as \.xlsx/);
  });
});
